/**
 * Exit codes of every `kafka-inbound` command. A script can trust them:
 * 0 only when everything asked for was done.
 */
const EXIT_CODES = {
  /** Everything was done. */
  ok: 0,
  /**
   * The command ran, but not everything was done: a BPMN file has errors,
   * a record was dead-lettered again or must be retried, a dead letter was
   * kept, a process has errors.
   */
  notDone: 1,
  /** The command line or an input file is wrong: nothing was done. */
  usage: 2,
  /**
   * A service the command needs (AWS, Camunda, Kafka) cannot be reached or
   * refused the credentials, or an unexpected error: run it again once
   * fixed; what was done is kept.
   */
  unavailable: 3,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM before the end. */
  interrupted: 130,
} as const;

/** The exit codes, as every `--help` prints them. */
const EXIT_CODES_TEXT = `Exit codes:
  0    everything was done
  1    the command ran, but not everything was done (see its output)
  2    usage or input error: fix the command line or the file; nothing was done
  3    AWS, Camunda or Kafka unreachable, credentials refused, or an unexpected error: run again once fixed
  130  interrupted (Ctrl-C): what was done is kept; run again to finish`;

export { EXIT_CODES, EXIT_CODES_TEXT };

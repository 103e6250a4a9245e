import { describeError } from '../common/index.js';
import type { EnvName } from '../env/index.js';
import { CliError, CliUsageError } from './errors.js';
import { type CliIo, processIo } from './io.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const USAGE = `Usage: kafka-inbound <command> [options]

Commands:
  validate [--json] [--prefix <s3 key prefix>] <file.bpmn>...
                                       Read BPMN files and show the Kafka bindings they ask for
  replay --bpmn <file> --events <file> [--binding <id>] [--dry-run] [--dead-letter <file.jsonl>] [--timeout-s <n>]
                                       Run recorded ESM events through the consumer against Camunda
  status [<processId>] [--json]        Show what the provisioner deployed (reads AWS)
  start [--processes <dir>] [--dead-letter <file.jsonl>] [--no-deploy]
                                       Run the bindings of a folder of BPMN files against Kafka locally

Exit codes: 0 ok, 1 the input has errors (or records were not done), 2 usage or runtime error.`;

// Commands are loaded on demand so that `validate` does not pay for kafkajs
// or the AWS SDK.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./validate.js')).runValidate,
  replay: async () => (await import('./replay.js')).runReplay,
  status: async () => (await import('./status.js')).runStatus,
  start: async () => (await import('./start.js')).runStart,
};

/**
 * Runs the `kafka-inbound` CLI and returns its exit code.
 *
 * @param argv - the arguments after the program name
 * @param io - streams and environment (the process's by default)
 */
const main = async (
  argv: readonly string[],
  io: CliIo = processIo()
): Promise<number> => {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.err(`kafka-inbound: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`kafka-inbound ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof CliError) {
      io.err(`kafka-inbound ${name}: ${error.message}`);
      return 2;
    }
    // Anything else is a bug or an environment problem: say it in one line,
    // never with a stack trace (set DEBUG=kafka-inbound for the trace).
    const message = describeError(error);
    io.err(`kafka-inbound ${name}: ${message}`);
    if (
      io.env['DEBUG' satisfies EnvName]?.includes('kafka-inbound') &&
      error instanceof Error
    ) {
      io.err(error.stack ?? '');
    }
    return 2;
  }
};

export { main, USAGE };

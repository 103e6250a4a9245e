import { EXIT_CODES, EXIT_CODES_TEXT } from './constants.js';
import { describeCliError } from './describeCliError.js';
import { CliUsageError } from './errors.js';
import { formatHelp } from './formatHelp.js';
import { formatUsage } from './formatUsage.js';
import { type CliIo, processIo } from './io.js';
import { parseCommandArgs, wantsHelp } from './parseCommandArgs.js';
import { readCliEnv } from './readCliEnv.js';
import type { CommandSpec } from './types.js';

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<CommandSpec>;
}

// Commands are loaded on demand so that `validate` does not pay for kafkajs
// or the AWS SDK.
const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  validate: {
    summary: 'read BPMN files and show the Kafka bindings they ask for',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  replay: {
    summary:
      'run recorded ESM events or dead letters through the consumer against Camunda',
    load: async () => (await import('./replay.js')).replayCommand,
  },
  redrive: {
    summary:
      'send dead letters again (SQS queue or local file) and remove each one that is done',
    load: async () => (await import('./redrive.js')).redriveCommand,
  },
  status: {
    summary: 'show what the provisioner deployed (reads AWS)',
    load: async () => (await import('./status.js')).statusCommand,
  },
  start: {
    summary:
      'run the bindings of a folder of BPMN files against Kafka locally (npm start)',
    load: async () => (await import('./start.js')).startCommand,
  },
};

const USAGE = `usage: kafka-inbound <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, entry]) => `  ${name.padEnd(10)}${entry.summary}`)
  .join('\n')}

Every command takes --help (its options and examples) and --json (one JSON
document or JSON lines on standard output, failures included).

${EXIT_CODES_TEXT}`;

/** Prints a failure: a line and a hint on stderr, or one JSON line on stdout. */
const report = (
  io: CliIo,
  command: string | undefined,
  json: boolean,
  error: unknown,
  usage?: string
): number => {
  const failure = describeCliError(error);
  if (json) {
    io.out(
      JSON.stringify({
        ok: false,
        ...(command === undefined ? {} : { command }),
        exitCode: failure.exitCode,
        error: {
          kind: failure.kind,
          message: failure.message,
          ...(failure.hint === undefined ? {} : { hint: failure.hint }),
        },
      })
    );
  } else {
    io.err(
      `kafka-inbound${command === undefined ? '' : ` ${command}`}: ${failure.message}`
    );
    if (failure.showUsage === true && usage !== undefined) io.err(usage);
    if (failure.hint !== undefined) io.err(`  next: ${failure.hint}`);
  }
  if (
    failure.kind === 'internal' &&
    readCliEnv(io.env).text('DEBUG')?.includes('kafka-inbound') &&
    error instanceof Error
  ) {
    io.err(error.stack ?? '');
  }
  return failure.exitCode;
};

/**
 * Runs the `kafka-inbound` CLI and returns its exit code (see
 * EXIT_CODES): `kafka-inbound <command> [options]`, `kafka-inbound help
 * [<command>]`, `kafka-inbound <command> --help`.
 *
 * @param argv - the arguments after the program name
 * @param io - streams and environment (the process's by default)
 */
const main = async (
  argv: readonly string[],
  io: CliIo = processIo()
): Promise<number> => {
  const [name, ...args] = argv;
  const json = args.includes('--json');
  if (name === undefined) {
    io.err(USAGE);
    return EXIT_CODES.usage;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = args[0] === undefined ? undefined : COMMANDS[args[0]];
    io.out(topic === undefined ? USAGE : formatHelp(await topic.load()));
    return EXIT_CODES.ok;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    return report(
      io,
      undefined,
      json,
      new CliUsageError(`unknown command '${name}'`, {
        showUsage: true,
        hint: `one of ${Object.keys(COMMANDS).join(', ')}; kafka-inbound --help lists them`,
      })
    );
  }
  let spec: CommandSpec | undefined;
  try {
    spec = await entry.load();
    if (wantsHelp(args)) {
      io.out(formatHelp(spec));
      return EXIT_CODES.ok;
    }
    return await spec.run(parseCommandArgs(spec, args), io);
  } catch (error) {
    return report(
      io,
      name,
      json,
      error,
      spec === undefined
        ? undefined
        : `${formatUsage(spec)}\n  (kafka-inbound ${name} --help explains each option)`
    );
  }
};

export { COMMANDS, main, USAGE };

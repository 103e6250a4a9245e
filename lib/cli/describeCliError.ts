import { EXIT_CODES } from './constants.js';
import { CliError, type CliErrorKind } from './errors.js';

/** A failure as every command reports it (text, or `--json`). */
interface CliFailure {
  readonly exitCode: number;
  readonly kind: CliErrorKind | 'internal';
  readonly message: string;
  readonly hint?: string;
  /** Print the usage line: the command line itself is wrong. */
  readonly showUsage?: boolean;
}

/** The messages of an error and its causes, once each. */
const messagesOf = (error: unknown): string => {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && parts.length < 4) {
    if (
      !parts.some((part) =>
        part.includes(current instanceof Error ? current.message : '')
      )
    ) {
      parts.push(current.message);
    }
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
};

/**
 * What to tell the user about an error a command threw: CLI errors carry
 * their kind, exit code and hint; configuration errors of the modules
 * (named `…ConfigError`) are settings to fix (exit 2); anything else could
 * not run (exit 3) and says how to see the stack trace.
 *
 * @param error - what the command threw
 */
const describeCliError = (error: unknown): CliFailure => {
  if (error instanceof CliError) {
    return {
      exitCode: error.exitCode,
      kind: error.kind,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.showUsage ? { showUsage: true } : {}),
    };
  }
  if (error instanceof Error && /ConfigError$/.test(error.name)) {
    return {
      exitCode: EXIT_CODES.usage,
      kind: 'config',
      message: messagesOf(error),
      hint: 'fix the setting named above (environment variables: docs/camunda.md and docs/local-runtime.md)',
    };
  }
  return {
    exitCode: EXIT_CODES.unavailable,
    kind: 'internal',
    message: messagesOf(error),
    hint: 'run again with DEBUG=kafka-inbound for the stack trace',
  };
};

export type { CliFailure };
export { describeCliError };

import { EXIT_CODES } from './constants.js';

/** What kind of failure a CLI error is, as `--json` reports it. */
type CliErrorKind = 'usage' | 'input' | 'config' | 'unavailable';

interface CliErrorOptions extends ErrorOptions {
  readonly hint?: string;
  readonly showUsage?: boolean;
}

/** Base class of the errors a CLI command reports to its user. */
class CliError extends Error {
  readonly kind: CliErrorKind = 'usage';
  /** What to do next, in one sentence (printed after the message). */
  readonly hint?: string;
  /** The command line itself is wrong: the usage line is printed too. */
  readonly showUsage: boolean;

  constructor(message: string, options?: CliErrorOptions) {
    super(message, options);
    this.name = 'CliError';
    if (options?.hint !== undefined) this.hint = options.hint;
    this.showUsage = options?.showUsage === true;
  }

  /** The exit code the command ends with. */
  get exitCode(): number {
    return this.kind === 'unavailable'
      ? EXIT_CODES.unavailable
      : EXIT_CODES.usage;
  }
}

/** The command line is not what the command takes. */
class CliUsageError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, options);
    this.name = 'CliUsageError';
  }
}

/** An input file cannot be read or has the wrong shape. */
class CliInputError extends CliError {
  override readonly kind: CliErrorKind = 'input';
  readonly file: string;

  constructor(file: string, message: string, options?: CliErrorOptions) {
    super(`${file}: ${message}`, options);
    this.name = 'CliInputError';
    this.file = file;
  }
}

/** A setting (environment variable or option value) is missing or wrong. */
class CliConfigError extends CliError {
  override readonly kind: CliErrorKind = 'config';

  constructor(message: string, options?: CliErrorOptions) {
    super(message, options);
    this.name = 'CliConfigError';
  }
}

/**
 * A service the command needs (AWS, Camunda, Kafka) cannot be reached or
 * refused the request; running again once it is fixed is safe.
 */
class CliUnavailableError extends CliError {
  override readonly kind: CliErrorKind = 'unavailable';

  constructor(message: string, options?: CliErrorOptions) {
    super(message, options);
    this.name = 'CliUnavailableError';
  }
}

export type { CliErrorKind };
export {
  CliConfigError,
  CliError,
  CliInputError,
  CliUnavailableError,
  CliUsageError,
};

/** Base class of the errors a CLI command reports to its user (exit code 2). */
class CliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** The command line is not what the command takes. */
class CliUsageError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliUsageError';
  }
}

/** An input file cannot be read or has the wrong shape. */
class CliInputError extends CliError {
  readonly file: string;

  constructor(file: string, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.name = 'CliInputError';
    this.file = file;
  }
}

export { CliError, CliInputError, CliUsageError };

/** Base class of the platform settings errors. */
class PlatformError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PlatformError';
  }
}

/** An environment variable of the platform settings has an unusable value. */
class PlatformConfigError extends PlatformError {
  readonly variable: string;

  constructor(variable: string, problem: string, options?: ErrorOptions) {
    super(`${variable} ${problem}`, options);
    this.name = 'PlatformConfigError';
    this.variable = variable;
  }
}

export { PlatformConfigError, PlatformError };

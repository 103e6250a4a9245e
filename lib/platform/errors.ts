/** An environment variable of the platform settings has an unusable value. */
class PlatformConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, problem: string, options?: ErrorOptions) {
    super(`${variable} ${problem}`, options);
    this.name = 'PlatformConfigError';
    this.variable = variable;
  }
}

export { PlatformConfigError };

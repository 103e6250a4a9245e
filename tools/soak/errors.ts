/** Base class of the soak's errors. */
class SoakError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SoakError';
  }
}

/** A command-line option of the soak is missing or wrong. */
class SoakArgumentError extends SoakError {
  readonly option: string;

  constructor(option: string, message: string, options?: ErrorOptions) {
    super(`${option}: ${message}`, options);
    this.name = 'SoakArgumentError';
    this.option = option;
  }
}

/**
 * What a Camunda call of a killed invocation gets: the function instance is
 * gone, nobody hears the answer.
 */
class SoakInvocationKilledError extends SoakError {
  constructor(options?: ErrorOptions) {
    super('The invocation was killed', options);
    this.name = 'SoakInvocationKilledError';
  }
}

export { SoakArgumentError, SoakError, SoakInvocationKilledError };

/** A command-line option of the soak is missing or wrong. */
class SoakArgumentError extends Error {
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
class SoakInvocationKilledError extends Error {
  constructor(options?: ErrorOptions) {
    super('The invocation was killed', options);
    this.name = 'SoakInvocationKilledError';
  }
}

/** The soak's virtual clock cannot go on (a run waits on nothing). */
class SoakClockError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`Virtual clock: ${message}`, options);
    this.name = 'SoakClockError';
  }
}

export { SoakArgumentError, SoakClockError, SoakInvocationKilledError };

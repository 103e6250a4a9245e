/** Base class of the redrive module's errors. */
class RedriveError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RedriveError';
  }
}

/** A dead-letter source could not be read or written. */
class DeadLetterSourceError extends RedriveError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeadLetterSourceError';
  }
}

export { DeadLetterSourceError, RedriveError };

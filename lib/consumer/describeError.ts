/** The message of an error, or the thrown value as text. */
const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export { describeError };

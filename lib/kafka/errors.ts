/** Base class of the errors of the Kafka event module. */
class KafkaError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KafkaError';
  }
}

/** The input is not a Kafka event source mapping event. */
class KafkaEventInvalidError extends KafkaError {
  /** What was wrong with the input. */
  readonly problem: string;

  constructor(problem: string, options?: ErrorOptions) {
    super(`Not a Kafka event: ${problem}`, options);
    this.name = 'KafkaEventInvalidError';
    this.problem = problem;
  }
}

export { KafkaError, KafkaEventInvalidError };

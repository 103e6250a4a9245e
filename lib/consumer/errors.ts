import type { KafkaBatchResponse } from '../kafka/types.js';

/** Base class of the errors of the consumer module. */
class ConsumerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConsumerError';
  }
}

/**
 * Thrown by `toHandlerResponse` for an on-demand ESM, which ignores partial
 * batch responses: throwing makes Lambda retry the batch.
 */
class ConsumerBatchFailedError extends ConsumerError {
  /** The records that must be retried, one per topic-partition. */
  readonly failures: KafkaBatchResponse['batchItemFailures'];

  constructor(
    failures: KafkaBatchResponse['batchItemFailures'],
    options?: ErrorOptions
  ) {
    const list = failures
      .map((f) => `${f.itemIdentifier.partition}@${f.itemIdentifier.offset}`)
      .join(', ');
    super(`Records must be retried: ${list}`, options);
    this.name = 'ConsumerBatchFailedError';
    this.failures = failures;
  }
}

export { ConsumerBatchFailedError, ConsumerError };

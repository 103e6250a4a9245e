import type { KafkaBatchResponse } from '../kafka/types.js';

/**
 * Thrown by `toHandlerResponse` for an on-demand ESM, which ignores partial
 * batch responses: throwing makes Lambda retry the batch.
 */
class ConsumerBatchFailedError extends Error {
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

export { ConsumerBatchFailedError };

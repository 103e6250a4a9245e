import type { KafkaBatchResponse } from '../kafka/types.js';
import { ConsumerBatchFailedError } from './errors.js';
import type { BatchResult, EsmMode } from './types.js';

/**
 * What the handler returns: the partial batch response for a provisioned
 * ESM; for an on-demand ESM (which ignores it) a thrown
 * {@link ConsumerBatchFailedError} when any record must be retried.
 *
 * @param result - The batch result.
 * @param esmMode - How the binding's ESM runs.
 */
const toHandlerResponse = (
  result: BatchResult,
  esmMode: EsmMode
): KafkaBatchResponse => {
  const failures = result.response.batchItemFailures;
  if (esmMode === 'onDemand' && failures.length > 0) {
    throw new ConsumerBatchFailedError(failures);
  }
  return result.response;
};

export { toHandlerResponse };

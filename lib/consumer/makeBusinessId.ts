import { createHash } from 'node:crypto';
import type { KafkaEventRecord } from '../kafka/types.js';
import { MAX_BUSINESS_ID_LENGTH } from './constants.js';

/**
 * The business id of the instance a record creates:
 * `<binding id>:<topic>:<partition>:<offset>`, the same coordinates as the
 * idempotency key, so a redelivered record always carries the same id. When
 * that is longer than Camunda allows (long topic names), its SHA-256 in hex
 * is used instead, which is still deterministic.
 *
 * @param bindingId - The binding's id.
 * @param record - The record, as the ESM delivered it.
 */
const makeBusinessId = (
  bindingId: string,
  record: Pick<KafkaEventRecord, 'topic' | 'partition' | 'offset'>
): string => {
  const id = `${bindingId}:${record.topic}:${record.partition}:${record.offset}`;
  if (id.length <= MAX_BUSINESS_ID_LENGTH) return id;
  return `sha256:${createHash('sha256').update(id).digest('hex')}`;
};

export { makeBusinessId };

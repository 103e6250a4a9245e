import { createHash } from 'node:crypto';
import type { KafkaEventRecord } from '../kafka/types.js';
import { MAX_BUSINESS_ID_LENGTH } from './constants.js';
import { makeRecordKey } from './makeRecordKey.js';

/**
 * The business id of the instance a record creates: the record's key
 * (`makeRecordKey`: binding, cluster, topic, partition, offset, timestamp),
 * the same as the idempotency key, so a redelivered record always carries
 * the same id and a record of another cluster or of a re-created topic
 * never carries the id of an instance that is still active. When that is
 * longer than Camunda allows (long topic names), its SHA-256 in hex is used
 * instead, which is still deterministic.
 *
 * @param bindingId - The binding's id.
 * @param cluster - `clusterIdentity` of the record's event.
 * @param record - The record, as the ESM delivered it.
 */
const makeBusinessId = (
  bindingId: string,
  cluster: string,
  record: Pick<KafkaEventRecord, 'topic' | 'partition' | 'offset' | 'timestamp'>
): string => {
  const id = makeRecordKey(bindingId, cluster, record);
  if (id.length <= MAX_BUSINESS_ID_LENGTH) return id;
  return `sha256:${createHash('sha256').update(id).digest('hex')}`;
};

export { makeBusinessId };

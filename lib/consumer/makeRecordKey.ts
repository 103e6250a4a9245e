import type { KafkaEventRecord } from '../kafka/types.js';
import { hashCluster } from './hashCluster.js';

/**
 * The identity of one record for one binding, as idempotency keys,
 * dead-letter keys and business ids use it:
 * `<binding id>:<cluster hash>:<topic>:<partition>:<offset>:<timestamp>`.
 *
 * - The cluster (lib/kafka `clusterIdentity`, hashed) keeps a binding moved
 *   to another cluster from taking its new records for ones seen on the old
 *   cluster.
 * - The record's timestamp tells a topic deleted and created again under
 *   the same name from the old one: a record at one offset of one topic
 *   never changes, so a redelivery has the same timestamp (and the same
 *   key), while the record now at that offset of a new topic was written
 *   later (log append time) or by a producer that stamped its own time
 *   (create time); only a producer that copies the old records' timestamps
 *   to the same offsets (then they are the same records) is not told apart.
 *
 * @param bindingId - the binding's id
 * @param cluster - `clusterIdentity` of the event the record came in
 * @param record - the record as the ESM delivered it
 */
const makeRecordKey = (
  bindingId: string,
  cluster: string,
  record: Pick<KafkaEventRecord, 'topic' | 'partition' | 'offset' | 'timestamp'>
): string =>
  `${bindingId}:${hashCluster(cluster)}:${record.topic}:${record.partition}:${record.offset}:${record.timestamp ?? ''}`;

export { makeRecordKey };

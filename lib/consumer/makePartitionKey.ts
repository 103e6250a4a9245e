import type { KafkaPartitionBatch } from '../kafka/types.js';
import { hashCluster } from './hashCluster.js';

/**
 * The key of one partition's resolved offsets for one binding:
 * `<binding id>:<cluster hash>:<topic>:<partition>`. The cluster (as in
 * `makeRecordKey`) keeps a binding moved to another cluster from skipping
 * its new records as "resolved by an earlier delivery" on the old one.
 *
 * @param bindingId - the binding's id
 * @param cluster - `clusterIdentity` of the event the batch came in
 * @param batch - the partition (its topic and number)
 */
const makePartitionKey = (
  bindingId: string,
  cluster: string,
  batch: Pick<KafkaPartitionBatch, 'topic' | 'partition'>
): string =>
  `${bindingId}:${hashCluster(cluster)}:${batch.topic}:${batch.partition}`;

export { makePartitionKey };

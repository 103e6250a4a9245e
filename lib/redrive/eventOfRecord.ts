import type { KafkaEvent, KafkaEventRecord } from '../kafka/types.js';

/**
 * A one-record ESM event for a dead letter's record, from the cluster the
 * letter names: an MSK cluster ARN becomes `eventSourceArn`, `bootstrap:…`
 * the self-managed `bootstrapServers`, so the batch processor derives the
 * same cluster identity (and so the same idempotency keys and business id)
 * as when the record first came; without a cluster, the binding's servers.
 *
 * @param record - the record (from the letter, or read again from Kafka)
 * @param cluster - the letter's `cluster`, when it has one
 * @param servers - the binding's bootstrap servers
 */
const eventOfRecord = (
  record: KafkaEventRecord,
  cluster: string | undefined,
  servers: readonly string[]
): KafkaEvent => {
  const records = { [`${record.topic}-${record.partition}`]: [record] };
  if (cluster?.startsWith('arn:')) {
    return { eventSource: 'aws:kafka', eventSourceArn: cluster, records };
  }
  const bootstrapServers = cluster?.startsWith('bootstrap:')
    ? cluster.slice('bootstrap:'.length)
    : cluster === 'unknown'
      ? undefined
      : servers.join(',');
  return {
    eventSource: 'SelfManagedKafka',
    ...(bootstrapServers === undefined || bootstrapServers === ''
      ? {}
      : { bootstrapServers }),
    records,
  };
};

export { eventOfRecord };

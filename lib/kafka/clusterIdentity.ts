import type { KafkaEvent } from './types.js';

/**
 * Which Kafka cluster an event's records come from, as far as the event
 * says: the MSK cluster ARN (it ends with the cluster's UUID, so a cluster
 * deleted and created again under the same name is another cluster), or
 * `bootstrap:` and the self-managed cluster's bootstrap servers, lower-cased
 * and sorted (their order does not change the cluster), without any user
 * info. `unknown` when the event names neither (hand-written replay files).
 *
 * Idempotency and dead-letter keys carry it, so records of a binding moved
 * to another cluster are never taken for records seen on the old one.
 *
 * @param event - the ESM event (only its source fields are read)
 * @example
 * ```ts
 * clusterIdentity({ eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092,a:9092', records: {} });
 * // 'bootstrap:a:9092,b:9092'
 * ```
 */
const clusterIdentity = (
  event: Pick<KafkaEvent, 'eventSourceArn' | 'bootstrapServers'>
): string => {
  const arn = event.eventSourceArn?.trim();
  if (arn) return arn;
  const servers = (event.bootstrapServers ?? '')
    .split(',')
    .map((server) =>
      server
        .trim()
        .toLowerCase()
        // `SASL_SSL://user:pw@host:9092` → `host:9092`
        .replace(/^[a-z][a-z0-9+._-]*:\/\//, '')
        .replace(/^[^@/]*@/, '')
    )
    .filter((server) => server !== '');
  return servers.length === 0
    ? 'unknown'
    : `bootstrap:${[...new Set(servers)].sort().join(',')}`;
};

export { clusterIdentity };

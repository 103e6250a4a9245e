import type { Binding } from '../binding/types.js';

/**
 * Who a binding is to Kafka: cluster, topic and consumer group. Two bindings
 * of one process with the same identity would split the topic's partitions
 * between them, so the versions that have them share one mapping instead
 * (the latest version's settings win).
 *
 * @param binding - a binding
 */
const consumerIdentity = (binding: Binding): string =>
  JSON.stringify([
    [...binding.kafka.bootstrapServers].map((s) => s.trim()).sort(),
    binding.kafka.topic,
    binding.kafka.groupId,
  ]);

export { consumerIdentity };

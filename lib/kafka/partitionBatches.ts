import type {
  KafkaEvent,
  KafkaEventRecord,
  KafkaPartitionBatch,
} from './types.js';

const isInOffsetOrder = (records: readonly KafkaEventRecord[]): boolean => {
  for (let i = 1; i < records.length; i++) {
    const previous = records[i - 1];
    const current = records[i];
    if (previous && current && previous.offset > current.offset) return false;
  }
  return true;
};

/**
 * Topic and partition of a group: from its records; from the key only when
 * the group is empty, split on the last `-` since topic names may hold `-`.
 */
const coordinatesOf = (
  id: string,
  records: readonly KafkaEventRecord[]
): { topic: string; partition: number } => {
  const first = records[0];
  if (first) return { topic: first.topic, partition: first.partition };
  const dash = id.lastIndexOf('-');
  return {
    topic: dash < 0 ? id : id.slice(0, dash),
    partition: dash < 0 ? Number.NaN : Number(id.slice(dash + 1)),
  };
};

/**
 * Splits an event into its topic-partitions, each in offset order (the ESM
 * sends them that way; a shuffled replay file is sorted, not trusted).
 * Groups without records are left out.
 *
 * @param event - A Kafka ESM event.
 */
const partitionBatches = (event: KafkaEvent): KafkaPartitionBatch[] => {
  const batches: KafkaPartitionBatch[] = [];
  for (const [id, group] of Object.entries(event.records)) {
    if (group.length === 0) continue;
    const records = isInOffsetOrder(group)
      ? group
      : [...group].sort((a, b) => a.offset - b.offset);
    batches.push({ id, ...coordinatesOf(id, records), records });
  }
  return batches;
};

export { partitionBatches };

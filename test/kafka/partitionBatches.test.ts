import { describe, expect, it } from 'vitest';
import { partitionBatches } from '../../lib/kafka/index.js';
import type { KafkaEvent } from '../../lib/kafka/types.js';
import { loadEvent, recordFactory } from '../support/factories/index.js';

describe('Function: partitionBatches', () => {
  it('reads topic and partition from the records, even with dashes in the topic', () => {
    // Prepare
    const event = loadEvent('self-managed-legacy-source');

    // Act
    const batches = partitionBatches(event);

    // Assess
    expect(
      batches.map(({ id, topic, partition }) => ({ id, topic, partition }))
    ).toEqual([
      {
        id: 'my-topic-with-dashes-0',
        topic: 'my-topic-with-dashes',
        partition: 0,
      },
    ]);
  });

  it('returns one batch per partition of an MSK event', () => {
    // Prepare
    const event = loadEvent('msk');

    // Act
    const batches = partitionBatches(event);

    // Assess
    expect(batches.map((b) => [b.id, b.records.map((r) => r.offset)])).toEqual([
      ['order-events-0', [15, 16]],
      ['order-events-1', [3]],
    ]);
  });

  it('sorts records that are out of offset order and leaves out empty groups', () => {
    // Prepare
    const event: KafkaEvent = {
      eventSource: 'aws:kafka',
      records: {
        'orders-0': [5, 3, 4].map((offset) => recordFactory({ offset })),
        'orders-1': [],
      },
    };

    // Act
    const batches = partitionBatches(event);

    // Assess
    expect(batches).toHaveLength(1);
    expect(batches[0]?.records.map((r) => r.offset)).toEqual([3, 4, 5]);
  });
});

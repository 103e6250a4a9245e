import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventRecord,
} from '../../lib/kafka/types.js';
import {
  EventCollector,
  readFailures,
} from '../../lib/local/EventCollector.js';

const record = (
  topic: string,
  partition: number,
  offset: number
): KafkaEventRecord => ({
  topic,
  partition,
  offset,
  timestamp: 0,
  timestampType: 'CREATE_TIME',
  value: null,
  headers: [],
});

const event: KafkaEvent = {
  eventSource: 'SelfManagedKafka',
  bootstrapServers: 'b:9092',
  records: {
    'my-topic-0': [record('my-topic', 0, 5), record('my-topic', 0, 6)],
    'my-topic-1': [record('my-topic', 1, 9)],
  },
};

const failure = (partition: string, offset: number) => ({
  itemIdentifier: { partition, offset },
});

describe('Function: readFailures', () => {
  it.each([
    { case: 'null', response: null },
    { case: 'an empty object', response: {} },
    { case: 'no failures', response: { batchItemFailures: [] } },
  ])('reports no failure for $case', ({ response }) => {
    // Act
    const result = readFailures(event, response);

    // Assess
    expect(result.failures.size).toBe(0);
    expect(result.invalid).toBeUndefined();
  });

  it('keeps the lowest reported offset of each partition', () => {
    // Act
    const result = readFailures(event, {
      batchItemFailures: [failure('my-topic-0', 6), failure('my-topic-0', 5)],
    });

    // Assess
    expect([...result.failures]).toEqual([['my-topic-0', 5]]);
  });

  it.each([
    { case: 'an unknown partition', item: failure('other-0', 5) },
    { case: 'an offset not in the batch', item: failure('my-topic-1', 10) },
    { case: 'a string identifier', item: { itemIdentifier: 'my-topic-0-5' } },
  ])('fails every partition at its first record for $case', ({ item }) => {
    // Act
    const result = readFailures(event, { batchItemFailures: [item] });

    // Assess
    expect([...result.failures]).toEqual([
      ['my-topic-0', 5],
      ['my-topic-1', 9],
    ]);
    expect(result.invalid).toBeDefined();
  });
});

describe('Class: EventCollector', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('gathers partitions into one event and invokes when the window ends', async () => {
    // Prepare
    const invoked: KafkaEvent[] = [];
    const collector = new EventCollector({
      batchSize: 10,
      batchWindowMs: 500,
      bootstrapServers: 'b:9092',
      processBatch: async (received) => {
        invoked.push(received);
        return {
          batchItemFailures: [failure('t-1', 3)],
        } satisfies KafkaBatchResponse;
      },
    });

    // Act
    const first = collector.add([record('t', 0, 1), record('t', 0, 2)]);
    const second = collector.add([record('t', 1, 3)]);
    await vi.advanceTimersByTimeAsync(499);
    const before = invoked.length;
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expect(before).toBe(0);
    expect(invoked).toEqual([
      {
        eventSource: 'SelfManagedKafka',
        bootstrapServers: 'b:9092',
        records: {
          't-0': [record('t', 0, 1), record('t', 0, 2)],
          't-1': [record('t', 1, 3)],
        },
      },
    ]);
    await expect(first.outcome).resolves.toEqual({});
    await expect(second.outcome).resolves.toEqual({ failedOffset: 3 });
  });

  it('invokes as soon as the batch is full and takes no more than fits', async () => {
    // Prepare
    const sizes: number[] = [];
    const collector = new EventCollector({
      batchSize: 3,
      batchWindowMs: 60_000,
      bootstrapServers: 'b:9092',
      processBatch: async (received) => {
        sizes.push(Object.values(received.records).flat().length);
        return { batchItemFailures: [] };
      },
    });

    // Act
    const first = collector.add([record('t', 0, 1)]);
    const second = collector.add([1, 2, 3, 4].map((n) => record('t', 1, n)));
    await first.outcome;

    // Assess
    expect(second.taken.map((r) => r.offset)).toEqual([1, 2]);
    expect(sizes).toEqual([3]);
  });

  it('fails every partition when processBatch throws', async () => {
    // Prepare
    const invalid: string[] = [];
    const collector = new EventCollector({
      batchSize: 1,
      batchWindowMs: 10,
      bootstrapServers: 'b:9092',
      processBatch: async () => {
        throw new Error('boom');
      },
      onInvalid: (reason) => invalid.push(reason),
    });

    // Act
    const { outcome } = collector.add([record('t', 0, 7)]);

    // Assess
    await expect(outcome).resolves.toEqual({ failedOffset: 7 });
    expect(invalid).toEqual(['the batch failed: boom']);
  });
});

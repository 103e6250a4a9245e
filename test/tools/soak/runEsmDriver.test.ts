import { describe, expect, it } from 'vitest';
import type { KafkaEvent, KafkaEventRecord } from '../../../lib/kafka/types.js';
import {
  commitsFromResponse,
  type EsmInvocation,
  type EsmInvocationOutcome,
  runEsmDriver,
} from '../../../tools/soak/index.js';

const record = (partition: number, offset: number): KafkaEventRecord => ({
  topic: 't',
  partition,
  offset,
  timestamp: 0,
  value: null,
});

const partitionsOf = (...sizes: number[]): KafkaEventRecord[][] =>
  sizes.map((size, p) => Array.from({ length: size }, (_, o) => record(p, o)));

const eventOf = (records: Record<string, KafkaEventRecord[]>): KafkaEvent => ({
  eventSource: 'SelfManagedKafka',
  records,
});

const failure = (partition: string, offset: number) => ({
  itemIdentifier: { partition, offset },
});

const offsetsOf = (event: KafkaEvent, id: string): number[] =>
  (event.records[id] ?? []).map((r) => r.offset);

describe('Function: commitsFromResponse', () => {
  const event = eventOf({
    't-0': [record(0, 5), record(0, 6), record(0, 7)],
    't-1': [record(1, 2)],
  });

  it.each([
    {
      name: 'commits every partition to its end when nothing failed',
      failures: [],
      expected: { 't-0': 8, 't-1': 3 },
    },
    {
      name: 'commits a partition up to its reported failure',
      failures: [failure('t-0', 6)],
      expected: { 't-0': 6, 't-1': 3 },
    },
    {
      name: 'takes the lowest of several failures of one partition',
      failures: [failure('t-0', 7), failure('t-0', 5)],
      expected: { 't-0': 5, 't-1': 3 },
    },
  ])('$name', ({ failures, expected }) => {
    // Act
    const commits = commitsFromResponse(event, {
      batchItemFailures: failures,
    });

    // Assess
    expect(Object.fromEntries(commits ?? [])).toEqual(expected);
  });

  it.each([
    { name: 'a partition not in the event', item: failure('t-9', 5) },
    { name: 'an offset not in the event', item: failure('t-0', 4) },
  ])('returns undefined for $name (the whole batch is retried)', ({ item }) => {
    // Act
    const commits = commitsFromResponse(event, { batchItemFailures: [item] });

    // Assess
    expect(commits).toBeUndefined();
  });
});

describe('Function: runEsmDriver', () => {
  const drive = (
    sizes: number[],
    invoke: (invocation: EsmInvocation) => EsmInvocationOutcome,
    overrides: { batchSize?: number; pollers?: number; max?: number } = {}
  ) => {
    const seen: EsmInvocation[] = [];
    const result = runEsmDriver({
      partitions: partitionsOf(...sizes),
      batchSize: overrides.batchSize ?? 4,
      pollers: overrides.pollers ?? 1,
      invoke: async (invocation) => {
        seen.push(invocation);
        return invoke(invocation);
      },
      deadlineMs: 60_000,
      maxInvocations: overrides.max ?? 100,
    });
    return { result, seen };
  };

  it('delivers batches from the committed offsets until every partition is committed', async () => {
    // Act
    const { result, seen } = drive([3, 2], () => ({
      kind: 'response',
      response: { batchItemFailures: [] },
    }));

    // Assess
    expect(await result).toMatchObject({
      invocations: 2,
      committed: [3, 2],
      completed: true,
      commitRegressions: 0,
    });
    expect(seen.map((s) => offsetsOf(s.event, 't-0'))).toEqual([[0, 1], [2]]);
    expect(seen.map((s) => offsetsOf(s.event, 't-1'))).toEqual([[0, 1], []]);
    expect(seen[0]?.event.eventSource).toBe('SelfManagedKafka');
  });

  it('redelivers a partition from its reported failure', async () => {
    // Prepare
    let first = true;

    // Act
    const { result, seen } = drive([4], () => {
      const response = first
        ? { batchItemFailures: [failure('t-0', 1)] }
        : { batchItemFailures: [] };
      first = false;
      return { kind: 'response', response };
    });

    // Assess
    expect((await result).committed).toEqual([4]);
    expect(seen.map((s) => offsetsOf(s.event, 't-0'))).toEqual([
      [0, 1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('redelivers the whole batch after a failed invocation', async () => {
    // Prepare
    let calls = 0;

    // Act
    const { result, seen } = drive([2, 2], () =>
      calls++ === 0
        ? { kind: 'failed' }
        : { kind: 'response', response: { batchItemFailures: [] } }
    );

    // Assess
    expect(await result).toMatchObject({
      failedInvocations: 1,
      completed: true,
    });
    expect(seen[1]?.event).toEqual(seen[0]?.event);
  });

  it('retries the whole batch when the response names an offset not delivered', async () => {
    // Prepare
    let calls = 0;

    // Act
    const { result } = drive([2], () => ({
      kind: 'response',
      response: {
        batchItemFailures: calls++ === 0 ? [failure('t-0', 99)] : [],
      },
    }));

    // Assess
    expect(await result).toMatchObject({
      invalidResponses: 1,
      committed: [2],
    });
  });

  it('gives each poller its own partitions, never one partition twice at once', async () => {
    // Act
    const { result, seen } = drive(
      [2, 2, 2],
      () => ({ kind: 'response', response: { batchItemFailures: [] } }),
      { pollers: 2 }
    );

    // Assess
    expect((await result).completed).toBe(true);
    const owned = (poller: number) =>
      new Set(
        seen
          .filter((s) => s.poller === poller)
          .flatMap((s) => Object.keys(s.event.records))
      );
    expect([...owned(0)].sort()).toEqual(['t-0', 't-2']);
    expect([...owned(1)]).toEqual(['t-1']);
  });

  it('counts the partitions of a response whose committed offset did not move', async () => {
    // Prepare: t-0 fails at its first record once; t-1 goes through.
    let calls = 0;

    // Act
    const { result } = drive([2, 2], () => ({
      kind: 'response',
      response: {
        batchItemFailures: calls++ === 0 ? [failure('t-0', 0)] : [],
      },
    }));

    // Assess
    expect(await result).toMatchObject({
      partitionResponses: 3,
      partitionsWithoutProgress: 1,
      completed: true,
    });
  });

  it('stops incomplete at its invocation bound', async () => {
    // Act
    const { result } = drive([3], () => ({ kind: 'failed' }), { max: 5 });

    // Assess
    expect(await result).toMatchObject({
      invocations: 5,
      completed: false,
      committed: [0],
    });
  });
});

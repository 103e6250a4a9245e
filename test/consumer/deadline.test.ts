import { describe, expect, it } from 'vitest';
import type { CamundaPort } from '../../lib/camunda/types.js';
import {
  ConsumerBatchFailedError,
  createBatchProcessor,
  createMemoryIdempotency,
  DEFAULT_DEADLINE_MARGIN_MS,
  toHandlerResponse,
} from '../../lib/consumer/index.js';
import type { DeployedBinding, RecordEvent } from '../../lib/consumer/types.js';
import {
  bindingFactory,
  deployedFactory,
  kafkaEventFactory,
  messageElementFactory,
  partitionRecords,
  recordFactory,
} from '../support/factories/index.js';
import {
  createFakeCamunda,
  createMemoryDeadLetterSink,
  type FakeCall,
  nextTick,
} from '../support/fakeCamunda.js';

const REQUEST_TIMEOUT_MS = 10_000;
const RESERVE_MS = REQUEST_TIMEOUT_MS + DEFAULT_DEADLINE_MARGIN_MS;

const offsetOf = (call: FakeCall): number =>
  Number(
    (call.op === 'publish' ? call.request.messageId : '').split('-').at(-1)
  );

/**
 * A processor over a fake Camunda with a 10 s request timeout whose calls
 * each take `callMs` of the invocation's time (a clock the test owns).
 */
const setup = (
  overrides: Partial<Omit<DeployedBinding, 'binding'>> = {},
  options: {
    readonly callMs?: number;
    readonly pause?: () => Promise<void>;
    readonly port?: Partial<CamundaPort>;
    readonly deadlineMarginMs?: number;
  } = {}
) => {
  const clock = { leftMs: 30_000 };
  const camunda = createFakeCamunda({
    pause: async () => {
      clock.leftMs -= options.callMs ?? 0;
      await (options.pause ?? nextTick)();
    },
  });
  const events: RecordEvent[] = [];
  const deployed = deployedFactory(
    bindingFactory({ elements: [messageElementFactory()] }),
    overrides
  );
  const processor = createBatchProcessor(deployed, {
    camunda: {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      createProcessInstance: camunda.createProcessInstance,
      publishMessage: camunda.publishMessage,
      ...options.port,
    },
    deadLetters: createMemoryDeadLetterSink(),
    idempotency: createMemoryIdempotency(),
    observer: { onRecord: (event) => events.push(event) },
    ...(options.deadlineMarginMs === undefined
      ? {}
      : { deadlineMarginMs: options.deadlineMarginMs }),
  });
  const remainingTimeMs = () => clock.leftMs;
  return { camunda, clock, events, processor, remainingTimeMs, deployed };
};

/** A gate per call: calls wait until the test opens them. */
const gates = () => {
  const waiting: (() => void)[] = [];
  return {
    pause: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
      }),
    inFlight: () => waiting.length,
    open: (index: number) => {
      waiting.splice(index, 1)[0]?.();
    },
    openAll: () => {
      for (const open of waiting.splice(0)) open();
    },
  };
};

const until = async (condition: () => boolean): Promise<void> => {
  for (let tick = 0; tick < 1000 && !condition(); tick++) await nextTick();
  expect(condition()).toBe(true);
};

describe('Function: createBatchProcessor under a deadline', () => {
  it('starts records while one call and the margin fit, then reports the first record it did not start', async () => {
    // Prepare: 30 s left, 1.5 s per call, 12 s kept free.
    const { processor, camunda, remainingTimeMs } = setup({}, { callMs: 1500 });

    // Act
    const result = await processor.process(
      kafkaEventFactory(partitionRecords(100)),
      { remainingTimeMs }
    );

    // Assess: records start at 30 s, 28.5 s, … 12 s left (13 records).
    expect(camunda.calls.map(offsetOf)).toEqual(
      Array.from({ length: 13 }, (_, offset) => offset)
    );
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 13 } },
    ]);
    expect(result.counts).toMatchObject({
      done: 13,
      retried: 0,
      notStarted: 87,
      deadlineStops: 1,
    });
  });

  it('keeps the request timeout of the Camunda port plus the margin free', async () => {
    // Prepare: 1 s timeout + 0.5 s margin; a record starts with exactly
    // 1.5 s left, not with less.
    const { processor, camunda, clock, remainingTimeMs } = setup(
      {},
      {
        callMs: 100,
        port: { requestTimeoutMs: 1000 },
        deadlineMarginMs: 500,
      }
    );
    clock.leftMs = 1700;

    // Act
    const result = await processor.process(
      kafkaEventFactory(partitionRecords(5)),
      { remainingTimeMs }
    );

    // Assess: starts at 1700 and 1600 and 1500 ms left, stops at 1400.
    expect(camunda.calls.map(offsetOf)).toEqual([0, 1, 2]);
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 3 } },
    ]);
  });

  it('uses the default request timeout when the port does not say', async () => {
    // Prepare
    const { processor, camunda, clock, remainingTimeMs } = setup(
      {},
      { port: { requestTimeoutMs: undefined } }
    );
    clock.leftMs = RESERVE_MS - 1;

    // Act
    const result = await processor.process(
      kafkaEventFactory(partitionRecords(3)),
      { remainingTimeMs }
    );

    // Assess: CAMUNDA_DEFAULTS.requestTimeoutMs is 10 s.
    expect(camunda.calls.map(offsetOf)).toEqual([0]);
    expect(result.counts.notStarted).toBe(2);
  });

  it('lets records in flight finish and reports the lowest offset not started in key mode', async () => {
    // Prepare: three keys at once; the deadline comes while their first
    // records are in flight.
    const gate = gates();
    const { processor, camunda, clock, remainingTimeMs } = setup(
      { ordering: 'key', keyConcurrency: 3 },
      { pause: gate.pause }
    );
    const keys = ['a', 'b', 'c'];
    const records = Array.from({ length: 9 }, (_, offset) =>
      recordFactory({ offset, key: keys[offset % 3] })
    );

    // Act
    const processing = processor.process(kafkaEventFactory(records), {
      remainingTimeMs,
    });
    await until(() => gate.inFlight() === 3);
    clock.leftMs = RESERVE_MS - 1;
    gate.openAll();
    const result = await processing;

    // Assess
    expect(camunda.calls.map(offsetOf)).toEqual([0, 1, 2]);
    expect([...camunda.messages.keys()].sort()).toEqual([
      'orders-0-0',
      'orders-0-1',
      'orders-0-2',
    ]);
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 3 } },
    ]);
    expect(result.counts).toMatchObject({ done: 3, notStarted: 6 });
  });

  it('reports a deadline stop below a retry as the partition offset in key mode', async () => {
    // Prepare: key a = offsets 0, 2; key b = offsets 1, 3. Offset 3 is
    // retried; then the deadline comes while offset 0 is in flight, so
    // offset 2 never starts.
    const gate = gates();
    const { processor, camunda, clock, remainingTimeMs } = setup(
      { ordering: 'key', keyConcurrency: 2 },
      { pause: gate.pause }
    );
    camunda.respond((call) =>
      offsetOf(call) === 3
        ? { kind: 'retry', status: 503, reason: 'busy' }
        : undefined
    );
    const records = (
      [
        [0, 'a'],
        [1, 'b'],
        [2, 'a'],
        [3, 'b'],
      ] as const
    ).map(([offset, key]) => recordFactory({ offset, key }));

    // Act
    const processing = processor.process(kafkaEventFactory(records), {
      remainingTimeMs,
    });
    await until(() => gate.inFlight() === 2);
    gate.open(1); // offset 1 done; offset 3 starts
    await until(() => camunda.calls.length === 3 && gate.inFlight() === 2);
    gate.open(1); // offset 3 retried
    await until(() => gate.inFlight() === 1);
    clock.leftMs = RESERVE_MS - 1;
    gate.open(0); // offset 0 done; offset 2 not started
    const result = await processing;

    // Assess
    expect(camunda.calls.map(offsetOf)).toEqual([0, 1, 3]);
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 2 } },
    ]);
    expect(result.counts).toMatchObject({
      done: 2,
      retried: 1,
      notStarted: 1,
      deadlineStops: 1,
    });
  });

  it('reports a retry below the deadline stop as the partition offset', async () => {
    // Prepare: 1.5 s per call; offset 1 is retried in partition mode, long
    // before the deadline.
    const { processor, camunda, remainingTimeMs } = setup({}, { callMs: 1500 });
    camunda.respond((call) =>
      offsetOf(call) === 1
        ? { kind: 'retry', status: 503, reason: 'busy' }
        : undefined
    );

    // Act
    const result = await processor.process(
      kafkaEventFactory(partitionRecords(20)),
      { remainingTimeMs }
    );

    // Assess
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 1 } },
    ]);
    expect(result.counts).toMatchObject({
      notAttempted: 18,
      notStarted: 0,
      deadlineStops: 0,
    });
  });

  it('always starts the first record of each partition, so every partition progresses', async () => {
    // Prepare: already below the reserve when the batch arrives.
    const { processor, camunda, clock, remainingTimeMs } = setup();
    clock.leftMs = 1000;
    const records = [
      ...partitionRecords(3, { partition: 0 }),
      ...partitionRecords(3, { partition: 1, firstOffset: 40 }),
    ];

    // Act
    const result = await processor.process(kafkaEventFactory(records), {
      remainingTimeMs,
    });

    // Assess
    expect(camunda.calls.map(offsetOf).sort((a, b) => a - b)).toEqual([0, 40]);
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 1 } },
      { itemIdentifier: { partition: 'orders-1', offset: 41 } },
    ]);
    expect(result.counts).toMatchObject({ deadlineStops: 2, notStarted: 4 });
  });

  it('tells the observer where each partition stopped and why', async () => {
    // Prepare
    const { processor, events, clock, remainingTimeMs } = setup(
      {},
      { callMs: 1500 }
    );
    clock.leftMs = RESERVE_MS + 1000;

    // Act
    await processor.process(kafkaEventFactory(partitionRecords(4)), {
      remainingTimeMs,
    });

    // Assess
    const stops = events.filter((event) => event.type === 'deadlineStop');
    expect(stops).toEqual([
      {
        type: 'deadlineStop',
        topic: 'orders',
        partition: 0,
        offset: 1,
        detail:
          'records from offset 1 on not started: 11500 ms left, one record may take 12000 ms (Camunda request timeout 10000 ms + margin 2000 ms)',
      },
    ]);
  });

  it('says 0 ms left, not a negative time, when the deadline has passed', async () => {
    // Prepare: the first record's call outlasts what was left.
    const { processor, events, clock, remainingTimeMs } = setup(
      {},
      { callMs: 1500 }
    );
    clock.leftMs = 1000;

    // Act
    await processor.process(kafkaEventFactory(partitionRecords(2)), {
      remainingTimeMs,
    });

    // Assess
    expect(events.filter((event) => event.type === 'deadlineStop')).toEqual([
      expect.objectContaining({
        offset: 1,
        detail: expect.stringContaining(
          'records from offset 1 on not started: 0 ms left'
        ),
      }),
    ]);
  });

  it('starts every record without a deadline', async () => {
    // Prepare
    const { processor, camunda, clock } = setup({}, { callMs: 1500 });
    clock.leftMs = 0;

    // Act
    const result = await processor.process(
      kafkaEventFactory(partitionRecords(30))
    );

    // Assess
    expect(camunda.calls).toHaveLength(30);
    expect(result.response.batchItemFailures).toEqual([]);
  });

  it('throws for an on-demand ESM, which would otherwise commit the records not started', async () => {
    // Prepare
    const { processor, remainingTimeMs, clock } = setup({
      esmMode: 'onDemand',
    });
    clock.leftMs = 0;

    // Act
    const result = await processor.process(
      kafkaEventFactory(partitionRecords(3)),
      { remainingTimeMs }
    );
    const act = () => toHandlerResponse(result, 'onDemand');

    // Assess
    expect(act).toThrow(ConsumerBatchFailedError);
    expect(result.counts).toMatchObject({ done: 1, deadlineStops: 1 });
  });
});

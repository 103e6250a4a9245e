import { describe, expect, it, vi } from 'vitest';
import type { BindingElement } from '../../lib/binding/types.js';
import type { CamundaOutcome } from '../../lib/camunda/types.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
  createMemoryResolvedOffsets,
  MAX_RESOLVED_OFFSETS_PER_PARTITION,
} from '../../lib/consumer/index.js';
import { keepResolvedOffsets } from '../../lib/consumer/keepResolvedOffsets.js';
import { makePartitionKey } from '../../lib/consumer/makePartitionKey.js';
import type {
  DeployedBinding,
  IdempotencyPort,
  ResolvedOffsetsStore,
} from '../../lib/consumer/types.js';
import { clusterIdentity } from '../../lib/kafka/clusterIdentity.js';
import {
  bindingFactory,
  deployedFactory,
  elementFactory,
  kafkaEventFactory,
  messageElementFactory,
  recordFactory,
} from '../support/factories/index.js';
import {
  createFakeCamunda,
  createMemoryDeadLetterSink,
  type FakeCall,
  type FakeCamunda,
  type MemoryDeadLetterSink,
} from '../support/fakeCamunda.js';

const retry: CamundaOutcome = { kind: 'retry', status: 503, reason: 'busy' };

const idOf = (call: FakeCall): string =>
  call.op === 'publish'
    ? call.request.messageId
    : String(
        (call.request.variables?.kafka as { offset: number } | undefined)
          ?.offset
      );

/** Records 0…7 of partition 0 with keys a, b, a, b, … */
const keyedRecords = (from = 0, to = 8) =>
  Array.from({ length: to - from }, (_, i) =>
    recordFactory({ offset: from + i, key: (from + i) % 2 === 0 ? 'a' : 'b' })
  );

interface Container {
  readonly camunda: FakeCamunda;
  readonly deadLetters: MemoryDeadLetterSink;
  readonly process: ReturnType<typeof createBatchProcessor>['process'];
}

/** One container: a processor over the shared Camunda and stores. */
const container = (
  deployed: DeployedBinding,
  shared: {
    readonly camunda: FakeCamunda;
    readonly deadLetters?: MemoryDeadLetterSink;
    readonly idempotency?: IdempotencyPort;
    readonly resolvedOffsets?: ResolvedOffsetsStore;
  }
): Container => {
  const deadLetters = shared.deadLetters ?? createMemoryDeadLetterSink();
  const processor = createBatchProcessor(deployed, {
    camunda: shared.camunda,
    deadLetters,
    idempotency: shared.idempotency ?? createMemoryIdempotency(),
    ...(shared.resolvedOffsets === undefined
      ? {}
      : { resolvedOffsets: shared.resolvedOffsets }),
  });
  return { camunda: shared.camunda, deadLetters, process: processor.process };
};

const publishing = (
  overrides: Partial<Omit<DeployedBinding, 'binding'>> = {},
  element: BindingElement = messageElementFactory()
) =>
  deployedFactory(bindingFactory({ elements: [element] }), {
    ordering: 'key',
    keyConcurrency: 2,
    ...overrides,
  });

describe('Function: createBatchProcessor with resolved offsets', () => {
  it('does not send records done after the lowest retried offset again when the batch comes back (key mode)', async () => {
    // Prepare: key b fails once at offset 1; key a goes on to offset 6.
    const camunda = createFakeCamunda();
    const { process } = container(publishing(), { camunda });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );

    // Act
    const first = await process(kafkaEventFactory(keyedRecords()));
    const second = await process(kafkaEventFactory(keyedRecords(1)));

    // Assess
    expect(first.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 1 } },
    ]);
    expect(second.response.batchItemFailures).toEqual([]);
    expect(second.counts).toMatchObject({ alreadyResolved: 3, done: 4 });
    const sent = camunda.calls.map(idOf);
    expect(sent.slice(5)).toEqual([
      'orders-0-1',
      'orders-0-3',
      'orders-0-5',
      'orders-0-7',
    ]);
    expect(camunda.messages.size).toBe(8);
  });

  it('never skips records of a binding moved to another cluster for offsets resolved on the old one (issue 16)', async () => {
    // Prepare: offsets 2, 4 and 6 resolved on the old cluster
    const camunda = createFakeCamunda();
    const resolvedOffsets = createMemoryResolvedOffsets();
    const { process } = container(publishing(), { camunda, resolvedOffsets });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );
    await process(kafkaEventFactory(keyedRecords()));
    const moved = {
      ...kafkaEventFactory(keyedRecords(1)),
      bootstrapServers: 'other-cluster:9092',
    };

    // Act
    const result = await process(moved);

    // Assess: every record of the new cluster reaches Camunda
    expect(result.counts).toMatchObject({ alreadyResolved: 0, done: 7 });
    expect(camunda.calls.slice(5).map(idOf)).toHaveLength(7);
  });

  it('lets another container with the same store skip them too', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const resolvedOffsets = createMemoryResolvedOffsets();
    const one = container(publishing(), { camunda, resolvedOffsets });
    const two = container(publishing(), { camunda, resolvedOffsets });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );

    // Act
    await one.process(kafkaEventFactory(keyedRecords()));
    const second = await two.process(kafkaEventFactory(keyedRecords(1)));

    // Assess
    expect(second.counts.alreadyResolved).toBe(3);
    expect(camunda.calls).toHaveLength(5 + 4);
  });

  it('sends them again, deduplicated by Camunda, from a container that does not know them', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const one = container(publishing(), { camunda });
    const two = container(publishing(), { camunda });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );

    // Act
    await one.process(kafkaEventFactory(keyedRecords()));
    const second = await two.process(kafkaEventFactory(keyedRecords(1)));

    // Assess: the three records done before come back as duplicates (409).
    expect(second.counts).toMatchObject({ alreadyResolved: 0, done: 7 });
    expect(camunda.calls).toHaveLength(5 + 7);
    expect(camunda.messages.size).toBe(8);
  });

  it('does not trust an entry when the partition is delivered from before it (offsets reset)', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const { process } = container(publishing(), { camunda });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );
    await process(kafkaEventFactory(keyedRecords()));

    // Act: delivered from offset 0, below the offset 1 the ESM was told.
    const again = await process(kafkaEventFactory(keyedRecords()));

    // Assess
    expect(again.counts.alreadyResolved).toBe(0);
    expect(camunda.calls).toHaveLength(5 + 8);
  });

  it('never dead-letters a redelivered poison record again, nor evaluates it', async () => {
    // Prepare: offset 2 cannot be correlated (no orderId).
    const camunda = createFakeCamunda();
    const { process, deadLetters } = container(publishing(), { camunda });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );
    const records = keyedRecords().map((record) =>
      record.offset === 2
        ? recordFactory({ offset: 2, key: 'a', value: { other: 1 } })
        : record
    );

    // Act
    await process(kafkaEventFactory(records));
    const second = await process(kafkaEventFactory(records.slice(1)));

    // Assess
    expect(deadLetters.letters.map((letter) => letter.offset)).toEqual([2]);
    expect(second.counts).toMatchObject({
      alreadyResolved: 3,
      deadLettered: 0,
    });
  });

  it('skips creates done before without asking the idempotency store again', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const idempotency = createMemoryIdempotency();
    const once = vi.spyOn(idempotency, 'once');
    const deployed = publishing(
      {},
      elementFactory({ resultVariable: 'kafka' })
    );
    const { process } = container(deployed, { camunda, idempotency });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === '1' && failures-- > 0 ? retry : undefined
    );

    // Act
    await process(kafkaEventFactory(keyedRecords()));
    once.mockClear();
    const second = await process(kafkaEventFactory(keyedRecords(1)));

    // Assess: 1, 3, 5 and 7 go through the store; 2, 4 and 6 are skipped.
    expect(second.counts.alreadyResolved).toBe(3);
    expect(once).toHaveBeenCalledTimes(4);
    expect(camunda.instances).toHaveLength(8);
  });

  it('remembers the whole batch for an on-demand ESM, which delivers it again from its start', async () => {
    // Prepare: partition order; offset 3 fails once.
    const camunda = createFakeCamunda();
    const deployed = publishing({ ordering: 'partition', esmMode: 'onDemand' });
    const { process } = container(deployed, { camunda });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-3' && failures-- > 0 ? retry : undefined
    );

    // Act
    const first = await process(kafkaEventFactory(keyedRecords(0, 6)));
    const second = await process(kafkaEventFactory(keyedRecords(0, 6)));

    // Assess
    expect(first.response.batchItemFailures).toHaveLength(1);
    expect(second.counts).toMatchObject({ alreadyResolved: 3, done: 3 });
    expect(camunda.calls.map(idOf).slice(4)).toEqual([
      'orders-0-3',
      'orders-0-4',
      'orders-0-5',
    ]);
  });

  it('never consults the store in partition mode behind a provisioned ESM', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const resolvedOffsets = createMemoryResolvedOffsets();
    const load = vi.spyOn(resolvedOffsets, 'load');
    const save = vi.spyOn(resolvedOffsets, 'save');
    camunda.respond((call) =>
      idOf(call) === 'orders-0-2' ? retry : undefined
    );
    const { process } = container(publishing({ ordering: 'partition' }), {
      camunda,
      resolvedOffsets,
    });

    // Act
    await process(kafkaEventFactory(keyedRecords()));

    // Assess
    expect(load).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
  });

  it('forgets a partition once it is committed to its end', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const resolvedOffsets = createMemoryResolvedOffsets();
    const { process } = container(publishing(), { camunda, resolvedOffsets });
    let failures = 1;
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' && failures-- > 0 ? retry : undefined
    );
    const key = makePartitionKey(
      'order-process-start',
      clusterIdentity(kafkaEventFactory([])),
      { topic: 'orders', partition: 0 }
    );

    // Act
    await process(kafkaEventFactory(keyedRecords()));
    const kept = await resolvedOffsets.load(key);
    await process(kafkaEventFactory(keyedRecords(1)));

    // Assess
    expect(kept).toEqual({ from: 1, offsets: [2, 4, 6] });
    expect(await resolvedOffsets.load(key)).toBeUndefined();
  });

  it('goes on without the store when it fails', async () => {
    // Prepare
    const camunda = createFakeCamunda();
    const failing: ResolvedOffsetsStore = {
      load: async () => {
        throw new Error('store down');
      },
      save: async () => {
        throw new Error('store down');
      },
    };
    const { process } = container(publishing(), {
      camunda,
      resolvedOffsets: failing,
    });
    camunda.respond((call) =>
      idOf(call) === 'orders-0-1' ? retry : undefined
    );

    // Act
    const result = await process(kafkaEventFactory(keyedRecords()));

    // Assess
    expect(result.response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 1 } },
    ]);
    expect(result.counts.done).toBe(4);
  });
});

describe('Function: keepResolvedOffsets', () => {
  it('keeps the offsets at or after where the partition resumes, ascending and once', () => {
    // Act
    const kept = keepResolvedOffsets(5, [9, 3, 5, 7, 9, 4]);

    // Assess
    expect(kept).toEqual({ from: 5, offsets: [5, 7, 9] });
  });

  it('keeps nothing for a partition committed to its end or with nothing after', () => {
    // Act & Assess
    expect(keepResolvedOffsets(undefined, [1, 2])).toBeUndefined();
    expect(keepResolvedOffsets(10, [1, 2])).toBeUndefined();
  });

  it('keeps the lowest offsets up to the bound', () => {
    // Prepare
    const many = Array.from(
      { length: MAX_RESOLVED_OFFSETS_PER_PARTITION + 10 },
      (_, i) => 100 + i
    ).reverse();

    // Act
    const kept = keepResolvedOffsets(0, many);

    // Assess
    expect(kept?.offsets).toHaveLength(MAX_RESOLVED_OFFSETS_PER_PARTITION);
    expect(kept?.offsets[0]).toBe(100);
  });
});

describe('Function: createMemoryResolvedOffsets', () => {
  it('keeps the partitions used last up to its bound', async () => {
    // Prepare
    const store = createMemoryResolvedOffsets(2);
    await store.save('p0', { from: 1, offsets: [2] });
    await store.save('p1', { from: 1, offsets: [3] });
    await store.load('p0');

    // Act
    await store.save('p2', { from: 1, offsets: [4] });

    // Assess: p1 was used least recently.
    expect(await store.load('p1')).toBeUndefined();
    expect(await store.load('p0')).toEqual({ from: 1, offsets: [2] });
    expect(await store.load('p2')).toEqual({ from: 1, offsets: [4] });
  });

  it('removes an entry saved as undefined or empty', async () => {
    // Prepare
    const store = createMemoryResolvedOffsets();
    await store.save('p0', { from: 1, offsets: [2] });
    await store.save('p1', { from: 1, offsets: [2] });

    // Act
    await store.save('p0', undefined);
    await store.save('p1', { from: 3, offsets: [] });

    // Assess
    expect(await store.load('p0')).toBeUndefined();
    expect(await store.load('p1')).toBeUndefined();
  });
});

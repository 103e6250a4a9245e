import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryIdempotency } from '../../lib/consumer/index.js';
import type { DeadLetter, DeployedBinding } from '../../lib/consumer/types.js';
import { redriveDeadLetters } from '../../lib/redrive/index.js';
import type {
  BindingLookup,
  RecordFetcher,
  RedriveResult,
} from '../../lib/redrive/types.js';
import {
  bindingFactory,
  deployedFactory,
  elementFactory,
  messageElementFactory,
  recordFactory,
} from '../support/factories/index.js';
import { createFakeCamunda } from '../support/fakeCamunda.js';
import { memorySource } from './memorySource.js';

const NOW = new Date('2026-02-01T00:00:00.000Z');

const startBinding = bindingFactory({
  id: 'order-process--Start',
  processId: 'order-process',
  elements: [elementFactory({ elementId: 'Start', resultVariable: 'order' })],
});
const messageBinding = bindingFactory({
  id: 'payment-process--Paid',
  processId: 'payment-process',
  kafka: { topic: 'payments' },
  elements: [messageElementFactory({ elementId: 'Paid', messageName: 'paid' })],
});

/** A dead letter as the consumer writes it. */
const letterOf = (
  deployed: DeployedBinding,
  offset: number,
  overrides: Partial<DeadLetter> & Record<string, unknown> = {}
): DeadLetter => {
  const record = recordFactory({
    topic: deployed.binding.kafka.topic,
    offset,
    key: `k-${offset}`,
  });
  return {
    processId: deployed.binding.processId,
    bindingId: deployed.binding.id,
    bindingRevision: 'rev-old',
    elementId: deployed.binding.elements[0]?.elementId ?? 'x',
    cluster: `bootstrap:${[...deployed.binding.kafka.bootstrapServers].sort().join(',')}`,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: `k-${offset}`,
    classification: 'poison',
    reason: 'camunda-rejected',
    error: 'Camunda answered 404: process not found',
    status: 404,
    record,
    deadLetteredAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
};

const lookupOf =
  (...bindings: DeployedBinding[]): BindingLookup =>
  async (bindingId) => {
    const deployed = bindings.find((b) => b.binding.id === bindingId);
    return deployed === undefined
      ? { kind: 'unknown', reason: `no binding ${bindingId}` }
      : { kind: 'found', deployed };
  };

const setup = (
  letters: unknown[],
  bindings = [deployedFactory(startBinding), deployedFactory(messageBinding)]
) => {
  const source = memorySource(letters, 2);
  const camunda = createFakeCamunda();
  const idempotency = createMemoryIdempotency();
  const results: RedriveResult[] = [];
  const run = (extra: Partial<Parameters<typeof redriveDeadLetters>[0]> = {}) =>
    redriveDeadLetters({
      source,
      lookup: lookupOf(...bindings),
      camunda,
      idempotency,
      onResult: (result) => results.push(result),
      now: () => NOW,
      ...extra,
    });
  return { source, camunda, idempotency, results, run };
};

describe('Function: redriveDeadLetters', () => {
  const start = deployedFactory(startBinding);
  const message = deployedFactory(messageBinding);

  it('creates the instance or publishes the message once, and removes each letter that is done', async () => {
    // Prepare
    const { source, camunda, run } = setup([
      letterOf(start, 4),
      letterOf(message, 7, { reason: 'correlation-key-missing' }),
    ]);

    // Act
    const summary = await run();

    // Assess
    expect(summary).toMatchObject({ removed: 2, kept: 0, interrupted: false });
    expect(
      summary.results.map((r) => [r.outcome, r.action, r.disposition])
    ).toEqual([
      ['done', 'created', 'removed'],
      ['done', 'published', 'removed'],
    ]);
    expect(camunda.instances).toEqual([
      expect.objectContaining({ processDefinitionId: 'order-process' }),
    ]);
    expect([...camunda.messages.keys()]).toEqual(['payments-0-7']);
    expect(source.letters()).toEqual([]);
    expect(source.closed()).toBe(1);
  });

  it('creates nothing twice when the same letters are redriven again (after an interruption)', async () => {
    // Prepare: a first run whose removals were lost (the source kept all).
    const letters = [letterOf(start, 1), letterOf(message, 2)];
    const first = setup(letters);
    await first.run();
    const again = memorySource(letters);

    // Act: the same letters, the same persistent idempotency store.
    const summary = await redriveDeadLetters({
      source: again,
      lookup: lookupOf(start, message),
      camunda: first.camunda,
      idempotency: first.idempotency,
    });

    // Assess: both done (duplicates), removed; one instance, one message.
    expect(summary.results.map((r) => [r.outcome, r.action])).toEqual([
      ['done', 'duplicate'],
      ['done', 'duplicate'],
    ]);
    expect(first.camunda.instances).toHaveLength(1);
    expect(first.camunda.calls.filter((c) => c.op === 'create')).toHaveLength(
      1
    );
    // The publish itself was not sent again either (not only refused by Camunda).
    expect(first.camunda.calls.filter((c) => c.op === 'publish')).toHaveLength(
      1
    );
    expect(again.letters()).toEqual([]);
  });

  it('keeps a letter dead-lettered again, with its new reason and the rest as stored', async () => {
    // Prepare: Camunda now answers 400 for the create.
    const stored = { ...letterOf(start, 3), extra: 'kept as is' };
    const { source, camunda, run } = setup([stored]);
    camunda.respond(() => ({
      kind: 'poison',
      status: 400,
      reason: 'Camunda answered 400: variables are not valid',
    }));

    // Act
    const summary = await run();

    // Assess
    expect(summary).toMatchObject({ removed: 0, kept: 1 });
    expect(summary.results[0]).toMatchObject({
      outcome: 'deadLettered',
      disposition: 'kept',
      previousReason: 'camunda-rejected',
      detail: expect.stringContaining('400'),
    });
    expect(source.letters()).toEqual([
      {
        ...stored,
        bindingRevision: startBinding.revision,
        reason: 'camunda-rejected',
        error: 'Camunda answered 400: variables are not valid',
        status: 400,
        redrivenAt: NOW.toISOString(),
        previousReason: 'camunda-rejected',
      },
    ]);
  });

  it('keeps a letter to retry as it is (Camunda away), and one of an unknown binding, and one it cannot read', async () => {
    // Prepare
    const retry = letterOf(start, 5);
    const unknown = letterOf(start, 6, { bindingId: 'gone--Start' });
    const unreadable = { hello: 'world' };
    const { source, camunda, run } = setup([retry, unknown, unreadable]);
    camunda.respond(() => ({ kind: 'retry', reason: 'Camunda answered 503' }));

    // Act
    const summary = await run();

    // Assess
    expect(
      summary.results.map((r) => [r.outcome, r.disposition, r.detail])
    ).toEqual([
      ['retry', 'kept', 'Camunda answered 503'],
      ['unknownBinding', 'kept', 'no binding gone--Start'],
      ['unreadable', 'kept', 'no bindingId (is it a dead letter?)'],
    ]);
    expect(source.letters()).toEqual([retry, unknown, unreadable]);
  });

  it('removes a letter the current revision no longer activates when unmatched records are consumed', async () => {
    // Prepare: the fixed condition is false for this record.
    const fixed = deployedFactory(
      bindingFactory({
        ...startBinding,
        revision: 'rev-fixed',
        elements: [
          elementFactory({ elementId: 'Start', activationCondition: '=false' }),
        ],
      })
    );
    const { source, camunda, run } = setup([letterOf(start, 8)], [fixed]);

    // Act
    const summary = await run();

    // Assess
    expect(summary.results[0]).toMatchObject({
      outcome: 'notActivated',
      disposition: 'removed',
    });
    expect(camunda.calls).toEqual([]);
    expect(source.letters()).toEqual([]);
  });

  it('reads a record left out of its letter again from Kafka, checking its hash', async () => {
    // Prepare: the value was left out (hostile-size record).
    const full = letterOf(start, 9);
    const value = full.record.value ?? '';
    const truncated = {
      ...full,
      record: { ...full.record, value: null },
      truncated: true,
      omitted: {
        value: {
          bytes: Buffer.from(value, 'base64').length,
          sha256: createHash('sha256')
            .update(Buffer.from(value, 'base64'))
            .digest('hex'),
        },
      },
    };
    const asked: unknown[] = [];
    const fetchRecord: RecordFetcher = async (_deployed, at) => {
      asked.push({
        topic: at.topic,
        partition: at.partition,
        offset: at.offset,
      });
      return { kind: 'found', record: full.record };
    };
    const { camunda, run } = setup([truncated]);

    // Act
    const summary = await run({ fetchRecord });

    // Assess
    expect(asked).toEqual([{ topic: 'orders', partition: 0, offset: 9 }]);
    expect(summary.results[0]).toMatchObject({
      outcome: 'done',
      disposition: 'removed',
    });
    expect(camunda.instances[0]?.variables).toMatchObject({
      order: expect.objectContaining({ value: { orderId: 'o-9' } }),
    });
  });

  it.each([
    {
      name: 'no Kafka to read from',
      fetch: undefined,
      detail: /holds no record value .* Kafka is not read here/,
    },
    {
      name: 'a record that is gone',
      fetch: (async () => ({
        kind: 'unavailable',
        reason: 'offset 9 is no longer in orders-0',
      })) satisfies RecordFetcher,
      detail: /cannot be read again from Kafka: offset 9 is no longer/,
    },
    {
      name: 'another record at that offset',
      fetch: (async () => ({
        kind: 'found',
        record: recordFactory({
          offset: 9,
          value: { orderId: 'someone else' },
        }),
      })) satisfies RecordFetcher,
      detail: /is not the dead-lettered one \(its SHA-256 differs\)/,
    },
  ])(
    'reports a letter without its record as not redrivable with $name, and keeps it',
    async ({ fetch, detail }) => {
      // Prepare
      const full = letterOf(start, 9);
      const truncated = {
        ...full,
        record: { ...full.record, value: null },
        truncated: true,
        omitted: { value: { bytes: 20, sha256: 'ab'.repeat(32) } },
      };
      const { source, camunda, run } = setup([truncated]);

      // Act
      const summary = await run(
        fetch === undefined ? {} : { fetchRecord: fetch }
      );

      // Assess
      expect(summary.results[0]).toMatchObject({
        outcome: 'notRedrivable',
        disposition: 'kept',
        detail: expect.stringMatching(detail),
      });
      expect(camunda.calls).toEqual([]);
      expect(source.letters()).toEqual([truncated]);
    }
  );

  it('understands the older recordTruncated flag', async () => {
    // Prepare
    const full = letterOf(start, 2);
    const truncated = {
      ...full,
      record: { ...full.record, value: null, headers: null },
      recordTruncated: true,
    };
    const { run } = setup([truncated]);

    // Act
    const summary = await run();

    // Assess
    expect(summary.results[0]).toMatchObject({
      outcome: 'notRedrivable',
      detail: expect.stringContaining('holds no record value, headers'),
    });
  });

  it('changes nothing with dryRun, and reports what would happen', async () => {
    // Prepare
    const letters = [
      letterOf(start, 1),
      letterOf(start, 2, { bindingId: 'gone' }),
    ];
    const { source, run } = setup(letters);

    // Act
    const summary = await run({ dryRun: true });

    // Assess
    expect(summary.results.map((r) => [r.outcome, r.disposition])).toEqual([
      ['done', 'removed'],
      ['unknownBinding', 'kept'],
    ]);
    expect(source.letters()).toEqual(letters);
  });

  it('stops between two letters when aborted, and at the limit', async () => {
    // Prepare
    const letters = [1, 2, 3, 4, 5].map((offset) => letterOf(start, offset));
    const controller = new AbortController();
    const { source, results, run } = setup(letters);

    // Act
    const summary = await run({
      onResult: (result) => {
        results.push(result);
        if (results.length === 2) controller.abort();
      },
      signal: controller.signal,
    });
    const limited = await redriveDeadLetters({
      source: memorySource(letters),
      lookup: lookupOf(start),
      camunda: createFakeCamunda(),
      idempotency: createMemoryIdempotency(),
      limit: 3,
    });

    // Assess
    expect(summary).toMatchObject({ removed: 2, interrupted: true });
    expect(source.letters()).toHaveLength(3);
    expect(source.closed()).toBe(1);
    expect(limited).toMatchObject({ removed: 3, interrupted: false });
  });
});

import { describe, expect, it } from 'vitest';
import type { DeadLetter } from '../../../lib/consumer/types.js';
import {
  analyzeSoakRun,
  generateDataset,
  SOAK_POISON_DETAIL,
  type SoakFaultKind,
  type SoakRecordedRequest,
  type SoakRunObservations,
} from '../../../tools/soak/index.js';

// One partition, two keys: small enough to reason about by hand.
const dataset = generateDataset({
  records: 6,
  partitions: 1,
  keys: 2,
  seed: 1,
  poisonRate: 0,
});
const infos = [...dataset.index.values()];
const ids = infos.map((info) => info.id);

const body = (id: string) => ({ variables: { soakRecord: id } });

const letterFor = (id: string, error: string): DeadLetter => {
  const info = dataset.index.get(id);
  return {
    processId: 'p',
    bindingId: 'b',
    bindingRevision: 'r',
    cluster: 'unknown',
    topic: dataset.topic,
    partition: info?.partition ?? 0,
    offset: info?.offset ?? 0,
    timestamp: 0,
    key: info?.key ?? null,
    classification: 'poison',
    reason: 'camunda-rejected',
    status: 400,
    error,
    record: { topic: dataset.topic, partition: 0, offset: 0, timestamp: 0 },
    deadLetteredAt: '2026-01-01T00:00:00.000Z',
  };
};

/** Observations of a publish run where the records arrive in `order`. */
const observe = (
  order: readonly string[],
  overrides: Partial<SoakRunObservations> = {},
  faults: ReadonlyMap<number, SoakFaultKind> = new Map()
): SoakRunObservations => {
  const requests: SoakRecordedRequest[] = order.map((id, i) => ({
    id: i + 1,
    path: '/v2/messages/publication',
    body: body(id),
    response: { kind: 'http', status: 200 },
  }));
  return {
    profile: 'fault',
    config: { path: 'publish', mode: 'partition', businessId: false },
    dataset,
    requests,
    instances: [],
    messages: ids.map((id) => ({
      messageId: id,
      variables: { soakRecord: id },
    })),
    faultOf: (requestId) => faults.get(requestId),
    injected: {
      unavailable503: 0,
      timeoutBeforeProcessing: 0,
      timeoutAfterProcessing: 0,
      connectionReset: 0,
      poison400: 0,
    },
    letters: [],
    abandonedRecords: new Set(),
    timedOutRecords: new Set(),
    clientTimeouts: 0,
    invocations: 1,
    killedInvocations: 0,
    invalidResponses: 0,
    commitRegressions: 0,
    functionTimeouts: 0,
    deadlineStops: 0,
    partitionResponses: 1,
    partitionsWithoutProgress: 0,
    committed: [dataset.records],
    completed: true,
    wallTimeMs: 1,
    ...overrides,
  };
};

describe('Function: analyzeSoakRun', () => {
  it('finds nothing wrong when each record took effect once, in offset order', () => {
    // Act
    const report = analyzeSoakRun(observe(ids));

    // Assess
    expect(report).toMatchObject({
      lost: 0,
      duplicates: 0,
      orderViolationsByPartition: 0,
      orderViolationsByKey: 0,
      messagesPublished: 6,
    });
  });

  it('counts a record that took effect before an earlier offset as a violation', () => {
    // Prepare
    const swapped = [ids[1], ids[0], ...ids.slice(2)].filter(
      (id): id is string => id !== undefined
    );

    // Act
    const report = analyzeSoakRun(observe(swapped));

    // Assess
    expect(report.orderViolationsByPartition).toBe(1);
    const sameKey = infos[0]?.key === infos[1]?.key;
    expect(report.orderViolationsByKey).toBe(sameKey ? 1 : 0);
  });

  it('orders by the first request that took effect, not by requests the double failed', () => {
    // Prepare: record 0 first fails with a 503, then takes effect after record 1.
    const order = [ids[0], ids[1], ids[0], ...ids.slice(2)].filter(
      (id): id is string => id !== undefined
    );
    const faults = new Map<number, SoakFaultKind>([[1, 'unavailable503']]);

    // Act
    const report = analyzeSoakRun(observe(order, {}, faults));

    // Assess
    expect(report.orderViolationsByPartition).toBe(1);
  });

  it('counts a record neither at Camunda nor dead-lettered as lost, and extra copies as duplicates by cause', () => {
    // Prepare
    const [first, second, third] = ids;
    const observations = observe(ids, {
      messages: [
        ...ids.slice(1).map((id) => ({ variables: { soakRecord: id } })),
        { variables: { soakRecord: second } },
        { variables: { soakRecord: third } },
      ],
      abandonedRecords: new Set([third ?? '']),
    });

    // Act
    const report = analyzeSoakRun(observations);

    // Assess
    expect(first).toBeDefined();
    expect(report).toMatchObject({
      lost: 1,
      duplicates: 2,
      duplicatesFromKill: 1,
      duplicatesUnexplained: 1,
    });
  });

  it('counts records after the committed offset as uncommitted, not lost', () => {
    // Act
    const report = analyzeSoakRun(
      observe(ids.slice(0, 2), {
        messages: ids
          .slice(0, 2)
          .map((id) => ({ variables: { soakRecord: id } })),
        committed: [3],
        completed: false,
      })
    );

    // Assess
    expect(report).toMatchObject({ lost: 1, uncommitted: 3 });
  });

  it('counts dead letters by record, with reasons and repeats by cause', () => {
    // Prepare
    const poisonSet = generateDataset({
      records: 6,
      partitions: 1,
      keys: 2,
      seed: 1,
      poisonRate: 1,
    });
    const [a, b] = [...poisonSet.index.keys()];
    const reason = (id = '') => `HTTP 400: ${SOAK_POISON_DETAIL} ${id}`;
    const letters = [
      { letter: letterFor(a ?? '', reason(a)), invocationKilled: true },
      { letter: letterFor(a ?? '', reason(a)), invocationKilled: false },
      { letter: letterFor(a ?? '', 'something else'), invocationKilled: false },
      { letter: letterFor(b ?? '', reason(b)), invocationKilled: false },
    ];

    // Act
    const report = analyzeSoakRun(
      observe([], { dataset: poisonSet, messages: [], letters })
    );

    // Assess
    expect(report.deadLetters).toEqual({
      records: 2,
      sent: 4,
      withReason: 3,
      poisonMissing: 4,
      notPoison: 0,
      repeatedAfterKill: 1,
      repeatedOnRedelivery: 1,
    });
    expect(report.lost).toBe(4);
  });
});

import { logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventRecord,
} from '../../lib/kafka/types.js';
import { createEsmConsumer } from '../../lib/local/createEsmConsumer.js';
import type {
  EsmConsumer,
  EsmConsumerEvent,
  EsmConsumerOptions,
} from '../../lib/local/types.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';
import { committedOffsets, produce, waitFor } from './helpers.js';

const ok: KafkaBatchResponse = { batchItemFailures: [] };

describe('Function: createEsmConsumer', () => {
  let cluster: KafkaCluster;
  const running: EsmConsumer[] = [];
  let topicCount = 0;

  const newTopic = async (partitions: number): Promise<string> => {
    topicCount += 1;
    const topic = `esm-topic-${topicCount}`;
    await cluster.createTopic(topic, partitions);
    return topic;
  };

  const startEsm = (
    overrides: Partial<EsmConsumerOptions> &
      Pick<EsmConsumerOptions, 'topic' | 'processBatch'>
  ): { esm: EsmConsumer; events: EsmConsumerEvent[]; groupId: string } => {
    const events: EsmConsumerEvent[] = [];
    const groupId = `group-${overrides.topic}`;
    const esm = createEsmConsumer({
      name: overrides.topic,
      client: {
        clientId: 'esm-test',
        brokers: [...cluster.brokers],
        logLevel: logLevel.NOTHING,
      },
      groupId,
      fromBeginning: true,
      batchSize: 100,
      batchWindowMs: 100,
      retryInitialMs: 50,
      retryMaxMs: 200,
      onEvent: (event) => events.push(event),
      ...overrides,
    });
    running.push(esm);
    esm.start();
    return { esm, events, groupId };
  };

  /** Offsets delivered for one partition, across all invocations. */
  const offsetsOf = (events: KafkaEvent[], key: string): number[] =>
    events.flatMap((event) =>
      (event.records[key] ?? []).map((record) => record.offset)
    );

  beforeAll(async () => {
    cluster = await startKafkaCluster({ brokers: 2 });
  });

  afterAll(async () => {
    await Promise.all(running.map((esm) => esm.stop()));
    await cluster.stop();
  });

  // Group joins take seconds against the mock: the tests run side by side,
  // each on its own topic and group.
  it.concurrent('delivers records in the exact SelfManagedKafka event shape', async ({
    expect,
  }) => {
    // Prepare
    const topic = await newTopic(2);
    await produce(cluster.brokers, topic, [
      {
        partition: 0,
        key: 'order-1',
        value: '{"id":1}',
        headers: { source: 'shop', tag: 'été' },
      },
      { partition: 1, key: null, value: 'not json' },
      { partition: 0, key: 'order-2', value: null },
    ]);
    const invocations: KafkaEvent[] = [];

    // Act
    const { esm } = startEsm({
      topic,
      processBatch: async (event) => {
        invocations.push(structuredClone(event));
        return ok;
      },
    });
    await waitFor(
      'three records',
      () =>
        offsetsOf(invocations, `${topic}-0`).length === 2 &&
        offsetsOf(invocations, `${topic}-1`).length === 1
    );

    // Assess
    for (const event of invocations) {
      expect(event.eventSource).toBe('SelfManagedKafka');
      expect(event.bootstrapServers).toBe(cluster.bootstrapServers);
      expect(event).not.toHaveProperty('eventSourceArn');
    }
    const records = invocations.flatMap((event) =>
      Object.values(event.records).flat()
    );
    const byOffset = (partition: number, offset: number) =>
      records.find(
        (record) => record.partition === partition && record.offset === offset
      ) as KafkaEventRecord;
    expect(byOffset(0, 0)).toEqual({
      topic,
      partition: 0,
      offset: 0,
      timestamp: expect.any(Number),
      timestampType: 'CREATE_TIME',
      key: Buffer.from('order-1').toString('base64'),
      value: Buffer.from('{"id":1}').toString('base64'),
      headers: [
        { source: [115, 104, 111, 112] },
        // 'été' in UTF-8 is c3 a9 74 c3 a9: bytes above 127 are negative.
        { tag: [-61, -87, 116, -61, -87] },
      ],
    });
    expect(byOffset(1, 0)).not.toHaveProperty('key');
    expect(byOffset(1, 0)).toMatchObject({
      value: Buffer.from('not json').toString('base64'),
      headers: [],
    });
    expect(byOffset(0, 1)).toMatchObject({ value: null });
    await waitFor('commits of both partitions', async () => {
      const committed = await committedOffsets(
        cluster.brokers,
        `group-${topic}`,
        topic
      );
      return committed[0] === 2 && committed[1] === 1;
    });
    expect(esm.stats()).toMatchObject({ state: 'running', delivered: 3 });
  });

  it.concurrent('commits only up to the first failure and redelivers from it after a growing backoff', async ({
    expect,
  }) => {
    // Prepare
    const topic = await newTopic(2);
    const key0 = `${topic}-0`;
    await produce(cluster.brokers, topic, [
      ...[0, 1, 2, 3, 4].map((n) => ({ partition: 0, value: `p0-${n}` })),
      ...[0, 1].map((n) => ({ partition: 1, value: `p1-${n}` })),
    ]);
    const invocations: KafkaEvent[] = [];
    const committedAtRedelivery: Record<number, number>[] = [];
    let failuresLeft = 2;

    // Act
    const { events, groupId } = startEsm({
      topic,
      processBatch: async (event) => {
        invocations.push(event);
        const offsets = (event.records[key0] ?? []).map((r) => r.offset);
        if (offsets.includes(2) && failuresLeft > 0) {
          if (failuresLeft < 2) {
            committedAtRedelivery.push(
              await committedOffsets(cluster.brokers, groupId, topic)
            );
          }
          failuresLeft -= 1;
          return {
            batchItemFailures: [
              { itemIdentifier: { partition: key0, offset: 2 } },
              { itemIdentifier: { partition: key0, offset: 4 } },
            ],
          };
        }
        return ok;
      },
    });
    await waitFor('all records done', async () => {
      const committed = await committedOffsets(cluster.brokers, groupId, topic);
      return committed[0] === 5 && committed[1] === 2;
    });

    // Assess
    expect(offsetsOf(invocations, key0)).toEqual([
      0, 1, 2, 3, 4, 2, 3, 4, 2, 3, 4,
    ]);
    expect(offsetsOf(invocations, `${topic}-1`)).toEqual([0, 1]);
    expect(committedAtRedelivery).toEqual([{ 0: 2, 1: 2 }]);
    expect(events.filter((event) => event.type === 'retryScheduled')).toEqual([
      {
        type: 'retryScheduled',
        partition: 0,
        offset: 2,
        attempt: 1,
        delayMs: 50,
      },
      {
        type: 'retryScheduled',
        partition: 0,
        offset: 2,
        attempt: 2,
        delayMs: 100,
      },
    ]);
  });

  it.concurrent('splits deliveries into invocations of at most the batch size', async ({
    expect,
  }) => {
    // Prepare
    const topic = await newTopic(1);
    await produce(
      cluster.brokers,
      topic,
      [0, 1, 2, 3, 4, 5, 6].map((n) => ({ partition: 0, value: `v${n}` }))
    );
    const invocations: KafkaEvent[] = [];

    // Act
    startEsm({
      topic,
      batchSize: 3,
      processBatch: async (event) => {
        invocations.push(event);
        return ok;
      },
    });
    await waitFor(
      'seven records',
      () => offsetsOf(invocations, `${topic}-0`).length >= 7
    );

    // Assess
    expect(offsetsOf(invocations, `${topic}-0`)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(
      Math.max(
        ...invocations.map((e) => Object.values(e.records).flat().length)
      )
    ).toBeLessThanOrEqual(3);
  });

  it.concurrent.for([
    {
      case: 'processBatch throws',
      fail: async (): Promise<KafkaBatchResponse> => {
        throw new Error('handler crashed');
      },
      reason: /handler crashed/,
    },
    {
      case: 'the response names an offset that is not in the batch',
      fail: async (event: KafkaEvent): Promise<KafkaBatchResponse> => ({
        batchItemFailures: [
          {
            itemIdentifier: {
              partition: Object.keys(event.records)[0] ?? '',
              offset: 999,
            },
          },
        ],
      }),
      reason: /not a record of the batch/,
    },
  ])(
    'retries the whole batch when $case',
    async ({ fail, reason }, { expect }) => {
      // Prepare
      const topic = await newTopic(1);
      await produce(cluster.brokers, topic, [
        { partition: 0, value: 'a' },
        { partition: 0, value: 'b' },
      ]);
      const invocations: KafkaEvent[] = [];
      let failed = false;

      // Act
      const { events } = startEsm({
        topic,
        processBatch: async (event) => {
          invocations.push(event);
          if (!failed) {
            failed = true;
            return fail(event);
          }
          return ok;
        },
      });
      await waitFor('a second delivery', () => invocations.length >= 2);

      // Assess
      expect(offsetsOf(invocations, `${topic}-0`)).toEqual([0, 1, 0, 1]);
      expect(events).toContainEqual({
        type: 'problem',
        reason: expect.stringMatching(reason),
      });
    }
  );

  it.concurrent('starts each partition at its configured offset', async ({
    expect,
  }) => {
    // Prepare
    const topic = await newTopic(2);
    await produce(
      cluster.brokers,
      topic,
      [0, 1, 2, 3].flatMap((n) => [
        { partition: 0, value: `a${n}` },
        { partition: 1, value: `b${n}` },
      ])
    );
    const invocations: KafkaEvent[] = [];

    // Act
    startEsm({
      topic,
      offsets: [3, null],
      processBatch: async (event) => {
        invocations.push(event);
        return ok;
      },
    });
    await waitFor(
      'both partitions',
      () =>
        offsetsOf(invocations, `${topic}-0`).length >= 1 &&
        offsetsOf(invocations, `${topic}-1`).length >= 4
    );

    // Assess
    expect(offsetsOf(invocations, `${topic}-0`)).toEqual([3]);
    expect(offsetsOf(invocations, `${topic}-1`)).toEqual([0, 1, 2, 3]);
  });

  it.concurrent('knows the lag after a restart before any record is done, also of partitions with nothing to fetch', async ({
    expect,
  }) => {
    // Prepare: a first run commits everything, then two more records come
    // to partition 0 while nothing runs.
    const topic = await newTopic(2);
    await produce(cluster.brokers, topic, [
      ...[0, 1, 2].map((n) => ({ partition: 0, value: `p0-${n}` })),
      { partition: 1, value: 'p1-0' },
    ]);
    // librdkafka's mock drops a member that left only after its session
    // timeout: a short one lets the second run join soon.
    const session = { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 };
    const first = startEsm({ topic, ...session, processBatch: async () => ok });
    await waitFor('the first run to commit', async () => {
      const committed = await committedOffsets(
        cluster.brokers,
        first.groupId,
        topic
      );
      return committed[0] === 3 && committed[1] === 1;
    });
    await first.esm.stop();
    await produce(cluster.brokers, topic, [
      { partition: 0, value: 'p0-3' },
      { partition: 0, value: 'p0-4' },
    ]);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });

    // Act: the second run holds its first invocation.
    const second = startEsm({
      topic,
      ...session,
      processBatch: async () => {
        await held;
        return ok;
      },
    });
    const partitions = await waitFor('the lag of both partitions', () => {
      const known = second.esm.stats().partitions;
      return known.length === 2 && known.every((p) => p.lag !== undefined)
        ? known
        : undefined;
    }).finally(release);

    // Assess: partition 1 never fetched a record, yet its lag is known.
    expect(partitions).toEqual([
      { partition: 0, committed: 3, highWatermark: 5, lag: 2 },
      { partition: 1, committed: 1, highWatermark: 1, lag: 0 },
    ]);
  });

  it.concurrent('hands over what it gathered and commits it when stopped', async ({
    expect,
  }) => {
    // Prepare
    const topic = await newTopic(1);
    await produce(cluster.brokers, topic, [
      { partition: 0, value: 'a' },
      { partition: 0, value: 'b' },
    ]);
    const invocations: KafkaEvent[] = [];
    const { esm, groupId } = startEsm({
      topic,
      // The window would hold the records for a minute.
      batchWindowMs: 60_000,
      processBatch: async (event) => {
        invocations.push(event);
        return ok;
      },
    });
    await waitFor('the records to be gathered', () =>
      esm.stats().partitions.some((p) => p.highWatermark === 2)
    );

    // Act
    await esm.stop();

    // Assess
    expect(offsetsOf(invocations, `${topic}-0`)).toEqual([0, 1]);
    expect(await committedOffsets(cluster.brokers, groupId, topic)).toEqual({
      0: 2,
    });
    expect(esm.stats().state).toBe('stopped');
  });

  it.concurrent('reports the servers it waits for while Kafka cannot be reached', async ({
    expect,
  }) => {
    // Prepare
    const events: EsmConsumerEvent[] = [];
    const esm = createEsmConsumer({
      name: 'nowhere',
      client: {
        brokers: ['127.0.0.1:1'],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      },
      groupId: 'g',
      topic: 't',
      fromBeginning: true,
      batchSize: 10,
      batchWindowMs: 10,
      retryInitialMs: 10,
      retryMaxMs: 10,
      reconnectInitialMs: 20,
      reconnectMaxMs: 40,
      processBatch: async () => ok,
      onEvent: (event) => events.push(event),
    });

    // Act
    esm.start();
    await waitFor(
      'two waiting reports',
      () => events.filter((event) => event.type === 'waiting').length >= 2
    );
    await esm.stop();

    // Assess
    expect(events.find((event) => event.type === 'waiting')).toEqual({
      type: 'waiting',
      servers: ['127.0.0.1:1'],
      reason: expect.stringMatching(/ECONNREFUSED|connect/i),
      retryInMs: 20,
    });
    expect(esm.stats().state).toBe('stopped');
  });
});

import { type logCreator, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import type { KafkaBatchResponse } from '../../lib/kafka/types.js';
import { createEsmConsumer } from '../../lib/local/createEsmConsumer.js';
import type {
  EsmConsumer,
  EsmConsumerEvent,
  EsmConsumerOptions,
  LocalInvocationContext,
} from '../../lib/local/types.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';
import { produce, waitFor } from './helpers.js';

// Issue 15: "stop means stop". Each test has a mock cluster of its own: one
// of them takes its broker away.

const ok: KafkaBatchResponse = { batchItemFailures: [] };

/** kafkajs's own log lines (its restarts show only there). */
const kafkajsLog = (): { lines: string[]; creator: logCreator } => {
  const lines: string[] = [];
  return {
    lines,
    creator: () => (entry) => {
      lines.push(String(entry.log.message));
    },
  };
};

describe('Function: createEsmConsumer, stopping', () => {
  const clusters: KafkaCluster[] = [];
  const consumers: EsmConsumer[] = [];

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((esm) => esm.stop()));
    await Promise.all(clusters.splice(0).map((cluster) => cluster.stop()));
  });

  const setUp = async (
    overrides: Partial<EsmConsumerOptions> = {}
  ): Promise<{
    cluster: KafkaCluster;
    esm: EsmConsumer;
    events: EsmConsumerEvent[];
    log: string[];
  }> => {
    const cluster = await startKafkaCluster({
      topics: [{ name: 'orders', partitions: 2 }],
    });
    clusters.push(cluster);
    const events: EsmConsumerEvent[] = [];
    const log = kafkajsLog();
    const esm = createEsmConsumer({
      name: 'orders',
      client: {
        clientId: 'esm-stop-test',
        brokers: [...cluster.brokers],
        logLevel: logLevel.INFO,
        logCreator: log.creator,
        // A restart tries to reach the broker for a few seconds.
        retry: { initialRetryTime: 300, maxRetryTime: 1000 },
      },
      groupId: 'orders',
      topic: 'orders',
      fromBeginning: true,
      batchSize: 100,
      batchWindowMs: 100,
      retryInitialMs: 50,
      retryMaxMs: 200,
      processBatch: async () => ok,
      onEvent: (event) => events.push(event),
      ...overrides,
    });
    consumers.push(esm);
    esm.start();
    await waitFor('the group join', () =>
      events.some((event) => event.type === 'joined')
    );
    return { cluster, esm, events, log: log.lines };
  };

  it('does not restart the consumer after stop when Kafka has gone away', async () => {
    // Prepare: the broker goes away, kafkajs crashes and restarts on its own.
    const { cluster, esm, events, log } = await setUp();
    await cluster.stop();
    // Stop while a restart is under way (its connection attempts last
    // seconds): what kept the process alive (issue 15).
    await waitFor(
      'kafkajs to restart the crashed consumer',
      () => {
        const restart = log.findIndex((line) =>
          line.startsWith('Restarting the consumer')
        );
        return restart >= 0 && log.slice(restart).includes('Starting');
      },
      60_000
    );

    // Act
    await esm.stop();
    const atStop = log.length;
    // kafkajs gives up the restart in progress: it crashes once more.
    await waitFor(
      'the restart in progress to give up',
      () => log.slice(atStop).some((line) => line.startsWith('Crash')),
      120_000
    );

    // Assess
    expect(esm.stats().state).toBe('stopped');
    expect(events.at(-1)).toEqual({ type: 'stopped' });
    expect(
      log.slice(atStop).filter((line) => line.startsWith('Restarting'))
    ).toEqual([]);
  }, 300_000);

  it('tells an invocation its remaining time, and 0 once stopping', async () => {
    // Prepare: the invocation waits until released.
    let context: LocalInvocationContext | undefined;
    let release = (): void => undefined;
    const { cluster, esm, events } = await setUp({
      invocationBudgetMs: 600_000,
      processBatch: (_event, invocation) => {
        context = invocation;
        return new Promise((resolve) => {
          release = () => resolve(ok);
        });
      },
    });
    await produce(cluster.brokers, 'orders', [{ partition: 0, value: '{}' }]);
    const invoked = await waitFor('the invocation', () => context);
    const before = invoked.remainingTimeMs();

    // Act
    const stopping = esm.stop();
    const after = invoked.remainingTimeMs();
    release();
    await stopping;

    // Assess
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(600_000);
    expect(after).toBe(0);
    expect(events).toContainEqual({
      type: 'committed',
      partition: 0,
      offset: 1,
    });
  }, 120_000);

  it('stops within its bound when an invocation never returns', async () => {
    // Prepare: Camunda does not answer, the invocation hangs.
    let invoked = false;
    let release = (): void => undefined;
    const { cluster, esm, events } = await setUp({
      stopTimeoutMs: 300,
      processBatch: () => {
        invoked = true;
        return new Promise((resolve) => {
          release = () => resolve(ok);
        });
      },
    });
    await produce(cluster.brokers, 'orders', [{ partition: 1, value: '{}' }]);
    await waitFor('the invocation', () => invoked);

    // Act
    await esm.stop();

    // Assess
    expect(esm.stats().state).toBe('stopped');
    expect(events.slice(-2)).toEqual([
      {
        type: 'problem',
        reason:
          'the consumer did not finish stopping within 300 ms (Kafka or Camunda not answering); left without it: records not committed are delivered again',
      },
      { type: 'stopped' },
    ]);
    expect(events.some((event) => event.type === 'committed')).toBe(false);
    release();
  }, 120_000);
});

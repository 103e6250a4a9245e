import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import type { DeadLetter } from '../../lib/consumer/types.js';
import {
  createCamundaDeploy,
  startLocalRuntime,
} from '../../lib/local/index.js';
import type { LocalRuntime } from '../../lib/local/types.js';
import {
  committedOffsets,
  produce,
  testKafka,
  waitFor,
} from '../local/helpers.js';
import { kafkaBpmn } from '../support/bpmn.js';
import type {
  RecordedDeployment,
  RecordedRequest,
} from '../support/camunda/types.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';

interface EventVariable {
  readonly key: unknown;
  readonly value: unknown;
  readonly rawValue: string | null;
  readonly headers: Record<string, string> | null;
  readonly partition: number;
  readonly offset: number;
}

const eventOf = (request: RecordedRequest): EventVariable =>
  (request.body as { variables: { event: EventVariable } }).variables.event;

const statusOf = (request: RecordedRequest): number | undefined =>
  request.response?.kind === 'http' ? request.response.status : undefined;

/** `partition → [offset:status, …]` in arrival order. */
const byPartition = (
  requests: readonly RecordedRequest[],
  locate: (request: RecordedRequest) => { partition: number; offset: number }
): Record<number, string[]> => {
  const result: Record<number, string[]> = {};
  for (const request of requests) {
    const { partition, offset } = locate(request);
    result[partition] = [
      ...(result[partition] ?? []),
      `${offset}:${statusOf(request)}`,
    ];
  }
  return result;
};

describe('End to end: kafka-inbound start', () => {
  let kafka: KafkaCluster;
  let camunda: CamundaDouble;
  let dir: string;
  let runtime: LocalRuntime | undefined;
  const lines: string[] = [];
  // Released by the test: until then Camunda answers 503 for the record {"n": 4}.
  let holdN4 = true;
  const creates = () => camunda.requestsTo('/v2/process-instances', 'POST');
  const publishes = () =>
    camunda.requestsTo('/v2/messages/publication', 'POST');

  beforeAll(async () => {
    [kafka, camunda, dir] = await Promise.all([
      startKafkaCluster({
        topics: [
          { name: 'intake', partitions: 3 },
          { name: 'payments', partitions: 2 },
        ],
      }),
      startCamundaDouble(),
      mkdtemp(join(tmpdir(), 'kafka-inbound-e2e-')),
    ]);
    camunda.setFault((request) => {
      const body = request.body as {
        variables?: { event?: { value?: { n?: number } } };
      };
      const n = body?.variables?.event?.value?.n;
      if (n === 4 && holdN4) return faults.backpressure();
      if (n === 5) {
        return faults.status(400, { detail: 'Variables are not valid' });
      }
      return undefined;
    });
  });

  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([kafka?.stop(), camunda?.close()]);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('runs BPMN bindings against Kafka with the ESM semantics', async () => {
    // Prepare
    // librdkafka's mock keeps a member that left until its session times
    // out, so the payments group (joined again below) gets a short one.
    const tuning = '{"fetch.max.wait.ms": "100"}';
    const shortSession =
      '{"fetch.max.wait.ms": "100", "session.timeout.ms": "3000", "heartbeat.interval.ms": "500"}';
    await writeFile(
      join(dir, 'intake.bpmn'),
      kafkaBpmn({
        processId: 'e2e-intake',
        kind: 'start',
        topic: 'intake',
        servers: kafka.bootstrapServers,
        groupId: 'e2e-intake',
        resultVariable: 'event',
        properties: { additionalProperties: tuning },
      })
    );
    await writeFile(
      join(dir, 'payment.bpmn'),
      kafkaBpmn({
        processId: 'e2e-payment',
        kind: 'intermediate',
        topic: 'payments',
        servers: kafka.bootstrapServers,
        groupId: 'e2e-payments',
        messageName: 'payment-received',
        correlationKeyExpression: '=value.orderId',
        resultVariable: 'payment',
        properties: { additionalProperties: shortSession },
      })
    );
    await writeFile(join(dir, 'notes.txt'), 'not a BPMN file');
    const deadLetterFile = join(dir, 'out', 'dead-letters.jsonl');
    await produce(kafka.brokers, 'intake', [
      {
        partition: 0,
        key: 'a',
        value: '{"n":1}',
        headers: { channel: 'web' },
      },
      { partition: 0, key: 'a', value: 'plain text, not JSON' },
      { partition: 0, key: 'a', value: '{"n":4}' },
      { partition: 0, key: 'a', value: '{"n":7}' },
      { partition: 1, key: 'b', value: '{"n":2}' },
      { partition: 1, key: 'b', value: '{"n":5}' },
      { partition: 1, key: 'b', value: '{"n":6}' },
      {
        partition: 2,
        key: null,
        value: '{"n":3}',
        headers: { city: 'Zürich' },
      },
    ]);
    await produce(kafka.brokers, 'payments', [
      { partition: 0, key: 'o-1', value: '{"orderId":"o-1","amount":10}' },
      { partition: 1, key: 'o-2', value: '{"orderId":"o-2","amount":20}' },
      { partition: 1, key: 'o-3', value: 'garbage' },
    ]);

    // The first deployment meets a busy Camunda: records wait for the retry.
    camunda.enqueue({ ...faults.backpressure(), path: '/v2/deployments' });
    const client = createCamundaClient(readCamundaConfig(camunda.env()));

    // Act
    runtime = await startLocalRuntime({
      processesDir: dir,
      camunda: client,
      deploy: createCamundaDeploy(client),
      deployRetryMs: 100,
      deadLetterFile,
      env: {},
      log: {
        debug: () => undefined,
        info: (line) => lines.push(line),
        warn: (line) => lines.push(line),
        error: (line) => lines.push(line),
      },
      retryInitialMs: 100,
      retryMaxMs: 400,
      watchDebounceMs: 50,
      summaryIntervalMs: 0,
    });
    await waitFor(
      'the 503 record to be retried twice',
      () => creates().filter((r) => statusOf(r) === 503).length >= 2
    );
    const whileFailing = await committedOffsets(
      kafka.brokers,
      'e2e-intake',
      'intake'
    );
    holdN4 = false;
    await waitFor('every intake record done', async () => {
      const committed = await committedOffsets(
        kafka.brokers,
        'e2e-intake',
        'intake'
      );
      return committed[0] === 4 && committed[1] === 3 && committed[2] === 1;
    });
    await waitFor('every payment record done', async () => {
      const committed = await committedOffsets(
        kafka.brokers,
        'e2e-payments',
        'payments'
      );
      return committed[0] === 1 && committed[1] === 2;
    });

    // Assess: both files deployed (after one 503), before any record went
    // to Camunda.
    const deployments = camunda.requestsTo('/v2/deployments', 'POST');
    expect(deployments.map(statusOf)).toEqual([503, 200, 200]);
    const deployedAt = (file: string): number =>
      deployments.find(
        (r) =>
          statusOf(r) === 200 &&
          (r.body as RecordedDeployment).resources[0]?.name === file
      )?.id ?? Number.POSITIVE_INFINITY;
    expect(Math.min(...creates().map((r) => r.id))).toBeGreaterThan(
      deployedAt('intake.bpmn')
    );
    expect(Math.min(...publishes().map((r) => r.id))).toBeGreaterThan(
      deployedAt('payment.bpmn')
    );
    expect(camunda.processes.map((p) => p.processDefinitionId).sort()).toEqual(
      expect.arrayContaining(['e2e-intake', 'e2e-payment'])
    );
    // Per partition, create-instance calls in offset order; the
    // 503 record is retried until it succeeds, the 400 one is not.
    const intake = byPartition(creates(), (r) => eventOf(r));
    expect(intake[0]?.slice(0, 3)).toEqual(['0:200', '1:200', '2:503']);
    expect(
      intake[0]?.filter((call) => call === '2:503').length
    ).toBeGreaterThanOrEqual(2);
    expect(intake[0]?.slice(-2)).toEqual(['2:200', '3:200']);
    expect(intake[1]).toEqual(['0:200', '1:400', '2:200']);
    expect(intake[2]).toEqual(['0:200']);
    expect(whileFailing[0]).toBe(2);
    expect(
      camunda.instances.map((instance) => instance.processDefinitionId)
    ).toEqual(Array(7).fill('e2e-intake'));
    // What FEEL saw: keys, JSON and non-JSON values, headers.
    const firstEvents = creates().map(eventOf);
    expect(
      firstEvents.find((e) => e.partition === 0 && e.offset === 0)
    ).toMatchObject({
      key: 'a',
      value: { n: 1 },
      headers: { channel: 'web' },
    });
    expect(
      firstEvents.find((e) => e.partition === 0 && e.offset === 1)
    ).toMatchObject({
      value: 'plain text, not JSON',
      rawValue: 'plain text, not JSON',
    });
    expect(firstEvents.find((e) => e.partition === 2)).toMatchObject({
      key: null,
      headers: { city: 'Zürich' },
    });
    // Publications: message id from the record coordinates.
    expect(
      publishes().map((r) => {
        const body = r.body as {
          name: string;
          correlationKey: string;
          messageId: string;
        };
        return [body.name, body.correlationKey, body.messageId, statusOf(r)];
      })
    ).toEqual(
      expect.arrayContaining([
        ['payment-received', 'o-1', 'payments-0-0', 200],
        ['payment-received', 'o-2', 'payments-1-0', 200],
      ])
    );
    expect(publishes()).toHaveLength(2);
    // Poison records land in the dead-letter file and their partition goes on.
    const letters = (await readFile(deadLetterFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as DeadLetter);
    expect(
      letters
        .map((l) => [l.topic, l.partition, l.offset, l.reason, l.status])
        .sort()
    ).toEqual([
      ['intake', 1, 1, 'camunda-rejected', 400],
      ['payments', 1, 1, 'correlation-key-missing', undefined],
    ]);
    expect(letters[0]?.record).toHaveProperty('value');
    expect(lines.join('\n')).toContain(
      'process e2e-intake, element KafkaStartEvent ← topic intake, group e2e-intake'
    );
    // The 503 record is logged once as not done, not at each redelivery
    // for the same reason (issue 17).
    expect(
      lines.filter((line) => line.includes('intake-0@2 not done'))
    ).toHaveLength(1);
    // The summary counts the 8 records once each and the redeliveries of
    // the 503 record apart (issues 15 and 17).
    const intakeStatus = runtime
      ?.status()
      .find((binding) => binding.topic === 'intake');
    expect(intakeStatus).toMatchObject({
      records: 8,
      redeliveries: intake[0]?.filter((call) => call === '2:503').length,
      done: 7,
      notActivated: 0,
      deadLettered: 1,
      retrying: [],
    });
  });

  it('stops the consumer of a removed BPMN file', async () => {
    // Prepare
    const stopped = runtime
      ?.status()
      .find((binding) => binding.topic === 'payments');

    // Act
    await unlink(join(dir, 'payment.bpmn'));
    await waitFor('the payment binding to stop', () =>
      runtime?.status().every((binding) => binding.topic !== 'payments')
    );
    await produce(kafka.brokers, 'payments', [
      { partition: 0, key: 'o-9', value: '{"orderId":"o-9"}' },
    ]);
    // A new member of the group gets every partition only when the
    // runtime's member has left; it resumes at the committed offsets.
    const consumer = testKafka(kafka.brokers).consumer({
      groupId: 'e2e-payments',
      sessionTimeout: 3000,
      heartbeatInterval: 500,
    });
    let assigned: number[] = [];
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      assigned = [...(payload.memberAssignment.payments ?? [])].sort();
    });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'payments' });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push(`${partition}@${message.offset}`);
      },
    });
    await waitFor(
      'the new member to read the new record',
      () => seen.length > 0
    );
    await consumer.disconnect();

    // Assess
    expect(stopped?.consumer.state).toBe('running');
    expect(assigned).toEqual([0, 1]);
    expect(seen).toEqual(['0@1']);
    expect(publishes()).toHaveLength(2);
    expect(runtime?.status().map((binding) => binding.topic)).toEqual([
      'intake',
    ]);
    expect(lines).toContainEqual(
      expect.stringContaining(
        'payment.bpmn: stopped e2e-payment/KafkaCatchEvent (file removed)'
      )
    );
  });
});

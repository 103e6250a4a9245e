import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import {
  createCamundaDeploy,
  runStartCommand,
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
import type { RecordedRequest } from '../support/camunda/types.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';

// Issue 14, deliverable 5, as Camunda's runtime behaves
// (docs: components/connectors/advanced-topics/inbound-lifecycle): version 1
// of a process waits on a Kafka catch event reading topic `payments`;
// version 2 moves the element to `payments-v2`. While an instance of
// version 1 waits (the double's message-subscription search finds it),
// version 1 keeps consuming `payments`; once its message has correlated the
// instance and two checks in a row find nothing waiting, version 1's
// consumer stops and leaves its group, and version 2 goes on consuming.
// Then `kafka-inbound start --discover` (the command itself) runs a process
// deployed to Camunda while it runs, and stops it once it is deleted there.

interface Publication {
  readonly name: string;
  readonly correlationKey: string;
  readonly messageId: string;
}

const publicationOf = (request: RecordedRequest): Publication =>
  request.body as Publication;

// librdkafka's mock keeps a member that left until its session times out:
// a short session lets the test's own member join once the runtime's left.
const TUNING =
  '{"fetch.max.wait.ms": "100", "session.timeout.ms": "3000", "heartbeat.interval.ms": "500"}';

describe('End to end: kafka-inbound start, process versions', () => {
  let kafka: KafkaCluster;
  let camunda: CamundaDouble;
  let dir: string;
  let runtime: LocalRuntime | undefined;
  const lines: string[] = [];
  const file = () => join(dir, 'payments.bpmn');
  const publications = () =>
    camunda.requestsTo('/v2/messages/publication', 'POST').map(publicationOf);
  const published = (correlationKey: string) =>
    publications().filter((p) => p.correlationKey === correlationKey);
  const searchesFor = (processDefinitionKey: string) =>
    camunda
      .requestsTo('/v2/message-subscriptions/search', 'POST')
      .filter(
        (request) =>
          (request.body as { filter?: { processDefinitionKey?: string } })
            .filter?.processDefinitionKey === processDefinitionKey
      );
  const topics = () =>
    (runtime?.status() ?? []).map((binding) => binding.topic).sort();
  const version = (processDefinitionVersion: number) =>
    camunda.processes.find(
      (p) =>
        p.processDefinitionId === 'payments' &&
        p.processDefinitionVersion === processDefinitionVersion
    );
  const catchOn = (topic: string) =>
    kafkaBpmn({
      processId: 'payments',
      kind: 'intermediate',
      topic,
      servers: kafka.bootstrapServers,
      groupId: `group-${topic}`,
      messageName: 'payment-received',
      correlationKeyExpression: '=value.orderId',
      properties: { additionalProperties: TUNING },
    });

  beforeAll(async () => {
    [kafka, camunda, dir] = await Promise.all([
      startKafkaCluster({
        topics: [
          { name: 'payments', partitions: 1 },
          { name: 'payments-v2', partitions: 1 },
          { name: 'modeler-orders', partitions: 1 },
        ],
      }),
      startCamundaDouble(),
      mkdtemp(join(tmpdir(), 'kafka-inbound-versions-')),
    ]);
  });

  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([kafka?.stop(), camunda?.close()]);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('keeps version 1 consuming while its instance waits, and stops it once nothing waits', async () => {
    // Prepare: version 1 runs and an instance of it waits for order o-1.
    await writeFile(file(), catchOn('payments'));
    const client = createCamundaClient(readCamundaConfig(camunda.env()));
    runtime = await startLocalRuntime({
      processesDir: dir,
      camunda: client,
      deploy: createCamundaDeploy(client),
      // The message-subscription search, as `kafka-inbound start` wires it.
      versions: client,
      deadLetterFile: join(dir, 'dead-letters.jsonl'),
      // The check's interval, read as `start` reads it.
      env: { LOCAL_VERSION_CHECK_MS: '100' },
      log: {
        debug: () => undefined,
        info: (line) => lines.push(line),
        warn: (line) => lines.push(line),
        error: (line) => lines.push(line),
      },
      watch: false,
      summaryIntervalMs: 0,
      retryInitialMs: 100,
      retryMaxMs: 400,
    });
    const v1 = await waitFor('version 1 to be deployed', () => version(1));
    await waitFor(
      'version 1 to consume',
      () => runtime?.status()[0]?.consumer.state === 'running'
    );
    const waiting = camunda.openSubscription({
      processDefinitionKey: v1.processDefinitionKey,
      elementId: 'KafkaCatchEvent',
      messageName: 'payment-received',
      correlationKey: 'o-1',
    });

    // Act 1: version 2 moves the catch event to payments-v2; a record for
    // another order comes on payments while the instance waits.
    await writeFile(file(), catchOn('payments-v2'));
    await runtime.reload();
    const v2 = await waitFor('version 2 to be deployed', () => version(2));
    const afterUpgrade = topics();
    const checksBefore = searchesFor(v1.processDefinitionKey).length;
    await produce(kafka.brokers, 'payments', [
      { partition: 0, key: 'o-0', value: '{"orderId":"o-0"}' },
    ]);
    await waitFor(
      'the record on payments to be published',
      () => published('o-0').length > 0
    );
    await waitFor(
      'three more checks of version 1',
      () => searchesFor(v1.processDefinitionKey).length >= checksBefore + 3
    );
    const whileWaiting = topics();
    const stateWhileWaiting = waiting.state;

    // Act 2: the instance's own message comes on payments, correlates it
    // (the instance moves on: nothing of version 1 waits any more).
    await produce(kafka.brokers, 'payments', [
      { partition: 0, key: 'o-1', value: '{"orderId":"o-1"}' },
    ]);
    await waitFor(
      'version 1 to stop',
      () => !topics().includes('payments'),
      60_000
    );
    const afterRetirement = topics();

    // Act 3: records on both topics; the one on payments-v2 is published.
    await produce(kafka.brokers, 'payments', [
      { partition: 0, key: 'o-2', value: '{"orderId":"o-2"}' },
    ]);
    await produce(kafka.brokers, 'payments-v2', [
      { partition: 0, key: 'o-3', value: '{"orderId":"o-3"}' },
    ]);
    await waitFor(
      'the record on payments-v2 to be published',
      () => published('o-3').length > 0
    );
    // Version 1's group has no member left: a new member gets its partition
    // and reads the record the runtime did not, from the committed offset.
    const committed = await committedOffsets(
      kafka.brokers,
      'group-payments',
      'payments'
    );
    const consumer = testKafka(kafka.brokers).consumer({
      groupId: 'group-payments',
      sessionTimeout: 3000,
      heartbeatInterval: 500,
    });
    let assigned: number[] = [];
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      assigned = [...(payload.memberAssignment.payments ?? [])];
    });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'payments' });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push(`${partition}@${message.offset}:${message.key}`);
        },
      });
      await waitFor(
        'a new member of version 1’s group to read the record',
        () => seen.length > 0,
        60_000
      );
    } finally {
      await consumer.disconnect();
    }

    // Assess: both versions consumed after the upgrade, and version 1
    // published for its waiting instance.
    expect(v2.processDefinitionKey).not.toBe(v1.processDefinitionKey);
    expect(afterUpgrade).toEqual(['payments', 'payments-v2']);
    expect(whileWaiting).toEqual(['payments', 'payments-v2']);
    expect(stateWhileWaiting).toBe('CREATED');
    expect(published('o-0')).toEqual([
      expect.objectContaining({
        name: 'payment-received',
        correlationKey: 'o-0',
        messageId: 'payments-0-0',
      }),
    ]);
    expect(published('o-1').map((p) => p.messageId)).toEqual(['payments-0-1']);
    expect(waiting.state).toBe('CORRELATED');
    // Every check asked for what waits on version 1, by key and state.
    expect(searchesFor(v1.processDefinitionKey)[0]?.body).toEqual({
      filter: {
        processDefinitionKey: v1.processDefinitionKey,
        messageSubscriptionState: 'CREATED',
      },
      page: expect.objectContaining({ limit: expect.any(Number) }),
    });
    // Version 1 retired: its consumer stopped and left its group after
    // committing both records; the record that came later is left to Kafka.
    expect(afterRetirement).toEqual(['payments-v2']);
    expect(lines).toContain(
      'payments.bpmn: payments version(s) 1 keep consuming while instances may wait on their message elements'
    );
    expect(lines).toContain(
      'payments.bpmn: payments version 1: nothing waits any more; its bindings stop'
    );
    expect(lines).toContain(
      'payments.bpmn: stopped payments/KafkaCatchEvent (an older version it served is retired: nothing waits on it)'
    );
    expect(committed).toEqual({ 0: 2 });
    expect(assigned).toEqual([0]);
    expect(seen).toEqual(['0@2:o-2']);
    expect(published('o-2')).toEqual([]);
    // Version 2 consumed its topic throughout.
    expect(published('o-3').map((p) => p.messageId)).toEqual([
      'payments-v2-0-0',
    ]);
    expect(runtime.status()).toEqual([
      expect.objectContaining({
        topic: 'payments-v2',
        groupId: 'group-payments-v2',
        done: 1,
      }),
    ]);
    // Quiet: nothing went wrong on the way.
    expect(lines.filter((line) => /cannot|failed|error/i.test(line))).toEqual(
      []
    );
  }, 180_000);

  it('runs a process deployed from a modeler (start --discover) within one poll, and stops it once deleted in Camunda', async () => {
    // Prepare: the previous test's runtime and processes are gone; an empty
    // folder.
    await runtime?.stop();
    runtime = undefined;
    camunda.reset();
    const processes = join(dir, 'empty');
    await mkdir(processes);
    const client = createCamundaClient(readCamundaConfig(camunda.env()));
    const searches = () =>
      camunda.requestsTo('/v2/process-definitions/search', 'POST').length;
    const output: string[] = [];
    const abort = new AbortController();
    const exit = runStartCommand(
      [
        '--processes',
        processes,
        '--dead-letter',
        join(dir, 'discover-dead-letters.jsonl'),
        '--discover',
      ],
      {
        out: (line) => output.push(line),
        err: (line) => output.push(line),
        env: {
          ...camunda.env(),
          LOCAL_DISCOVER_MS: '100',
          LOCAL_SUMMARY_INTERVAL_MS: '0',
        },
        cwd: dir,
      },
      { signal: abort.signal }
    );
    let code: number | undefined;
    let key = '';
    try {
      await waitFor('the first search of deployments', () => searches() > 0);

      // Act: the process is deployed to Camunda directly, as Web Modeler's
      // Deploy button does, while the command runs.
      const deployment = await client.deployResources([
        {
          name: 'modeler-orders.bpmn',
          content: kafkaBpmn({
            processId: 'modeler-orders',
            kind: 'start',
            topic: 'modeler-orders',
            servers: kafka.bootstrapServers,
            groupId: 'modeler-orders',
            properties: { additionalProperties: TUNING },
          }),
        },
      ]);
      key = deployment.processes[0]?.processDefinitionKey ?? '';
      await waitFor(
        'the discovered process to consume',
        () => output.some((line) => line.includes('consuming modeler-orders')),
        60_000
      );
      await produce(kafka.brokers, 'modeler-orders', [
        { partition: 0, key: 'a', value: '{"n":1}' },
      ]);
      await waitFor('its instance', () =>
        camunda.instances.some((i) => i.processDefinitionKey === key)
      );
      camunda.deleteProcessDefinition(key);
      await waitFor('the deleted process to stop', () =>
        output.some((line) =>
          line.includes('camunda:modeler-orders: no longer deployed in Camunda')
        )
      );
    } finally {
      abort.abort();
      code = await exit;
    }

    // Assess
    expect(code).toBe(0);
    expect(
      camunda.requestsTo(`/v2/process-definitions/${key}/xml`, 'GET')
    ).toHaveLength(1);
    expect(
      camunda.requestsTo('/v2/process-definitions/search', 'POST').length
    ).toBeGreaterThanOrEqual(2);
    expect(
      camunda.instances.filter((i) => i.processDefinitionKey === key)
    ).toHaveLength(1);
    // Nothing was deployed by the runtime: the process is Camunda's.
    expect(camunda.requestsTo('/v2/deployments', 'POST')).toHaveLength(1);
  }, 180_000);
});

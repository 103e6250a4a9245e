import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CamundaPort } from '../../lib/camunda/types.js';
import { LocalConfigError, startLocalRuntime } from '../../lib/local/index.js';
import type {
  LocalRuntime,
  LocalRuntimeOptions,
} from '../../lib/local/types.js';
import { kafkaBpmn } from '../support/bpmn.js';
import { waitFor } from './helpers.js';

// Nothing listens on port 1: the consumers wait in the background, which is
// all these tests need.
const NOWHERE = '127.0.0.1:1';

const camunda: CamundaPort = {
  createProcessInstance: async () => ({ kind: 'done', status: 200 }),
  publishMessage: async () => ({ kind: 'done', status: 200 }),
};

const bpmn = (topic: string, properties: Record<string, string> = {}) =>
  kafkaBpmn({
    processId: 'orders',
    kind: 'start',
    topic,
    servers: NOWHERE,
    groupId: 'orders-group',
    properties,
  });

describe('Function: startLocalRuntime', () => {
  let dir: string;
  let runtime: LocalRuntime | undefined;
  let lines: string[];

  const start = async (
    overrides: Partial<LocalRuntimeOptions> = {}
  ): Promise<LocalRuntime> => {
    runtime = await startLocalRuntime({
      processesDir: dir,
      camunda,
      deadLetterFile: join(dir, 'dlq.jsonl'),
      env: {},
      log: {
        debug: () => undefined,
        info: (line) => lines.push(`info ${line}`),
        warn: (line) => lines.push(`warn ${line}`),
        error: (line) => lines.push(`error ${line}`),
      },
      watch: false,
      summaryIntervalMs: 0,
      reconnectInitialMs: 60_000,
      ...overrides,
    });
    return runtime;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-local-'));
    lines = [];
  });

  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the bindings of valid files and names the errors of invalid ones', async () => {
    // Prepare
    await writeFile(join(dir, 'good.bpmn'), bpmn('orders'));
    await writeFile(join(dir, 'bad.bpmn'), bpmn(''));

    // Act
    const started = await start();

    // Assess
    expect(started.status().map((b) => [b.file, b.topic])).toEqual([
      ['good.bpmn', 'orders'],
    ]);
    expect(lines).toContain(
      'error bad.bpmn: [KafkaStartEvent] topic.topicName: the topic name is empty'
    );
    expect(lines).toContain(
      'error bad.bpmn: not started because of the errors above'
    );
    expect(lines).toContain(
      `info good.bpmn: process orders, element KafkaStartEvent ← topic orders, group orders-group, servers ${NOWHERE}`
    );
  });

  it('restarts a changed binding and keeps it running when the next version is invalid', async () => {
    // Prepare
    const file = join(dir, 'orders.bpmn');
    await writeFile(file, bpmn('orders-v1'));
    const started = await start();
    const [first] = started.status();

    // Act
    await writeFile(file, bpmn('orders-v2'));
    await started.reload();
    const [second] = started.status();
    await writeFile(file, bpmn(''));
    await started.reload();
    const [third] = started.status();

    // Assess
    expect(first?.topic).toBe('orders-v1');
    expect(second?.topic).toBe('orders-v2');
    expect(second?.revision).not.toBe(first?.revision);
    expect(third).toEqual(
      expect.objectContaining({
        topic: 'orders-v2',
        revision: second?.revision,
      })
    );
    expect(lines).toContain(
      'info orders.bpmn: stopped orders/KafkaStartEvent (changed or removed from the file)'
    );
    expect(lines).toContain(
      'error orders.bpmn: not started because of the errors above; what runs from its previous version keeps running'
    );
  });

  it('reports a binding whose secret is not set and starts the others', async () => {
    // Prepare
    await writeFile(
      join(dir, 'secured.bpmn'),
      bpmn('secured', {
        'authentication.username': 'alice',
        'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
      })
    );
    await writeFile(join(dir, 'plain.bpmn'), bpmn('plain'));

    // Act
    const started = await start();

    // Assess
    expect(started.status().map((b) => b.topic)).toEqual(['plain']);
    expect(lines).toContain(
      'error secured.bpmn: orders/KafkaStartEvent not started: secret KAFKA_PASSWORD not set: export SECRET_KAFKA_PASSWORD before starting'
    );
  });

  it('waits for a file being saved (emptied first) instead of reporting it as an error', async () => {
    // Prepare
    const debug: string[] = [];
    const started = await start({
      watch: true,
      watchDebounceMs: 40,
      log: {
        debug: (line) => debug.push(line),
        info: (line) => lines.push(`info ${line}`),
        warn: (line) => lines.push(`warn ${line}`),
        error: (line) => lines.push(`error ${line}`),
      },
    });
    const file = join(dir, 'saved.bpmn');

    // Act: an editor truncates the file, and writes it only after the
    // watcher has looked at it (the half-written case: scanProcessesDir's
    // test, with its clock).
    await writeFile(file, '');
    await waitFor('the watcher to see the empty file', () =>
      debug.includes('saved.bpmn: being written; read once it settles')
    );
    await writeFile(file, bpmn('saved'));
    await waitFor(
      'the saved file to start',
      () => started.status().length === 1
    );

    // Assess
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(started.status()[0]?.topic).toBe('saved');
  });

  it('follows the folder: new files start, removed files stop', async () => {
    // Prepare
    const started = await start({ watch: true, watchDebounceMs: 20 });
    const file = join(dir, 'late.bpmn');

    // Act
    await writeFile(file, bpmn('late'));
    await waitFor('the new file to start', () => started.status().length === 1);
    await unlink(file);
    await waitFor('the file to stop', () => started.status().length === 0);

    // Assess
    expect(lines).toContain(
      'info late.bpmn: stopped orders/KafkaStartEvent (file removed)'
    );
    expect(lines[1]).toMatch(/^info dead letters go to .*dlq\.jsonl$/);
  });

  it('keeps an old version consuming while an instance waits on it, and stops it once nothing waits', async () => {
    // Prepare
    const file = join(dir, 'payments.bpmn');
    const catchOn = (topic: string) =>
      kafkaBpmn({
        processId: 'payments',
        kind: 'intermediate',
        topic,
        servers: NOWHERE,
        groupId: `group-${topic}`,
        correlationKeyExpression: '=value.orderId',
      });
    let deployments = 0;
    const waiting = new Map<string, number>();
    let searches = 0;
    await writeFile(file, catchOn('payments'));
    const started = await start({
      deploy: async () => {
        deployments += 1;
        return {
          kind: 'deployed',
          processes: [
            {
              processId: 'payments',
              key: `${deployments}1`,
              version: deployments,
            },
          ],
        };
      },
      versions: {
        searchMessageSubscriptions: async (query) => {
          searches += 1;
          const count = waiting.get(query.processDefinitionKey) ?? 0;
          return {
            items: Array.from({ length: count }, (_, i) => ({
              messageSubscriptionKey: String(i),
              processDefinitionId: 'payments',
              processDefinitionKey: query.processDefinitionKey,
              elementId: 'KafkaCatchEvent',
              messageName: 'payments-message',
              state: 'CREATED',
            })),
            totalItems: count,
            hasMoreTotalItems: false,
          };
        },
      },
      versionCheckMs: 20,
    });
    const topics = () =>
      started
        .status()
        .map((b) => b.topic)
        .sort();
    waiting.set('11', 1);

    // Act
    await writeFile(file, catchOn('payments-v2'));
    await started.reload();
    const afterUpgrade = topics();
    await waitFor('three checks', () => searches >= 3);
    const whileWaiting = topics();
    waiting.set('11', 0);
    await waitFor('version 1 to stop', () => topics().length === 1);

    // Assess
    expect(afterUpgrade).toEqual(['payments', 'payments-v2']);
    expect(whileWaiting).toEqual(['payments', 'payments-v2']);
    expect(topics()).toEqual(['payments-v2']);
    expect(lines).toContain(
      'info payments.bpmn: payments version(s) 1 keep consuming while instances may wait on their message elements'
    );
    expect(lines).toContain(
      'info payments.bpmn: payments version 1: nothing waits any more; its bindings stop'
    );
  });

  it('stops no version while Camunda cannot be asked, warns once per check, and retires it once checks succeed', async () => {
    // Prepare: version 1 keeps a binding only its waiting instances need;
    // Camunda cannot be asked until `reachable`.
    const file = join(dir, 'payments.bpmn');
    const catchOn = (topic: string) =>
      kafkaBpmn({
        processId: 'payments',
        kind: 'intermediate',
        topic,
        servers: NOWHERE,
        groupId: `group-${topic}`,
        correlationKeyExpression: '=value.orderId',
      });
    let deployments = 0;
    let reachable = false;
    let failures = 0;
    await writeFile(file, catchOn('payments'));
    const started = await start({
      deploy: async () => {
        deployments += 1;
        return {
          kind: 'deployed',
          processes: [
            {
              processId: 'payments',
              key: `${deployments}1`,
              version: deployments,
            },
          ],
        };
      },
      versions: {
        searchMessageSubscriptions: async () => {
          if (!reachable) {
            failures += 1;
            throw new Error('connect ECONNREFUSED 127.0.0.1:8080');
          }
          return { items: [], totalItems: 0, hasMoreTotalItems: false };
        },
      },
      versionCheckMs: 20,
    });
    const topics = () =>
      started
        .status()
        .map((b) => b.topic)
        .sort();
    await writeFile(file, catchOn('payments-v2'));
    await started.reload();

    // Act: many failed checks (two empty ones would retire version 1).
    await waitFor('five failed checks', () => failures >= 5);
    const whileFailing = topics();
    const warnings = lines.filter((line) =>
      line.startsWith('warn payments.bpmn: cannot check payments version 1')
    ).length;
    reachable = true;
    await waitFor('version 1 to stop', () => topics().length === 1);

    // Assess
    expect(whileFailing).toEqual(['payments', 'payments-v2']);
    expect(warnings).toBeGreaterThanOrEqual(5);
    expect(lines).toContain(
      'warn payments.bpmn: cannot check payments version 1 (connect ECONNREFUSED 127.0.0.1:8080); it keeps consuming, checked again later'
    );
    expect(topics()).toEqual(['payments-v2']);
  });

  it('runs the Kafka processes deployed in Camunda (--discover), leaves the folder’s own to the folder, and stops them once deleted', async () => {
    // Prepare
    await writeFile(join(dir, 'orders.bpmn'), bpmn('orders-from-folder'));
    const definitions = [
      {
        id: 'payments',
        key: '21',
        xml: kafkaBpmn({
          processId: 'payments',
          kind: 'start',
          topic: 'payments',
          servers: NOWHERE,
          groupId: 'payments-group',
        }),
      },
      { id: 'orders', key: '31', xml: bpmn('orders-from-camunda') },
    ];
    const xmlReads: string[] = [];
    let searches = 0;
    const started = await start({
      discover: {
        searchLatestProcessDefinitions: async () => {
          searches += 1;
          return {
            items: definitions.map((d) => ({
              processDefinitionKey: d.key,
              processDefinitionId: d.id,
              version: 1,
              tenantId: '<default>',
            })),
            totalItems: definitions.length,
            hasMoreTotalItems: false,
          };
        },
        getProcessDefinitionXml: async (key) => {
          xmlReads.push(key);
          return definitions.find((d) => d.key === key)?.xml ?? '';
        },
      },
      discoverMs: 20,
    });
    const running = () =>
      started
        .status()
        .map((b) => `${b.file}:${b.topic}`)
        .sort();

    // Act
    const first = running();
    await waitFor('three searches', () => searches >= 3);
    definitions.splice(0, 1);
    await waitFor('the deleted process to stop', () => running().length === 1);

    // Assess
    expect(first).toEqual([
      'camunda:payments:payments',
      'orders.bpmn:orders-from-folder',
    ]);
    expect(running()).toEqual(['orders.bpmn:orders-from-folder']);
    expect(xmlReads).toEqual(['21']);
    expect(lines).toContain(
      'info camunda:payments: no longer deployed in Camunda'
    );
  });

  it('refuses a LOCAL_* variable that is not a positive whole number, naming it', async () => {
    // Prepare
    const env = { LOCAL_RETRY_MAX_MS: '30s' };

    // Act
    const starting = start({ env });

    // Assess
    await expect(starting).rejects.toThrow(
      new LocalConfigError(
        'LOCAL_RETRY_MAX_MS',
        "must be a positive whole number (got '30s')"
      )
    );
    await expect(starting).rejects.toBeInstanceOf(LocalConfigError);
  });

  it.each([
    { variable: 'LOCAL_VERSION_CHECK_MS', value: '0' },
    { variable: 'LOCAL_DISCOVER_MS', value: '30s' },
    { variable: 'LOCAL_SUMMARY_INTERVAL_MS', value: '-1' },
  ])(
    'refuses $variable=$value naming it, before any binding starts',
    async ({ variable, value }) => {
      // Prepare
      await writeFile(join(dir, 'orders.bpmn'), bpmn('orders'));
      const search = async () => ({
        items: [],
        totalItems: 0,
        hasMoreTotalItems: false,
      });

      // Act
      const starting = start({
        env: { [variable]: value },
        summaryIntervalMs: undefined,
        versions: { searchMessageSubscriptions: search },
        discover: {
          searchLatestProcessDefinitions: search,
          getProcessDefinitionXml: async () => '',
        },
      });

      // Assess
      await expect(starting).rejects.toThrow(
        expect.objectContaining({
          name: 'LocalConfigError',
          message: expect.stringContaining(`${variable} must be`),
        })
      );
      expect(lines.filter((line) => line.includes('process orders'))).toEqual(
        []
      );
    }
  );

  it('searches Camunda for deployments every LOCAL_DISCOVER_MS', async () => {
    // Prepare
    let searches = 0;
    await start({
      env: { LOCAL_DISCOVER_MS: '20' },
      discover: {
        searchLatestProcessDefinitions: async () => {
          searches += 1;
          return { items: [], totalItems: 0, hasMoreTotalItems: false };
        },
        getProcessDefinitionXml: async () => '',
      },
    });

    // Act: the default interval is 30 s, beyond this wait's bound
    // (LOCAL_VERSION_CHECK_MS: test/e2e/local-versions.test.ts).
    const seen = await waitFor(
      'three searches',
      () => searches >= 3 && searches
    );

    // Assess
    expect(seen).toBeGreaterThanOrEqual(3);
  });

  it.each([
    { value: '0', error: undefined },
    {
      value: '-1',
      error:
        "must be a whole number of milliseconds (0: no summary) (got '-1')",
    },
  ])(
    'reads LOCAL_SUMMARY_INTERVAL_MS=$value (0 turns the summary off)',
    async ({ value, error }) => {
      // Act: the variable, not the option, sets the interval.
      const starting = start({
        env: { LOCAL_SUMMARY_INTERVAL_MS: value },
        summaryIntervalMs: undefined,
      });

      // Assess
      if (error === undefined) {
        await expect(starting).resolves.toBeDefined();
      } else {
        await expect(starting).rejects.toThrow(
          new LocalConfigError('LOCAL_SUMMARY_INTERVAL_MS', error)
        );
      }
    }
  );
});

import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { runStartCommand } from '../../lib/local/index.js';
import { captureIo } from '../cli/cliIo.js';
import { produce, waitFor } from '../local/helpers.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';

/**
 * Issue 17's "done when": from `npm start` to a dead letter and back to a
 * started instance, with only what the README and `--help` say — an example
 * copied into ./processes, `start`, a record Camunda rejects, the cause
 * fixed, `redrive`.
 */
describe('End to end: a newcomer from npm start to a dead letter and back', () => {
  let kafka: KafkaCluster;
  let camunda: CamundaDouble;
  let dir: string;
  // Camunda rejects the order until the operator "fixes the cause".
  let rejecting = true;

  beforeAll(async () => {
    [kafka, camunda, dir] = await Promise.all([
      startKafkaCluster({ topics: [{ name: 'order-intake', partitions: 1 }] }),
      startCamundaDouble(),
      mkdtemp(join(tmpdir(), 'kafka-inbound-newcomer-')),
    ]);
    camunda.setFault((request) =>
      rejecting && request.path === '/v2/process-instances'
        ? faults.status(400, { detail: 'Variables are not valid' })
        : undefined
    );
  });

  afterAll(async () => {
    await Promise.all([kafka?.stop(), camunda?.close()]);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('dead-letters a record Camunda rejects, and redrive starts its instance once the cause is fixed', async () => {
    // Prepare: the example, copied as the README says (./processes first).
    await mkdir(join(dir, 'processes'));
    await copyFile(
      'examples/order-intake-process.bpmn',
      join(dir, 'processes', 'order-intake-process.bpmn')
    );
    const env = {
      ...camunda.env(),
      KAFKA_BOOTSTRAP_SERVERS: kafka.bootstrapServers,
      LOCAL_RETRY_INITIAL_MS: '100',
    };
    const lines: string[] = [];
    const stop = new AbortController();

    // Act 1: npm start (= kafka-inbound start), then an order arrives.
    const started = runStartCommand(
      [],
      {
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
        env,
        cwd: dir,
      },
      { signal: stop.signal }
    );
    // autoOffsetReset is latest: the record must come after the group joined.
    await waitFor('the binding to get its partition', () =>
      lines.some((line) => line.includes('consuming order-intake partitions 0'))
    );
    await produce(kafka.brokers, 'order-intake', [
      {
        partition: 0,
        key: 'order-1001',
        value: '{"orderId":"order-1001","items":[{"sku":"A-1","quantity":2}]}',
        headers: { channel: 'web' },
      },
    ]);
    const deadLetterFile = join(dir, '.kafka-inbound', 'dead-letters.jsonl');
    await waitFor('the dead letter', async () =>
      (await readFile(deadLetterFile, 'utf8').catch(() => '')).includes(
        'camunda-rejected'
      )
    );
    stop.abort();
    const startCode = await started;

    // Act 2: the cause is fixed; redrive, as `start --help` says, twice.
    rejecting = false;
    const first = captureIo(env);
    const firstCode = await main(
      ['redrive', '--dead-letter', deadLetterFile, '--bpmn', 'processes'],
      { ...first, cwd: dir }
    );
    const second = captureIo(env);
    const secondCode = await main(
      [
        'redrive',
        '--dead-letter',
        deadLetterFile,
        '--bpmn',
        'processes',
        '--json',
      ],
      { ...second, cwd: dir }
    );

    // Assess: npm start said where dead letters go, stopped cleanly, and
    // its summary counted the record once.
    expect(startCode).toBe(0);
    const all = lines.join('\n');
    expect(all).toContain(`dead letters go to ${deadLetterFile}`);
    expect(all).toMatch(
      /summary order-intake-process\/OrderRecordStartEvent: 1 record\(s\): 0 done, 0 not activated, 1 dead-lettered/
    );
    // The first redrive started the instance and emptied the file.
    expect(firstCode).toBe(0);
    expect(first.stderr).toContain(
      `redriving dead letters from file ${deadLetterFile}`
    );
    expect(first.stdout.at(-1)).toBe(
      'redrive: 1 letter(s): 1 done and removed, 0 kept'
    );
    expect(camunda.instances).toHaveLength(1);
    expect(camunda.instances[0]).toMatchObject({
      processDefinitionId: 'order-intake-process',
    });
    expect((await readFile(deadLetterFile, 'utf8')).trim()).toBe('');
    // The second found nothing to do, and said so as JSON.
    expect(secondCode).toBe(0);
    expect(JSON.parse(second.stdout.at(-1) ?? '{}')).toMatchObject({
      type: 'summary',
      ok: true,
    });
    expect(camunda.instances).toHaveLength(1);
  });
});

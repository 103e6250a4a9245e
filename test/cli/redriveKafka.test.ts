import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import type { DeadLetter } from '../../lib/consumer/types.js';
import { produce } from '../local/helpers.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';
import { captureIo } from './cliIo.js';
import { exampleLetter, toJsonLines } from './deadLetters.js';

/** The letter as fitDeadLetter leaves it when the value did not fit. */
const withoutValue = (letter: DeadLetter, value: Buffer): DeadLetter => ({
  ...letter,
  record: { ...letter.record, value: null },
  truncated: true,
  omitted: {
    value: {
      bytes: value.length,
      sha256: createHash('sha256').update(value).digest('hex'),
    },
  },
});

// Issue 15: "A dead letter whose value was truncated is read back from
// Kafka by topic, partition and offset, or reported as not redrivable" —
// the command, against librdkafka's mock cluster and the Camunda double.
describe('Command: redrive, a letter whose value was left out (mock cluster)', () => {
  let kafka: KafkaCluster;
  let double: CamundaDouble;
  let dir: string;

  beforeAll(async () => {
    [kafka, double, dir] = await Promise.all([
      startKafkaCluster({ topics: [{ name: 'order-intake', partitions: 1 }] }),
      startCamundaDouble(),
      mkdtemp(join(tmpdir(), 'kafka-inbound-redrive-kafka-')),
    ]);
  });

  afterAll(async () => {
    await Promise.all([kafka?.stop(), double?.close()]);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('reads the record back by topic, partition and offset and starts its instance; keeps one whose offset now holds another record', async () => {
    // Prepare: offsets 0 to 4 of order-intake-0; offset 4 is the letter's
    // record, offset 3 is not what its letter says it was.
    const found = exampleLetter('order-intake', 4);
    const foundValue = Buffer.from(found.record.value ?? '', 'base64');
    const other = exampleLetter('order-intake', 3);
    const otherValue = Buffer.from(
      JSON.stringify({ orderId: 'order-3', note: 'as dead-lettered' })
    );
    await produce(kafka.brokers, 'order-intake', [
      ...[0, 1, 2].map((n) => ({ partition: 0, value: `{"n":${n}}` })),
      {
        partition: 0,
        key: 'key-3',
        value: '{"orderId":"someone else"}',
        timestamp: other.timestamp,
      },
      {
        partition: 0,
        key: 'key-4',
        value: foundValue.toString('utf8'),
        timestamp: found.timestamp,
      },
    ]);
    const file = join(dir, 'dead-letters.jsonl');
    const mismatched = withoutValue(other, otherValue);
    await writeFile(
      file,
      toJsonLines([withoutValue(found, foundValue), mismatched])
    );
    const io = captureIo({
      ...double.env(),
      // The examples' bindings read localhost:9092; this Kafka instead.
      KAFKA_BOOTSTRAP_SERVERS: kafka.bootstrapServers,
    });

    // Act
    const code = await main(
      ['redrive', '--dead-letter', file, '--bpmn', 'examples'],
      io
    );

    // Assess
    expect(io.stdout.slice(0, 3)).toEqual([
      'dead-letters.jsonl:1 order-intake-0@4 (order-intake-process) done: instance created (element OrderRecordStartEvent) → removed',
      'dead-letters.jsonl:2 order-intake-0@3 (order-intake-process) not redrivable: the letter holds no record value (left out to fit its sink), and it cannot be read again from Kafka: the value now at offset 3 is not the dead-lettered one (its SHA-256 differs) → kept',
      'redrive: 2 letter(s): 1 done and removed, 1 kept',
    ]);
    expect(code).toBe(1);
    const creates = double.requestsTo('/v2/process-instances', 'POST');
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toMatchObject({
      processDefinitionId: 'order-intake-process',
      variables: { orderId: 'order-4' },
    });
    expect(
      (await readFile(file, 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as unknown)
    ).toEqual([mismatched]);
  }, 120_000);
});

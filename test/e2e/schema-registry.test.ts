import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avsc from 'avsc/lib/types.js';
import { Partitioners } from 'kafkajs';
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
import { committedOffsets, testKafka, waitFor } from '../local/helpers.js';
import { kafkaBpmn } from '../support/bpmn.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';
import {
  confluentFrame,
  type SchemaRegistryDouble,
  startSchemaRegistryDouble,
} from '../support/schema-registry-double.js';

const TICKET_SCHEMA = {
  type: 'record',
  name: 'Ticket',
  namespace: 'support',
  fields: [
    { name: 'ticket', type: 'string' },
    { name: 'priority', type: 'int' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    {
      name: 'channel',
      type: { type: 'enum', name: 'Channel', symbols: ['WEB', 'MAIL'] },
    },
  ],
};
const TICKET_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    ticket: { type: 'string' },
    priority: { type: 'integer' },
  },
};
const ticketType = avsc.Type.forSchema(TICKET_SCHEMA, { wrapUnions: 'always' });
const credentials = { username: 'reader', password: 'sr-pass-4711' };

interface Created {
  readonly variables: Record<string, unknown>;
}

/** Produces binary values, one send, to partition 0. */
const produceBytes = async (
  brokers: readonly string[],
  topic: string,
  values: readonly Buffer[]
): Promise<void> => {
  const producer = testKafka(brokers).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: values.map((value, index) => ({
        partition: 0,
        key: `k${index}`,
        value,
      })),
    });
  } finally {
    await producer.disconnect();
  }
};

describe('End to end: kafka-inbound start with a schema registry', () => {
  let kafka: KafkaCluster;
  let camunda: CamundaDouble;
  let registry: SchemaRegistryDouble;
  let dir: string;
  let runtime: LocalRuntime | undefined;
  const lines: string[] = [];

  beforeAll(async () => {
    [kafka, camunda, registry, dir] = await Promise.all([
      startKafkaCluster({
        topics: [
          { name: 'tickets-avro', partitions: 1 },
          { name: 'tickets-json', partitions: 1 },
        ],
      }),
      startCamundaDouble(),
      startSchemaRegistryDouble({ basicAuth: credentials }),
      mkdtemp(join(tmpdir(), 'kafka-inbound-registry-')),
    ]);
  });

  afterAll(async () => {
    await runtime?.stop();
    await Promise.all([kafka?.stop(), camunda?.close(), registry?.close()]);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('decodes Confluent-framed Avro and JSON Schema records through the registry (retrying while it answers 503) and starts instances with the decoded values', async () => {
    // Prepare
    const avroId = registry.register(JSON.stringify(TICKET_SCHEMA));
    const jsonId = registry.register(
      JSON.stringify(TICKET_JSON_SCHEMA),
      'JSON'
    );
    const registryAuth =
      '"basic.auth.credentials.source": "USER_INFO", "basic.auth.user.info": "reader:{{secrets.SR_PASSWORD}}"';
    await writeFile(
      join(dir, 'avro.bpmn'),
      kafkaBpmn({
        processId: 'tickets-avro',
        kind: 'start',
        topic: 'tickets-avro',
        servers: kafka.bootstrapServers,
        groupId: 'tickets-avro',
        resultVariable: 'event',
        properties: {
          'schemaStrategy.type': 'schemaRegistry',
          'schemaStrategy.schemaType': 'avro',
          'schemaStrategy.schemaRegistryUrl': registry.url,
          additionalProperties: `={"fetch.max.wait.ms": "100", ${registryAuth}}`,
          activationCondition: '=value.priority > 1',
          resultExpression:
            '={ticketId: value.ticket, firstTag: value.tags[1], via: value.channel}',
        },
      })
    );
    await writeFile(
      join(dir, 'json.bpmn'),
      kafkaBpmn({
        processId: 'tickets-json',
        kind: 'start',
        topic: 'tickets-json',
        servers: kafka.bootstrapServers,
        groupId: 'tickets-json',
        resultVariable: 'event',
        properties: {
          'schemaStrategy.type': 'schemaRegistry',
          'schemaStrategy.schemaType': 'json',
          'schemaStrategy.schemaRegistryUrl': registry.url,
          additionalProperties: `={"fetch.max.wait.ms": "100", ${registryAuth}}`,
          activationCondition: '=value.priority = 1',
          resultExpression: '={ticketId: value.ticket}',
        },
      })
    );
    const avro = (value: unknown) =>
      confluentFrame(avroId, ticketType.toBuffer(value));
    await produceBytes(kafka.brokers, 'tickets-avro', [
      avro({
        ticket: 'T-1',
        priority: 2,
        note: { string: 'urgent' },
        tags: ['billing', 'vip'],
        channel: 'MAIL',
      }),
      // Not activated (priority 1), consumed: consumeUnmatchedEvents.
      avro({
        ticket: 'T-2',
        priority: 1,
        note: null,
        tags: [],
        channel: 'WEB',
      }),
      // An id the registry does not know: poison.
      confluentFrame(
        99,
        ticketType.toBuffer({
          ticket: 'T-3',
          priority: 5,
          note: null,
          tags: [],
          channel: 'WEB',
        })
      ),
      // Plain JSON on a registry topic: poison, never text.
      Buffer.from('{"ticket":"T-4","priority":3}'),
      avro({
        ticket: 'T-5',
        priority: 3,
        note: null,
        tags: ['x'],
        channel: 'WEB',
      }),
    ]);
    await produceBytes(kafka.brokers, 'tickets-json', [
      // The record: Confluent-framed {"ticket":"T-9","priority":1}.
      confluentFrame(jsonId, Buffer.from('{"ticket":"T-9","priority":1}')),
    ]);
    const deadLetterFile = join(dir, 'out', 'dead-letters.jsonl');
    const client = createCamundaClient(readCamundaConfig(camunda.env()));
    // The registry is down for the first two schema requests: those records
    // are retried (the partition waits), not dead-lettered.
    registry.failNext(2, 503);

    // Act
    runtime = await startLocalRuntime({
      processesDir: dir,
      camunda: client,
      deploy: createCamundaDeploy(client),
      deployRetryMs: 100,
      deadLetterFile,
      env: { SECRET_SR_PASSWORD: credentials.password },
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
    await waitFor('every Avro record done', async () => {
      const committed = await committedOffsets(
        kafka.brokers,
        'tickets-avro',
        'tickets-avro'
      );
      return committed[0] === 5;
    });
    await waitFor('the JSON Schema record done', async () => {
      const committed = await committedOffsets(
        kafka.brokers,
        'tickets-json',
        'tickets-json'
      );
      return committed[0] === 1;
    });

    // Assess
    const created = camunda
      .requestsTo('/v2/process-instances', 'POST')
      .map((request) => request.body as Created);
    const byTicket = (ticketId: string) =>
      created.find((body) => body.variables.ticketId === ticketId)?.variables;
    expect(created).toHaveLength(3);
    expect(byTicket('T-1')).toEqual({
      ticketId: 'T-1',
      firstTag: 'billing',
      via: 'MAIL',
      event: {
        key: 'k0',
        value: {
          ticket: 'T-1',
          priority: 2,
          note: 'urgent',
          tags: ['billing', 'vip'],
          channel: 'MAIL',
        },
        rawValue: null,
        headers: null,
        topic: 'tickets-avro',
        partition: 0,
        offset: 0,
        timestamp: expect.any(Number),
      },
    });
    expect(byTicket('T-5')).toMatchObject({
      firstTag: 'x',
      event: { value: { ticket: 'T-5', note: null }, offset: 4 },
    });
    expect(byTicket('T-9')).toMatchObject({
      event: {
        value: { ticket: 'T-9', priority: 1 },
        rawValue: '{"ticket":"T-9","priority":1}',
      },
    });
    const letters = (await readFile(deadLetterFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as DeadLetter);
    expect(letters.map((l) => [l.offset, l.reason, l.error])).toEqual([
      [
        2,
        'undecodable-record',
        `schema 99 is not in the registry ${registry.url} (the value names schema id 99)`,
      ],
      [
        3,
        'undecodable-record',
        'the value does not start with the Confluent magic byte 0 (first byte 123): it was not written by a schema registry serializer',
      ],
    ]);
    // Each schema fetched once, with the credentials; no secret in the output.
    expect(registry.requests.filter((r) => r.status === 503)).toHaveLength(2);
    const fetched = registry.requests.filter((r) => r.status === 200);
    expect(fetched.map((r) => r.path).sort()).toEqual([
      `/schemas/ids/${avroId}`,
      `/schemas/ids/${jsonId}`,
    ]);
    expect(lines.join('\n')).not.toContain(credentials.password);
  });
});

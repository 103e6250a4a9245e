import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avsc from 'avsc/lib/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import type { KafkaEvent } from '../../lib/kafka/types.js';
import { kafkaBpmn } from '../support/bpmn.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import { captureIo } from './cliIo.js';

// AWS's published Avro sample event: Powertools for AWS Lambda (TypeScript)
// documents an MSK event of three Avro-encoded Product records on
// "mytopic-0" (offsets 15–17, key "42" on the first two, none on the third)
// in docs/features/kafka.md and packages/kafka/tests/events/avro.json. The
// event below carries the published values as they are (PUBLISHED_VALUES);
// the test checks that they are the Product records below, written with
// PRODUCT_SCHEMA.
const PRODUCT_SCHEMA = {
  type: 'record',
  name: 'Product',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'price', type: 'double' },
  ],
};
const productType = avsc.Type.forSchema(PRODUCT_SCHEMA);
/** The `value` of each record of packages/kafka/tests/events/avro.json. */
const PUBLISHED_VALUES = [
  '0g8MTGFwdG9wUrgehes/j0A=',
  '1A8UU21hcnRwaG9uZVK4HoXrv4JA',
  '1g8USGVhZHBob25lc0jhehSuv2JA',
];
const products = [
  { id: 1001, name: 'Laptop', price: 999.99 },
  { id: 1002, name: 'Smartphone', price: 599.99 },
  { id: 1003, name: 'Headphones', price: 149.99 },
];
const header = { headerKey: [...Buffer.from('headerValue')] };
const sampleEvent: KafkaEvent = {
  eventSource: 'aws:kafka',
  eventSourceArn:
    'arn:aws:kafka:us-east-1:0123456789019:cluster/SalesCluster/abcd1234-abcd-cafe-abab-9876543210ab-4',
  bootstrapServers:
    'b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092,b-1.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092',
  records: {
    'mytopic-0': PUBLISHED_VALUES.map((value, index) => ({
      topic: 'mytopic',
      partition: 0,
      offset: 15 + index,
      timestamp: 1_545_084_650_987 + index,
      timestampType: 'CREATE_TIME',
      key: index < 2 ? 'NDI=' : null,
      value,
      headers: [header],
    })),
  },
};

describe('Command: replay (AWS’s Avro sample event, inline schema)', () => {
  let double: CamundaDouble;
  let dir: string;

  beforeAll(async () => {
    double = await startCamundaDouble();
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-replay-avro-'));
  });

  afterAll(async () => {
    await double.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('decodes the records with the element’s Avro schema and creates instances with the decoded values', async () => {
    // Prepare
    expect(
      products.map((product) =>
        productType.toBuffer(product).toString('base64')
      )
    ).toEqual(PUBLISHED_VALUES);
    const bpmn = join(dir, 'products.bpmn');
    await writeFile(
      bpmn,
      kafkaBpmn({
        processId: 'products',
        kind: 'start',
        topic: 'mytopic',
        servers: 'localhost:9092',
        groupId: 'products',
        resultVariable: 'event',
        properties: {
          'schemaStrategy.type': 'inlineSchema',
          // As the Modeler writes it: the template's FEEL field.
          'schemaStrategy.schema': `=${JSON.stringify(PRODUCT_SCHEMA)}`,
          activationCondition: '=value.price > 500',
          resultExpression: '={product: value.name}',
        },
      })
    );
    const events = join(dir, 'avro.json');
    await writeFile(events, JSON.stringify(sampleEvent));
    const io = captureIo(double.env());

    // Act
    const code = await main(
      [
        'replay',
        '--bpmn',
        bpmn,
        '--events',
        events,
        '--dead-letter',
        join(dir, 'dead.jsonl'),
      ],
      io
    );

    // Assess
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      'mytopic-0@15 done: instance created (element KafkaStartEvent)',
      'mytopic-0@16 done: instance created (element KafkaStartEvent)',
      'mytopic-0@17 not activated: the activation condition is not met; the record is consumed',
      'replay: 3 record(s): 2 done, 1 not activated, 0 skipped below offset, 0 dead-lettered, 0 to retry, 0 not attempted',
    ]);
    const variables = double
      .requestsTo('/v2/process-instances', 'POST')
      .map((request) => (request.body as { variables: unknown }).variables);
    expect(variables).toEqual([
      {
        product: 'Laptop',
        event: {
          // Inline Avro keeps the key as text, as Camunda's connector does.
          key: '42',
          value: { id: 1001, name: 'Laptop', price: 999.99 },
          rawValue: null,
          headers: { headerKey: 'headerValue' },
          topic: 'mytopic',
          partition: 0,
          offset: 15,
          timestamp: 1_545_084_650_987,
        },
      },
      {
        product: 'Smartphone',
        event: expect.objectContaining({
          key: '42',
          value: { id: 1002, name: 'Smartphone', price: 599.99 },
          offset: 16,
        }),
      },
    ]);
  });
});

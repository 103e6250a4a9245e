import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { createConsumerHandler } from '../../functions/consumer.js';
import { createDocumentClient, putBindingRecord } from '../../lib/aws/index.js';
import type { KafkaEvent, KafkaEventRecord } from '../../lib/kafka/types.js';
import { captureOutput, type OutputCapture } from '../aws/captureOutput.js';
import {
  createBindingTable,
  createIdempotencyTable,
  createQueue,
  motoClients,
} from '../aws/helpers.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  deployedBindingFactory,
  kafkaRecordFactory,
} from '../support/factories/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import { BOUNDS, measure } from './measure.js';

const CLIENT_SECRET = 'hostile-consumer-secret-71c2';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:consumer';
const SQS_CLASSIC_LIMIT = 262_144;
const T0 = 1_767_225_600_000;

const context = (invokedFunctionArn: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'consumer',
  functionVersion: '3',
  invokedFunctionArn,
  memoryLimitInMB: '256',
  awsRequestId: 'hostile-1',
  logGroupName: '/aws/lambda/consumer',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Where an event comes from: a self-managed cluster or an MSK cluster. */
type Source =
  | { readonly bootstrapServers: string }
  | { readonly eventSourceArn: string; readonly bootstrapServers: string };

const CLUSTER_A: Source = { bootstrapServers: 'kafka-a-1:9092,kafka-a-2:9092' };
const CLUSTER_B: Source = { bootstrapServers: 'kafka-b-1:9092' };
const MSK = (uuid: string): Source => ({
  eventSourceArn: `arn:aws:kafka:eu-west-1:123456789012:cluster/orders/${uuid}`,
  bootstrapServers: 'b-1.orders.kafka.eu-west-1.amazonaws.com:9098',
});

const eventOf = (
  source: Source,
  records: readonly KafkaEventRecord[]
): KafkaEvent => {
  const grouped: Record<string, KafkaEventRecord[]> = {};
  for (const record of records) {
    const id = `${record.topic}-${record.partition}`;
    grouped[id] ??= [];
    grouped[id].push(record);
  }
  return {
    eventSource: 'eventSourceArn' in source ? 'aws:kafka' : 'SelfManagedKafka',
    ...source,
    records: grouped,
  };
};

const order = (
  offset: number,
  options: { at?: number; action?: string } = {}
) =>
  kafkaRecordFactory({
    offset,
    timestamp: options.at ?? T0 + offset,
    key: Buffer.from(`order-${offset}`).toString('base64'),
    json: { orderId: offset, action: options.action ?? 'ok' },
  });

const actionOf = (body: unknown): unknown =>
  (
    (body as { variables?: { kafka?: { value?: { action?: unknown } } } })
      ?.variables?.kafka?.value as { action?: unknown } | undefined
  )?.action;

describe('Hostile records through the consumer handler (moto, Camunda double)', () => {
  let moto: Moto;
  let camunda: CamundaDouble;
  let dynamoDb: DynamoDBClient;
  let sqs: SQSClient;
  let secretsManager: SecretsManagerClient;
  let queueUrl: string;
  let secretArn: string;
  let output: OutputCapture;
  const deployed = deployedBindingFactory();
  const aliasArn = `${FUNCTION_ARN}:${deployed.binding.id}`;

  beforeAll(async () => {
    [moto, camunda] = await Promise.all([
      startMoto(),
      startCamundaDouble({
        auth: {
          mode: 'oauth',
          clientId: 'consumer',
          clientSecret: CLIENT_SECRET,
        },
      }),
    ]);
    ({ dynamoDb, sqs } = motoClients(moto));
    secretsManager = new SecretsManagerClient(moto.clientConfig);
  });

  beforeEach(async () => {
    await moto.reset();
    camunda.reset();
    await Promise.all([
      createBindingTable(dynamoDb, 'bindings'),
      createIdempotencyTable(dynamoDb, 'idempotency'),
    ]);
    // The queue takes what SQS long took at most: 256 KiB.
    queueUrl = await createQueue(sqs, 'dead-letters', {
      MaximumMessageSize: String(SQS_CLASSIC_LIMIT),
    });
    secretArn =
      (
        await secretsManager.send(
          new CreateSecretCommand({
            Name: 'kafka-inbound/camunda',
            SecretString: JSON.stringify({ clientSecret: CLIENT_SECRET }),
          })
        )
      ).ARN ?? '';
    camunda.setFault((request) =>
      actionOf(request.body) === 'reject' ? faults.status(400) : undefined
    );
    await putBindingRecord(
      { client: createDocumentClient(dynamoDb), tableName: 'bindings' },
      {
        bindingId: deployed.binding.id,
        processId: deployed.binding.processId,
        revision: deployed.binding.revision,
        deployed,
        sourceKey: 'processes/order.bpmn',
        sourceVersion: 'v1',
        secretArns: [],
        updatedAt: '2026-11-26T00:00:00.000Z',
      }
    );
    output = captureOutput();
  });

  afterEach(() => {
    output.restore();
  });

  afterAll(async () => {
    await Promise.all([moto?.stop(), camunda?.close()]);
  });

  const handler = () => {
    const { CAMUNDA_CLIENT_SECRET: _secret, ...camundaEnv } = camunda.env();
    return createConsumerHandler({
      env: {
        ...camundaEnv,
        CAMUNDA_SECRET_ARN: secretArn,
        BINDING_TABLE_NAME: 'bindings',
        IDEMPOTENCY_TABLE_NAME: 'idempotency',
        DEAD_LETTER_QUEUE_URL: queueUrl,
      },
      logger: new Logger({ serviceName: 'kafka-inbound-consumer' }),
      metrics: new Metrics({ namespace: 'KafkaInbound' }),
      dynamoDb,
      sqs,
      secretsManager,
    });
  };

  const letters = async (): Promise<unknown[]> => {
    const messages: Message[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
        })
      );
      if ((result.Messages ?? []).length === 0) break;
      messages.push(...(result.Messages ?? []));
    }
    for (const message of messages) {
      expect(Buffer.byteLength(message.Body ?? '')).toBeLessThanOrEqual(
        SQS_CLASSIC_LIMIT
      );
    }
    return messages.map((message) => JSON.parse(message.Body ?? 'null'));
  };

  const createdOffsets = () =>
    camunda.instances.map(
      (instance) =>
        (instance.variables as { kafka: { offset: number } }).kafka.offset
    );

  it('dead-letters a poison record with a 120 KB key and a 300 KB value to a 256 KiB queue and goes on with the partition', async () => {
    // Prepare
    const key = 'k'.repeat(120_000);
    const poison = {
      ...kafkaRecordFactory({
        offset: 7,
        timestamp: T0,
        json: { action: 'reject', blob: 'v'.repeat(300_000) },
      }),
      key: Buffer.from(key).toString('base64'),
    };

    // Act
    const { result, cost } = await measure(() =>
      handler()(eventOf(CLUSTER_A, [poison, order(8)]), context(aliasArn))
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(createdOffsets()).toEqual([8]);
    expect(await letters()).toEqual([
      expect.objectContaining({
        cluster: 'bootstrap:kafka-a-1:9092,kafka-a-2:9092',
        topic: 'orders',
        partition: 0,
        offset: 7,
        timestamp: T0,
        reason: 'camunda-rejected',
        truncated: true,
        key: null,
        omitted: expect.objectContaining({
          key: expect.objectContaining({ bytes: 120_000 }),
          value: expect.objectContaining({ sha256: expect.any(String) }),
        }),
      }),
    ]);
    expect(cost.elapsedMs).toBeLessThan(BOUNDS.elapsedMs * 2);
  });

  it('never takes records of a binding moved to another cluster for duplicates of the old cluster', async () => {
    // Prepare: offsets 0–2 done on cluster A.
    const run = handler();
    await run(
      eventOf(CLUSTER_A, [order(0), order(1), order(2)]),
      context(aliasArn)
    );
    expect(createdOffsets()).toEqual([0, 1, 2]);

    // Act: the binding now reads cluster B, whose topic has the same offsets
    // (and, to rule out the timestamp, the same timestamps); then cluster A
    // redelivers its batch.
    const moved = await run(
      eventOf(CLUSTER_B, [order(0), order(1), order(2)]),
      context(aliasArn)
    );
    const redelivered = await run(
      eventOf(CLUSTER_A, [order(0), order(1), order(2)]),
      context(aliasArn)
    );

    // Assess: cluster B's records were created; A's redelivery was not.
    expect(moved).toEqual({ batchItemFailures: [] });
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect(createdOffsets()).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('tells a re-created MSK cluster (new UUID in the ARN) from the old one', async () => {
    // Prepare
    const run = handler();
    await run(eventOf(MSK('uuid-1'), [order(3)]), context(aliasArn));

    // Act
    await run(eventOf(MSK('uuid-2'), [order(3)]), context(aliasArn));
    await run(eventOf(MSK('uuid-1'), [order(3)]), context(aliasArn));

    // Assess
    expect(createdOffsets()).toEqual([3, 3]);
  });

  it('tells a topic re-created with the same name from the old one by the records’ timestamps', async () => {
    // Prepare: offsets 0–1 done, offset 2 dead-lettered, on the old topic.
    const run = handler();
    await run(
      eventOf(CLUSTER_A, [order(0), order(1), order(2, { action: 'reject' })]),
      context(aliasArn)
    );
    expect(await letters()).toHaveLength(1);

    // Act: the topic is deleted and created again; its new records take the
    // same offsets a day later. Then the old batch comes again.
    const later = T0 + 86_400_000;
    await run(
      eventOf(CLUSTER_A, [
        order(0, { at: later }),
        order(1, { at: later + 1 }),
        order(2, { at: later + 2, action: 'reject' }),
      ]),
      context(aliasArn)
    );
    await run(
      eventOf(CLUSTER_A, [order(0), order(1), order(2, { action: 'reject' })]),
      context(aliasArn)
    );

    // Assess: the new records were created and dead-lettered, the old ones
    // were not done twice.
    expect(createdOffsets()).toEqual([0, 1, 0, 1]);
    const sent = (await letters()) as { offset: number; timestamp: number }[];
    expect(sent.map((l) => [l.offset, l.timestamp])).toEqual([[2, later + 2]]);
  });
});

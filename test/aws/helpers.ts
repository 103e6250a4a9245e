import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Binding, BindingElement } from '../../lib/binding/types.js';
import type { DeployedBinding } from '../../lib/consumer/types.js';
import type { KafkaEventRecord } from '../../lib/kafka/types.js';
import type { Moto } from '../support/moto.js';

/** One element of a binding, a none start event unless overridden. */
const bindingElementFactory = (
  overrides: Partial<BindingElement> = {}
): BindingElement => ({
  elementId: 'StartEvent_Kafka',
  kind: 'noneStartEvent',
  consumeUnmatchedEvents: true,
  correlationRequired: false,
  messageTtlMs: 3_600_000,
  resultVariable: 'kafka',
  ...overrides,
});

/** A deployed binding reading `orders` for process `order-process`. */
const deployedBindingFactory = (
  overrides: Omit<Partial<DeployedBinding>, 'binding'> & {
    binding?: Partial<Binding>;
  } = {}
): DeployedBinding => {
  const { binding, ...rest } = overrides;
  return {
    ordering: 'partition',
    keyConcurrency: 16,
    esmMode: 'provisioned',
    ...rest,
    binding: {
      id: 'order-process-orders',
      revision: 'rev-1',
      processId: 'order-process',
      elements: [bindingElementFactory()],
      kafka: {
        bootstrapServers: ['broker-1:9092'],
        topic: 'orders',
        groupId: 'kafka-inbound-order-process',
        groupIdSource: 'default',
        autoOffsetReset: 'latest',
        clientProperties: {},
        authentication: { securityProtocol: 'PLAINTEXT' },
        schema: { type: 'noSchema' },
      },
      secrets: [],
      ...binding,
    },
  };
};

/** A record as the ESM delivers it, with a JSON value. */
const kafkaRecordFactory = (
  overrides: Partial<KafkaEventRecord> & { json?: unknown } = {}
): KafkaEventRecord => {
  const { json, ...rest } = overrides;
  return {
    topic: 'orders',
    partition: 0,
    offset: 0,
    timestamp: 1_764_000_000_000,
    timestampType: 'CREATE_TIME',
    key: Buffer.from('order-1').toString('base64'),
    value: Buffer.from(JSON.stringify(json ?? { orderId: 1 })).toString(
      'base64'
    ),
    headers: [],
    ...rest,
  };
};

/** The binding store table as the contract describes it. */
const createBindingTable = async (
  client: DynamoDBClient,
  tableName: string
): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    })
  );
};

/** The Powertools idempotency table: key `id`, TTL attribute `expiration`. */
const createIdempotencyTable = async (
  client: DynamoDBClient,
  tableName: string
): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    })
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    })
  );
};

/** Creates a standard queue (with `attributes`, if any) and returns its URL. */
const createQueue = async (
  client: SQSClient,
  name: string,
  attributes?: Record<string, string>
) => {
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      ...(attributes === undefined ? {} : { Attributes: attributes }),
    })
  );
  if (QueueUrl === undefined) throw new Error('moto returned no queue URL');
  return QueueUrl;
};

/** SDK clients pointed at moto. */
const motoClients = (moto: Moto) => ({
  dynamoDb: new DynamoDBClient(moto.clientConfig),
  sqs: new SQSClient(moto.clientConfig),
});

export {
  bindingElementFactory,
  createBindingTable,
  createIdempotencyTable,
  createQueue,
  deployedBindingFactory,
  kafkaRecordFactory,
  motoClients,
};

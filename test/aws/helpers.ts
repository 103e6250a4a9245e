import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Moto } from '../support/moto.js';

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

export { createBindingTable, createIdempotencyTable, createQueue, motoClients };

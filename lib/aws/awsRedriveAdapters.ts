import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { IdempotencyPort } from '../consumer/types.js';
import type { PlatformDefaults } from '../platform/types.js';
import type { BindingLookup, DeadLetterSource } from '../redrive/types.js';
import { createBindingStore } from './createBindingStore.js';
import { createDocumentClient } from './createDocumentClient.js';
import { dynamoIdempotency } from './dynamoIdempotency.js';
import { BindingNotFoundError } from './errors.js';
import { sqsDeadLetterSource } from './sqsDeadLetterSource.js';

interface AwsRedriveOptions {
  /** The region; undefined = the SDK's default chain (AWS_REGION, profile). */
  readonly region?: string;
  /** The dead-letter queue (stack output DeadLetterQueueUrl). */
  readonly queueUrl?: string;
  /** The binding table (stack output BindingTableName). */
  readonly bindingTableName?: string;
  /** The consumer's idempotency table. */
  readonly idempotencyTableName?: string;
  /** Fills what a binding record leaves out (as the consumer does). */
  readonly defaults: PlatformDefaults;
}

/** The AWS side of a redrive: what was asked for, and the end. */
interface AwsRedriveAdapters {
  readonly source?: DeadLetterSource;
  readonly lookup?: BindingLookup;
  readonly idempotency?: IdempotencyPort;
  readonly close: () => void;
}

/**
 * The AWS adapters `kafka-inbound redrive` runs on: the SQS dead-letter
 * queue as its source, the binding store for each binding's current
 * revision, and the consumer's own idempotency table (same keys, so an
 * instance created by the consumer or an earlier redrive is never created
 * again). Clients use the default credential chain.
 *
 * @param options - region, queue, tables and platform defaults
 */
const awsRedriveAdapters = (options: AwsRedriveOptions): AwsRedriveAdapters => {
  const config = options.region === undefined ? {} : { region: options.region };
  const clients: { destroy: () => void }[] = [];
  let dynamoDb: DynamoDBClient | undefined;
  const dynamo = (): DynamoDBClient => {
    if (dynamoDb === undefined) {
      dynamoDb = new DynamoDBClient(config);
      clients.push(dynamoDb);
    }
    return dynamoDb;
  };
  let source: DeadLetterSource | undefined;
  if (options.queueUrl !== undefined) {
    const sqs = new SQSClient(config);
    clients.push(sqs);
    source = sqsDeadLetterSource(options.queueUrl, sqs);
  }
  let lookup: BindingLookup | undefined;
  if (options.bindingTableName !== undefined) {
    const tableName = options.bindingTableName;
    const store = createBindingStore({
      client: createDocumentClient(dynamo()),
      tableName,
      defaults: options.defaults,
    });
    lookup = async (bindingId) => {
      try {
        return {
          kind: 'found',
          deployed: await store.getDeployedBinding(bindingId),
        };
      } catch (error) {
        if (error instanceof BindingNotFoundError) {
          return {
            kind: 'unknown',
            reason: `no binding ${bindingId} in ${tableName} (its process or element was removed, or the element was renamed)`,
          };
        }
        throw error;
      }
    };
  }
  const idempotency =
    options.idempotencyTableName === undefined
      ? undefined
      : dynamoIdempotency(options.idempotencyTableName, { client: dynamo() });
  return {
    ...(source === undefined ? {} : { source }),
    ...(lookup === undefined ? {} : { lookup }),
    ...(idempotency === undefined ? {} : { idempotency }),
    close: () => {
      for (const client of clients) client.destroy();
    },
  };
};

export type { AwsRedriveAdapters, AwsRedriveOptions };
export { awsRedriveAdapters };

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client as the binding store adapters expect it: undefined
 * optional fields (e.g. `processDefinitionKey`) are left out on write.
 *
 * @param client - the low-level DynamoDB client
 */
const createDocumentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });

export { createDocumentClient };

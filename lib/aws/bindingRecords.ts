import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  bindingKey,
  type StoredBinding,
  toBindingItem,
} from '../store/index.js';
import { BindingStoreUnavailableError } from './errors.js';

/** Where the write helpers write. */
interface BindingTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Runs one DynamoDB call, translating SDK failures into a domain error. */
const call = async <T>(
  table: BindingTable,
  operation: string,
  run: () => Promise<T>
): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw new BindingStoreUnavailableError(table.tableName, operation, {
      cause: error,
    });
  }
};

/**
 * Writes (replaces) the binding item of `record.bindingId`, literal
 * credentials masked (`toBindingItem`).
 *
 * @param table - document client and table name
 * @param record - the binding item; undefined optional fields are left out
 */
const putBindingRecord = async (
  table: BindingTable,
  record: StoredBinding
): Promise<void> => {
  await call(table, 'PutItem', () =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: toBindingItem(record),
      })
    )
  );
};

/**
 * Deletes the binding item of `bindingId`; deleting a missing item is fine.
 *
 * @param table - document client and table name
 * @param bindingId - the binding (alias) id
 */
const deleteBindingRecord = async (
  table: BindingTable,
  bindingId: string
): Promise<void> => {
  await call(table, 'DeleteItem', () =>
    table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: bindingKey(bindingId),
      })
    )
  );
};

export type { BindingTable };
export { deleteBindingRecord, putBindingRecord };

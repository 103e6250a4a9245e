import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { redactBinding } from '../binding/index.js';
import { BINDING_STORE_KEYS } from './constants.js';
import { BindingStoreUnavailableError } from './errors.js';
import type { BindingRecord } from './types.js';

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
 * Writes (replaces) the binding item of `record.bindingId`.
 *
 * @param table - document client and table name
 * @param record - the binding item; undefined optional fields are left out
 */
const putBindingRecord = async (
  table: BindingTable,
  record: BindingRecord
): Promise<void> => {
  await call(table, 'PutItem', () =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: BINDING_STORE_KEYS.bindingPk(record.bindingId),
          sk: BINDING_STORE_KEYS.bindingSk,
          ...record,
          // The consumer never needs Kafka credentials (the ESM holds them in
          // the binding's own secret): literals typed into the BPMN stay out
          // of the table.
          deployed: {
            ...record.deployed,
            binding: redactBinding(record.deployed.binding),
          },
        },
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
        Key: {
          pk: BINDING_STORE_KEYS.bindingPk(bindingId),
          sk: BINDING_STORE_KEYS.bindingSk,
        },
      })
    )
  );
};

export type { BindingTable };
export { deleteBindingRecord, putBindingRecord };

import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { redactBinding } from '../binding/index.js';
import { BINDING_STORE_KEYS } from './constants.js';
import { BindingStoreUnavailableError } from './errors.js';
import type { BindingRecord, ProcessStatusRecord } from './types.js';

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

/**
 * Reads a binding item as written by {@link putBindingRecord}; undefined
 * when there is none.
 *
 * @param table - document client and table name
 * @param bindingId - the binding (alias) id
 */
const getBindingRecord = async (
  table: BindingTable,
  bindingId: string
): Promise<BindingRecord | undefined> => {
  const result = await call(table, 'GetItem', () =>
    table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: {
          pk: BINDING_STORE_KEYS.bindingPk(bindingId),
          sk: BINDING_STORE_KEYS.bindingSk,
        },
        ConsistentRead: true,
      })
    )
  );
  if (result.Item === undefined) return undefined;
  const { pk: _pk, sk: _sk, ...record } = result.Item;
  return record as BindingRecord;
};

/**
 * Writes (replaces) the status item of `status.processId`.
 *
 * @param table - document client and table name
 * @param status - the process status item
 */
const putProcessStatus = async (
  table: BindingTable,
  status: ProcessStatusRecord
): Promise<void> => {
  await call(table, 'PutItem', () =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: BINDING_STORE_KEYS.processPk(status.processId),
          sk: BINDING_STORE_KEYS.processSk,
          ...status,
        },
      })
    )
  );
};

/**
 * Reads the status item of `processId`; undefined when there is none.
 *
 * @param table - document client and table name
 * @param processId - the BPMN process id
 */
const getProcessStatus = async (
  table: BindingTable,
  processId: string
): Promise<ProcessStatusRecord | undefined> => {
  const result = await call(table, 'GetItem', () =>
    table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: {
          pk: BINDING_STORE_KEYS.processPk(processId),
          sk: BINDING_STORE_KEYS.processSk,
        },
        ConsistentRead: true,
      })
    )
  );
  if (result.Item === undefined) return undefined;
  const { pk: _pk, sk: _sk, ...status } = result.Item;
  return status as ProcessStatusRecord;
};

export type { BindingTable };
export {
  deleteBindingRecord,
  getBindingRecord,
  getProcessStatus,
  putBindingRecord,
  putProcessStatus,
};

import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BindingStoreUnavailableError,
  type BindingTable,
  createDocumentClient,
  deleteBindingRecord,
  putBindingRecord,
} from '../../lib/aws/index.js';
import type { StoredBinding } from '../../lib/store/index.js';
import { storedBindingFactory } from '../support/factories/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import { createBindingTable, motoClients } from './helpers.js';

const TABLE = 'bindings';

const readBindingItem = async (
  doc: DynamoDBDocumentClient,
  bindingId: string
): Promise<Record<string, unknown> | undefined> => {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: TABLE,
      Key: { pk: `BINDING#${bindingId}`, sk: 'BINDING' },
    })
  );
  return Item;
};

describe('Binding store write helpers', () => {
  let moto: Moto;
  let dynamoDb: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let table: BindingTable;

  beforeAll(async () => {
    moto = await startMoto();
    dynamoDb = motoClients(moto).dynamoDb;
    doc = createDocumentClient(dynamoDb);
    table = { client: doc, tableName: TABLE };
  });

  beforeEach(async () => {
    await moto.reset();
    await createBindingTable(dynamoDb, TABLE);
  });

  afterAll(async () => {
    await moto?.stop();
  });

  describe('Function: putBindingRecord', () => {
    it('writes the item under BINDING#<bindingId> / BINDING and reads it back', async () => {
      // Prepare
      const record = storedBindingFactory();

      // Act
      await putBindingRecord(table, record);

      // Assess
      const raw = await dynamoDb.send(
        new GetItemCommand({
          TableName: TABLE,
          Key: {
            pk: { S: 'BINDING#order-process-orders' },
            sk: { S: 'BINDING' },
          },
        })
      );
      expect(raw.Item?.revision).toEqual({ S: 'rev-1' });
      expect(await readBindingItem(doc, record.bindingId)).toEqual({
        pk: 'BINDING#order-process-orders',
        sk: 'BINDING',
        ...record,
      });
    });
  });

  describe('Function: deleteBindingRecord', () => {
    it('removes the binding item and accepts a second delete', async () => {
      // Prepare
      const record = storedBindingFactory();
      await putBindingRecord(table, record);

      // Act
      await deleteBindingRecord(table, record.bindingId);
      await deleteBindingRecord(table, record.bindingId);

      // Assess
      expect(await readBindingItem(doc, record.bindingId)).toBeUndefined();
    });
  });

  describe('Function: putBindingRecord, redaction', () => {
    it('stores literal Kafka credentials of the BPMN masked', async () => {
      // Prepare
      const record = storedBindingFactory();
      const { binding } = record.deployed;
      const withPassword: StoredBinding = {
        ...record,
        deployed: {
          ...record.deployed,
          binding: {
            ...binding,
            kafka: {
              ...binding.kafka,
              authentication: {
                securityProtocol: 'SASL_SSL',
                saslMechanism: 'PLAIN',
                username: 'svc',
                password: 'hunter2',
              },
            },
          },
        },
      };

      // Act
      await putBindingRecord(table, withPassword);

      // Assess
      const item = await readBindingItem(doc, record.bindingId);
      expect(JSON.stringify(item)).not.toContain('hunter2');
      expect(item).toMatchObject({
        revision: binding.revision,
        deployed: {
          binding: { kafka: { authentication: { password: '***' } } },
        },
      });
    });

    it('throws BindingStoreUnavailableError when the table does not exist', async () => {
      // Act
      const error = await putBindingRecord(
        { client: doc, tableName: 'missing' },
        storedBindingFactory()
      ).catch((e) => e);

      // Assess
      expect(error).toBeInstanceOf(BindingStoreUnavailableError);
      expect(error).toMatchObject({
        tableName: 'missing',
        operation: 'PutItem',
      });
    });
  });
});

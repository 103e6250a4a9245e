import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BindingRecord,
  BindingStoreUnavailableError,
  type BindingTable,
  createDocumentClient,
  deleteBindingRecord,
  getBindingRecord,
  getProcessStatus,
  type ProcessStatusRecord,
  putBindingRecord,
  putProcessStatus,
} from '../../lib/aws/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import {
  createBindingTable,
  deployedBindingFactory,
  motoClients,
} from './helpers.js';

const TABLE = 'bindings';

const bindingRecordFactory = (): BindingRecord => {
  const deployed = deployedBindingFactory();
  return {
    bindingId: deployed.binding.id,
    processId: deployed.binding.processId,
    revision: deployed.binding.revision,
    deployed,
    sourceKey: 'processes/order.bpmn',
    sourceVersion: 'v1',
    esmUuid: 'a1b2c3',
    esmArn: 'arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:a1b2c3',
    secretArns: ['arn:aws:secretsmanager:eu-west-1:1:secret:x'],
    updatedAt: '2026-11-26T00:00:00.000Z',
  };
};

const statusFactory = (): ProcessStatusRecord => ({
  processId: 'order-process',
  sourceKey: 'processes/order.bpmn',
  sourceVersion: 'v1',
  sequencer: '0055AED6DCD90281E5',
  state: 'warnings',
  warnings: [{ elementId: 'Start', property: 'topic.topicName', message: 'w' }],
  errors: [],
  bindings: [
    {
      bindingId: 'order-process-orders',
      revision: 'rev-1',
      esmUuid: 'a1b2c3',
      esmState: 'Enabled',
      aliasName: 'order-process-orders',
    },
  ],
  deploymentKey: '2251799813685250',
  updatedAt: '2026-11-26T00:00:00.000Z',
});

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
      const record = bindingRecordFactory();

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
      expect(await getBindingRecord(table, record.bindingId)).toEqual(record);
    });
  });

  describe('Function: deleteBindingRecord', () => {
    it('removes the binding item and accepts a second delete', async () => {
      // Prepare
      const record = bindingRecordFactory();
      await putBindingRecord(table, record);

      // Act
      await deleteBindingRecord(table, record.bindingId);
      await deleteBindingRecord(table, record.bindingId);

      // Assess
      expect(await getBindingRecord(table, record.bindingId)).toBeUndefined();
    });
  });

  describe('Function: putProcessStatus', () => {
    it('writes the status under PROCESS#<processId> / STATUS and getProcessStatus reads it back', async () => {
      // Prepare
      const status = statusFactory();

      // Act
      await putProcessStatus(table, status);

      // Assess
      expect(await getProcessStatus(table, 'order-process')).toEqual(status);
      expect(await getProcessStatus(table, 'other')).toBeUndefined();
    });

    it('throws BindingStoreUnavailableError when the table does not exist', async () => {
      // Act
      const error = await putProcessStatus(
        { client: doc, tableName: 'missing' },
        statusFactory()
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

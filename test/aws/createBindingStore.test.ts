import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BindingNotFoundError,
  BindingRecordInvalidError,
  BindingStoreUnavailableError,
  createBindingStore,
  createDocumentClient,
  putBindingRecord,
} from '../../lib/aws/index.js';
import type { PlatformDefaults } from '../../lib/platform/index.js';
import { deployedBindingFactory } from '../support/factories/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import { createBindingTable, motoClients } from './helpers.js';

const TABLE = 'bindings';
const defaults: PlatformDefaults = {
  ordering: 'partition',
  keyConcurrency: 16,
  esmMode: 'provisioned',
  businessIdUniqueness: false,
  deadlineMarginMs: 2000,
};

describe('Function: createBindingStore', () => {
  let moto: Moto;
  let dynamoDb: DynamoDBClient;
  let doc: DynamoDBDocumentClient;

  beforeAll(async () => {
    moto = await startMoto();
    dynamoDb = motoClients(moto).dynamoDb;
    doc = createDocumentClient(dynamoDb);
  });

  beforeEach(async () => {
    await moto.reset();
    await createBindingTable(dynamoDb, TABLE);
  });

  afterAll(async () => {
    await moto?.stop();
  });

  const putDeployed = async (deployed: Record<string, unknown>) => {
    const binding = deployed.binding as { id: string };
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: `BINDING#${binding.id}`,
          sk: 'BINDING',
          bindingId: binding.id,
          deployed,
        },
      })
    );
  };

  it('returns the deployed binding written by putBindingRecord', async () => {
    // Prepare
    const deployed = deployedBindingFactory({
      processDefinitionKey: '2251799813685249',
      ordering: 'key',
      keyConcurrency: 4,
    });
    await putBindingRecord(
      { client: doc, tableName: TABLE },
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
    const store = createBindingStore({
      client: doc,
      tableName: TABLE,
      defaults,
    });

    // Act
    const result = await store.getDeployedBinding(deployed.binding.id);

    // Assess
    expect(result).toEqual(deployed);
  });

  it('fills ordering, key concurrency and ESM mode from the platform defaults when the record leaves them out', async () => {
    // Prepare
    const { binding } = deployedBindingFactory();
    await putDeployed({ binding });
    const store = createBindingStore({
      client: doc,
      tableName: TABLE,
      defaults: {
        ordering: 'key',
        keyConcurrency: 8,
        esmMode: 'onDemand',
        businessIdUniqueness: true,
        deadlineMarginMs: 2000,
      },
    });

    // Act
    const result = await store.getDeployedBinding(binding.id);

    // Assess
    expect(result).toEqual({
      binding,
      ordering: 'key',
      keyConcurrency: 8,
      esmMode: 'onDemand',
      businessIdUniqueness: true,
    });
  });

  it('serves a read binding from the cache until the TTL has passed', async () => {
    // Prepare
    let clock = 1_000;
    const first = deployedBindingFactory();
    await putDeployed({ ...first });
    const store = createBindingStore({
      client: doc,
      tableName: TABLE,
      defaults,
      ttlMs: 60_000,
      now: () => clock,
    });
    await store.getDeployedBinding(first.binding.id);
    const second = deployedBindingFactory({ binding: { revision: 'rev-2' } });
    await putDeployed({ ...second });

    // Act
    clock += 59_999;
    const cached = await store.getDeployedBinding(first.binding.id);
    clock += 1;
    const refreshed = await store.getDeployedBinding(first.binding.id);

    // Assess
    expect(cached.binding.revision).toBe('rev-1');
    expect(refreshed.binding.revision).toBe('rev-2');
  });

  it('throws BindingNotFoundError naming the binding when there is no record', async () => {
    // Prepare
    const store = createBindingStore({
      client: doc,
      tableName: TABLE,
      defaults,
    });

    // Act & Assess
    await expect(store.getDeployedBinding('missing')).rejects.toThrow(
      expect.objectContaining({
        name: 'BindingNotFoundError',
        bindingId: 'missing',
        tableName: TABLE,
      })
    );
    await expect(store.getDeployedBinding('missing')).rejects.toBeInstanceOf(
      BindingNotFoundError
    );
  });

  it('sees a binding written after a miss (misses are not cached)', async () => {
    // Prepare
    const deployed = deployedBindingFactory();
    const store = createBindingStore({
      client: doc,
      tableName: TABLE,
      defaults,
    });
    await expect(
      store.getDeployedBinding(deployed.binding.id)
    ).rejects.toBeInstanceOf(BindingNotFoundError);
    await putDeployed({ ...deployed });

    // Act
    const result = await store.getDeployedBinding(deployed.binding.id);

    // Assess
    expect(result.binding.id).toBe(deployed.binding.id);
  });

  it.each([
    {
      case: 'no deployed map',
      deployed: undefined,
      problem: 'no `deployed` map',
    },
    {
      case: 'a binding without elements',
      deployed: {
        binding: { id: 'b1', revision: 'r', processId: 'p', kafka: {} },
      },
      problem:
        '`deployed.binding` lacks id, revision, processId, elements or kafka',
    },
    {
      case: 'another binding id',
      deployed: {
        binding: {
          id: 'other',
          revision: 'r',
          processId: 'p',
          elements: [],
          kafka: {},
        },
      },
      problem: "holds binding 'other'",
    },
    {
      case: 'an unknown ordering',
      deployed: {
        binding: {
          id: 'b1',
          revision: 'r',
          processId: 'p',
          elements: [],
          kafka: {},
        },
        ordering: 'random',
      },
      problem: 'ordering must be partition or key (got random)',
    },
    {
      case: 'a zero key concurrency',
      deployed: {
        binding: {
          id: 'b1',
          revision: 'r',
          processId: 'p',
          elements: [],
          kafka: {},
        },
        keyConcurrency: 0,
      },
      problem: 'keyConcurrency must be a positive integer (got 0)',
    },
  ])(
    'throws BindingRecordInvalidError for $case',
    async ({ deployed, problem }) => {
      // Prepare
      await doc.send(
        new PutCommand({
          TableName: TABLE,
          Item: {
            pk: 'BINDING#b1',
            sk: 'BINDING',
            ...(deployed ? { deployed } : {}),
          },
        })
      );
      const store = createBindingStore({
        client: doc,
        tableName: TABLE,
        defaults,
      });

      // Act & Assess
      const error = await store.getDeployedBinding('b1').catch((e) => e);
      expect(error).toBeInstanceOf(BindingRecordInvalidError);
      expect(error).toMatchObject({ bindingId: 'b1', problem });
    }
  );

  it('throws BindingStoreUnavailableError with the SDK error as cause when the table does not exist', async () => {
    // Prepare
    const store = createBindingStore({
      client: doc,
      tableName: 'no-such-table',
      defaults,
    });

    // Act
    const error = await store.getDeployedBinding('b1').catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(BindingStoreUnavailableError);
    expect(error).toMatchObject({
      tableName: 'no-such-table',
      operation: 'GetItem',
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });
});

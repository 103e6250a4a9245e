import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDocumentClient,
  dynamoProvisioningStore,
} from '../../lib/aws/index.js';
import { ProvisioningLockBusyError } from '../../lib/provisioning/index.js';
import { processKey } from '../../lib/store/index.js';
import {
  type ProvisionerTestEnv,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';

describe('Function: dynamoProvisioningStore', () => {
  let aws: ProvisionerTestEnv;
  let clock = 1_000_000;

  beforeAll(async () => {
    aws = await startProvisionerEnv();
  });

  afterAll(async () => {
    await aws?.stop();
  });

  beforeEach(async () => {
    await aws.reset();
    clock = 1_000_000;
  });

  const storeFor = (owner: string, waitMs = 0) =>
    dynamoProvisioningStore({
      dynamo: createDocumentClient(aws.dynamo),
      tableName: 'bindings',
      owner,
      leaseMs: () => 60_000,
      waitMs,
      pollMs: 1_000,
      now: () => clock,
      // Waiting moves the clock instead of time passing.
      sleep: async (ms) => {
        clock += ms;
      },
    });

  it('refuses a lock another invocation holds until its lease ends', async () => {
    // Prepare
    const holder = storeFor('a');
    const other = storeFor('b', 5_000);
    let entered = false;

    // Act
    const busy = await holder.withLock(processKey('order'), () =>
      other
        .withLock(processKey('order'), async () => {
          entered = true;
        })
        .catch((error: unknown) => error)
    );

    // Assess
    expect(busy).toBeInstanceOf(ProvisioningLockBusyError);
    expect(entered).toBe(false);
  });

  it('takes over a lock whose lease ran out, and the old holder can no longer write', async () => {
    // Prepare
    const holder = storeFor('a');
    const other = storeFor('b');
    const status = {
      processId: 'order',
      sourceKey: 'processes/order.bpmn',
      sourceVersion: 'v1',
      state: 'ok' as const,
      warnings: [],
      errors: [],
      bindings: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    };

    // Act
    const stale = await holder.withLock(processKey('order'), async () => {
      clock += 61_000;
      await other.withLock(processKey('order'), () =>
        other.putStatus({ ...status, sourceVersion: 'v2' })
      );
      return holder.putStatus(status).catch((error: unknown) => error);
    });

    // Assess
    expect(stale).toBeInstanceOf(ProvisioningLockBusyError);
    expect(await other.getStatus('order')).toMatchObject({
      sourceVersion: 'v2',
    });
  });
});

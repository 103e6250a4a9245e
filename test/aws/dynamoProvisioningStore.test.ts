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

  it('lists the status items of every process (not locks, sources or released items) and keeps released items', async () => {
    // Prepare
    const store = storeFor('a');
    const status = (processId: string) => ({
      processId,
      sourceKey: `processes/${processId}.bpmn`,
      sourceVersion: 'v1',
      state: 'ok' as const,
      warnings: [],
      errors: [],
      bindings: [],
      versions: [
        {
          processDefinitionKey: '2251799813685249',
          version: 1,
          latest: true,
          bindingIds: [`${processId}--Start`],
        },
      ],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    for (const id of ['order', 'invoice']) {
      await store.withLock(processKey(id), () => store.putStatus(status(id)));
    }
    // A lock alone (no status yet) is not a process.
    await store.withLock(processKey('pending'), async () => undefined);
    const released = {
      processId: 'refund',
      processDefinitionKey: '2251799813685300',
      sourceKey: 'processes/refund.bpmn',
      releasedAt: '2026-01-01T00:00:00.000Z',
    };

    // Act
    await store.putReleased(released);
    const listed = await store.listStatuses();
    const read = await store.getReleased('refund');
    await store.deleteReleased('refund');

    // Assess
    expect(listed.map((item) => item.processId).sort()).toEqual([
      'invoice',
      'order',
    ]);
    expect(listed.find((item) => item.processId === 'order')).toMatchObject(
      status('order')
    );
    expect(read).toEqual(released);
    expect(await store.getReleased('refund')).toBeUndefined();
  });
  it('marks the platform as tearing down once, keeping the first time, outside the status items', async () => {
    // Prepare
    const store = storeFor('teardown');
    const before = await store.tearingDownSince();

    // Act
    await store.markTearingDown('2026-12-01T20:00:00.000Z');
    await store.markTearingDown('2026-12-01T20:05:00.000Z');

    // Assess
    expect(before).toBeUndefined();
    expect(await storeFor('other').tearingDownSince()).toBe(
      '2026-12-01T20:00:00.000Z'
    );
    expect((await aws.items()).get('PLATFORM')).toEqual({
      pk: 'PLATFORM',
      sk: 'TEARDOWN',
      since: '2026-12-01T20:00:00.000Z',
    });
    expect(await store.listStatuses()).toEqual([]);
  });
});

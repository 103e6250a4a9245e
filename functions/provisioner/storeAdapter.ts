import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { deleteBindingRecord, putBindingRecord } from '../../lib/aws/index.js';
import { ProvisioningLockBusyError } from '../../lib/provisioning/index.js';
import {
  bindingKey,
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  type ProcessStatus,
  processKey,
  type SourceRecord,
  type StoredBinding,
  type StoreKey,
  sourceKey,
  toSourceAttributes,
  toStatusAttributes,
} from '../../lib/store/index.js';

/** The binding store as the provisioner uses it. */
interface StoreAdapter {
  /**
   * Runs `work` holding the lock of the item at `key` (a lease in
   * `lockOwner` / `lockExpiresAt` on that item). Waits for another holder;
   * throws ProvisioningLockBusyError when it does not let go in time.
   */
  withLock<T>(key: StoreKey, work: () => Promise<T>): Promise<T>;
  getSource(key: string): Promise<SourceRecord | undefined>;
  /** Writes the source item; the caller holds its lock. */
  putSource(record: SourceRecord): Promise<void>;
  getStatus(processId: string): Promise<ProcessStatus | undefined>;
  /** Writes the status item; the caller holds the process lock. */
  putStatus(status: ProcessStatus): Promise<void>;
  /** Deletes the status item (and with it the lock). */
  deleteStatus(processId: string): Promise<void>;
  getBinding(bindingId: string): Promise<StoredBinding | undefined>;
  putBinding(binding: StoredBinding): Promise<void>;
  deleteBinding(bindingId: string): Promise<void>;
}

interface StoreAdapterOptions {
  readonly dynamo: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Identifies this invocation as lock owner (the request id). */
  readonly owner: string;
  /** How long a lock is held at most (the invocation's remaining time). */
  readonly leaseMs: () => number;
  readonly waitMs: number;
  readonly pollMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * `SET #n0 = :v0, …` for defined attributes and `REMOVE #nX` for the ones
 * given as undefined, so an update never leaves a stale optional field.
 */
const updateOf = (
  attributes: Readonly<Record<string, unknown>>,
  owner: string
) => {
  const names: Record<string, string> = { '#lockOwner': 'lockOwner' };
  const values: Record<string, unknown> = { ':owner': owner };
  const set: string[] = [];
  const remove: string[] = [];
  Object.entries(attributes).forEach(([name, value], index) => {
    names[`#n${index}`] = name;
    if (value === undefined) {
      remove.push(`#n${index}`);
    } else {
      values[`:v${index}`] = value;
      set.push(`#n${index} = :v${index}`);
    }
  });
  const expression = [
    set.length === 0 ? '' : `SET ${set.join(', ')}`,
    remove.length === 0 ? '' : `REMOVE ${remove.join(', ')}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
  return {
    UpdateExpression: expression,
    ConditionExpression: '#lockOwner = :owner',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

/**
 * Binding store access for the provisioner, with per-item leases so that
 * only one invocation works on a file or a process at a time. Writes made
 * under a lease are conditional on still holding it: an invocation whose
 * lease ran out cannot overwrite the newer one's result.
 *
 * @param options - client, table, lock owner and timing
 */
const createStoreAdapter = (options: StoreAdapterOptions): StoreAdapter => {
  const { dynamo, tableName, owner } = options;
  const table = { client: dynamo, tableName };

  const tryAcquire = async (key: StoreKey): Promise<boolean> => {
    const now = options.now();
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET lockOwner = :owner, lockExpiresAt = :expires',
          ConditionExpression:
            'attribute_not_exists(lockOwner) OR lockExpiresAt < :now OR lockOwner = :owner',
          ExpressionAttributeValues: {
            ':owner': owner,
            ':expires': now + options.leaseMs(),
            ':now': now,
          },
        })
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return false;
      }
      throw error;
    }
  };

  const release = async (key: StoreKey): Promise<void> => {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'REMOVE lockOwner, lockExpiresAt',
          ConditionExpression: 'lockOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        })
      );
    } catch (error) {
      // Deleted with the item, or taken over after the lease ran out.
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
    }
  };

  const getItem = async (key: StoreKey) =>
    (
      await dynamo.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })
      )
    ).Item;

  const updateLocked = async (
    key: StoreKey,
    attributes: Readonly<Record<string, unknown>>
  ): Promise<void> => {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          ...updateOf(attributes, owner),
        })
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ProvisioningLockBusyError(key.pk, { cause: error });
      }
      throw error;
    }
  };

  return {
    withLock: async (key, work) => {
      const started = options.now();
      while (!(await tryAcquire(key))) {
        if (options.now() - started >= options.waitMs) {
          throw new ProvisioningLockBusyError(key.pk);
        }
        await options.sleep(options.pollMs);
      }
      try {
        return await work();
      } finally {
        await release(key);
      }
    },
    getSource: async (key) => {
      const item = await getItem(sourceKey(key));
      return item === undefined ? undefined : fromSourceItem(item);
    },
    putSource: async (record) => {
      await updateLocked(
        sourceKey(record.sourceKey),
        toSourceAttributes(record)
      );
    },
    getStatus: async (processId) => {
      const item = await getItem(processKey(processId));
      return item === undefined || item.state === undefined
        ? undefined
        : fromStatusItem(item);
    },
    putStatus: async (status) => {
      await updateLocked(
        processKey(status.processId),
        toStatusAttributes(status)
      );
    },
    deleteStatus: async (processId) => {
      try {
        await dynamo.send(
          new DeleteCommand({
            TableName: tableName,
            Key: processKey(processId),
            ConditionExpression: 'lockOwner = :owner',
            ExpressionAttributeValues: { ':owner': owner },
          })
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new ProvisioningLockBusyError(processKey(processId).pk, {
            cause: error,
          });
        }
        throw error;
      }
    },
    getBinding: async (bindingId) => {
      const item = await getItem(bindingKey(bindingId));
      return item === undefined ? undefined : fromBindingItem(item);
    },
    putBinding: async (binding) => {
      await putBindingRecord(table, binding);
    },
    deleteBinding: async (bindingId) => {
      await deleteBindingRecord(table, bindingId);
    },
  };
};

export type { StoreAdapter, StoreAdapterOptions };
export { createStoreAdapter };

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateScan,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ProvisioningLockBusyError,
  type ProvisioningStore,
} from '../provisioning/index.js';
import {
  bindingKey,
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  LockAttributes,
  type ProcessStatus,
  processKey,
  type ReleasedProcess,
  releasedKey,
  type StoreKey,
  StoreKeys,
  sourceKey,
  teardownKey,
  toSourceAttributes,
  toStatusAttributes,
} from '../store/index.js';
import { deleteBindingRecord, putBindingRecord } from './bindingRecords.js';

// The lease attributes in condition and update expressions.
const OWNER = LockAttributes.owner;
const EXPIRES = LockAttributes.expiresAt;

interface DynamoProvisioningStoreOptions {
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
  const names: Record<string, string> = { '#lockOwner': OWNER };
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
 * The provisioner's ProvisioningStore port on the DynamoDB binding store,
 * with per-item leases (`lockOwner` / `lockExpiresAt`) so that
 * only one invocation works on a file or a process at a time. Writes made
 * under a lease are conditional on still holding it: an invocation whose
 * lease ran out cannot overwrite the newer one's result.
 *
 * @param options - client, table, lock owner and timing
 */
const dynamoProvisioningStore = (
  options: DynamoProvisioningStoreOptions
): ProvisioningStore => {
  const { dynamo, tableName, owner } = options;
  const table = { client: dynamo, tableName };

  const tryAcquire = async (key: StoreKey): Promise<boolean> => {
    const now = options.now();
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${OWNER} = :owner, ${EXPIRES} = :expires`,
          ConditionExpression: `attribute_not_exists(${OWNER}) OR ${EXPIRES} < :now OR ${OWNER} = :owner`,
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
          UpdateExpression: `REMOVE ${OWNER}, ${EXPIRES}`,
          ConditionExpression: `${OWNER} = :owner`,
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
            ConditionExpression: `${OWNER} = :owner`,
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
    listStatuses: async () => {
      const statuses: ProcessStatus[] = [];
      const pages = paginateScan(
        { client: dynamo },
        {
          TableName: tableName,
          FilterExpression: 'sk = :status AND attribute_exists(#state)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':status': StoreKeys.processSort },
          ConsistentRead: true,
        }
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          statuses.push(fromStatusItem(item));
        }
      }
      return statuses;
    },
    getReleased: async (processId) => {
      const item = await getItem(releasedKey(processId));
      if (item === undefined) return undefined;
      const { pk: _pk, sk: _sk, ...record } = item;
      return record as unknown as ReleasedProcess;
    },
    putReleased: async (record) => {
      await dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...releasedKey(record.processId), ...record },
        })
      );
    },
    deleteReleased: async (processId) => {
      await dynamo.send(
        new DeleteCommand({ TableName: tableName, Key: releasedKey(processId) })
      );
    },
    markTearingDown: async (since) => {
      // The first mark stays: a retried teardown keeps its start.
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: teardownKey(),
          UpdateExpression: 'SET #since = if_not_exists(#since, :since)',
          ExpressionAttributeNames: { '#since': 'since' },
          ExpressionAttributeValues: { ':since': since },
        })
      );
    },
    tearingDownSince: async () => {
      const item = await getItem(teardownKey());
      return typeof item?.since === 'string' ? item.since : undefined;
    },
  };
};

export type { DynamoProvisioningStoreOptions };
export { dynamoProvisioningStore };

import { StoreKeys } from './constants.js';
import type { ProcessStatus, SourceRecord, StoredBinding } from './types.js';

/** A binding-store primary key. */
interface StoreKey {
  readonly pk: string;
  readonly sk: string;
}

type Item = Record<string, unknown>;

/**
 * Key of a binding item; the consumer reads it by its alias name.
 *
 * @param bindingId - the binding id (= alias name)
 */
const bindingKey = (bindingId: string): StoreKey => ({
  pk: `${StoreKeys.bindingPrefix}${bindingId}`,
  sk: StoreKeys.bindingSort,
});

/**
 * Key of a process status item.
 *
 * @param processId - the BPMN process id
 */
const processKey = (processId: string): StoreKey => ({
  pk: `${StoreKeys.processPrefix}${processId}`,
  sk: StoreKeys.processSort,
});

/**
 * Key of a source-file item.
 *
 * @param key - the decoded S3 object key
 */
const sourceKey = (key: string): StoreKey => ({
  pk: `${StoreKeys.sourcePrefix}${key}`,
  sk: StoreKeys.sourceSort,
});

const withoutKeys = (item: Item): Item => {
  const {
    pk: _pk,
    sk: _sk,
    lockOwner: _owner,
    lockExpiresAt: _exp,
    ...rest
  } = item;
  return rest;
};

/**
 * A binding as a DynamoDB item (document client shape).
 *
 * @param binding - the stored binding
 */
const toBindingItem = (binding: StoredBinding): Item => ({
  ...bindingKey(binding.bindingId),
  ...binding,
});

/**
 * A binding item read back.
 *
 * @param item - the DynamoDB item (document client shape)
 */
const fromBindingItem = (item: Item): StoredBinding => {
  const rest = withoutKeys(item) as unknown as StoredBinding;
  return { ...rest, secretArns: rest.secretArns ?? [] };
};

/**
 * A status item's attributes without its key (written with UpdateItem so
 * that the lock attributes on the same item survive).
 *
 * @param status - the process status
 */
const toStatusAttributes = (status: ProcessStatus): Item => ({ ...status });

/**
 * A status item read back.
 *
 * @param item - the DynamoDB item (document client shape)
 */
const fromStatusItem = (item: Item): ProcessStatus => {
  const rest = withoutKeys(item) as unknown as ProcessStatus;
  return {
    ...rest,
    warnings: rest.warnings ?? [],
    errors: rest.errors ?? [],
    bindings: rest.bindings ?? [],
  };
};

/**
 * A source item read back.
 *
 * @param item - the DynamoDB item (document client shape)
 */
const fromSourceItem = (item: Item): SourceRecord => {
  const rest = withoutKeys(item) as unknown as SourceRecord;
  return { ...rest, processIds: rest.processIds ?? [] };
};

export type { StoreKey };
export {
  bindingKey,
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  processKey,
  sourceKey,
  toBindingItem,
  toStatusAttributes,
};

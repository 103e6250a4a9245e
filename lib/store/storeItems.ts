import { redactBinding } from '../binding/index.js';
import { boundProblems } from './boundProblems.js';
import { LockAttributes } from './constants.js';
import { bindingKey } from './storeKeys.js';
import type {
  ProcessStatus,
  SourceRecord,
  StoredBinding,
  StoreItem,
} from './types.js';

const withoutKeys = (item: StoreItem): StoreItem => {
  const {
    pk: _pk,
    sk: _sk,
    [LockAttributes.owner]: _owner,
    [LockAttributes.expiresAt]: _expires,
    ...rest
  } = item;
  return rest;
};

/**
 * A binding as a DynamoDB item (document client shape). The consumer never
 * needs Kafka credentials (the ESM holds them in the binding's own secret):
 * literals typed into the BPMN are masked, secret references stay.
 *
 * @param binding - the stored binding
 */
const toBindingItem = (binding: StoredBinding): StoreItem => ({
  ...bindingKey(binding.bindingId),
  ...binding,
  deployed: {
    ...binding.deployed,
    binding: redactBinding(binding.deployed.binding),
  },
});

/**
 * A binding item read back.
 *
 * @param item - the DynamoDB item (document client shape)
 */
const fromBindingItem = (item: StoreItem): StoredBinding => {
  const rest = withoutKeys(item) as unknown as StoredBinding;
  return { ...rest, secretArns: rest.secretArns ?? [] };
};

/**
 * The attributes an update of a status item writes, without its key (it is
 * written with UpdateItem so that the lock attributes on the same item
 * survive): problems bounded to what an item can hold, and every optional
 * attribute the status leaves out present as `undefined` (to be removed).
 *
 * @param status - the process status
 */
const toStatusAttributes = (status: ProcessStatus): StoreItem => ({
  ...status,
  // A hostile file's problems must not make the item too large to write:
  // then the status would not show why the file was refused.
  warnings: boundProblems(status.warnings),
  errors: boundProblems(status.errors),
  sequencer: status.sequencer,
  deploymentKey: status.deploymentKey,
  processDefinitionKey: status.processDefinitionKey,
  appliedVersion: status.appliedVersion,
  owner: status.owner,
  versions: status.versions,
});

/**
 * A status item read back.
 *
 * @param item - the DynamoDB item (document client shape)
 */
const fromStatusItem = (item: StoreItem): ProcessStatus => {
  const rest = withoutKeys(item) as unknown as ProcessStatus;
  return {
    ...rest,
    warnings: rest.warnings ?? [],
    errors: rest.errors ?? [],
    bindings: rest.bindings ?? [],
  };
};

/**
 * The attributes an update of a source item writes, as
 * {@link toStatusAttributes} does for a status.
 *
 * @param record - the source record
 */
const toSourceAttributes = (record: SourceRecord): StoreItem => ({
  ...record,
  lastSequencer: record.lastSequencer,
  lastVersion: record.lastVersion,
  lastOutcome: record.lastOutcome,
  errors:
    record.errors === undefined ? undefined : boundProblems(record.errors),
});

/**
 * A source item read back.
 *
 * @param item - the DynamoDB item (document client shape)
 */
const fromSourceItem = (item: StoreItem): SourceRecord => {
  const rest = withoutKeys(item) as unknown as SourceRecord;
  return { ...rest, processIds: rest.processIds ?? [] };
};

export {
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  toBindingItem,
  toSourceAttributes,
  toStatusAttributes,
};

import { StoreKeys } from './constants.js';
import type { StoreKey } from './types.js';

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

/**
 * Key of the item of a process a bucket file let go.
 *
 * @param processId - the BPMN process id
 */
const releasedKey = (processId: string): StoreKey => ({
  pk: `${StoreKeys.releasedPrefix}${processId}`,
  sk: StoreKeys.releasedSort,
});

/**
 * Key of the item that marks the platform as being torn down (its stack is
 * deleted): the provisioner provisions nothing while it exists.
 */
const teardownKey = (): StoreKey => ({
  pk: StoreKeys.platformKey,
  sk: StoreKeys.teardownSort,
});

export { bindingKey, processKey, releasedKey, sourceKey, teardownKey };

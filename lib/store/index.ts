export { boundProblems } from './boundProblems.js';
export {
  LockAttributes,
  STATIC_SOURCE_PREFIX,
  STORED_PROBLEM_LIMITS,
  StoreKeys,
} from './constants.js';
export {
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  toBindingItem,
  toSourceAttributes,
  toStatusAttributes,
} from './storeItems.js';
export {
  bindingKey,
  processKey,
  releasedKey,
  sourceKey,
  teardownKey,
} from './storeKeys.js';
export type {
  ProcessState,
  ProcessStatus,
  ReleasedProcess,
  SourceRecord,
  StatusBinding,
  StoredBinding,
  StoreItem,
  StoreKey,
} from './types.js';

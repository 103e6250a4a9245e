export { boundProblems } from './boundProblems.js';
export {
  LockAttributes,
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
export { bindingKey, processKey, sourceKey } from './storeKeys.js';
export type {
  ProcessState,
  ProcessStatus,
  SourceRecord,
  StatusBinding,
  StoredBinding,
  StoreItem,
  StoreKey,
} from './types.js';

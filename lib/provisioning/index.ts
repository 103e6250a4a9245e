export type { ProcessStatusInput } from './buildProcessStatus.js';
export {
  buildProcessStatus,
  describeAction,
  stateOf,
} from './buildProcessStatus.js';
export { buildUpdateRequest } from './buildUpdateRequest.js';
export { compareSequencers } from './compareSequencers.js';
export {
  CreateOnlyEsmFields,
  EsmResetValues,
  ProvisionerDefaults,
  SecretTagKeys,
  StatusNotes,
  StoreKeys,
  UpdatableEsmFields,
} from './constants.js';
export type { ProcessFailure } from './errors.js';
export {
  ProvisioningConfigError,
  ProvisioningEsmDeleteTimeoutError,
  ProvisioningEventError,
  ProvisioningFailedError,
  ProvisioningLockBusyError,
  ProvisioningSecretMissingError,
} from './errors.js';
export { formatStatus } from './formatStatus.js';
export {
  decodeS3Key,
  isProcessObjectKey,
  parseObjectEvents,
} from './parseObjectEvents.js';
export { planReconcile } from './planReconcile.js';
export type { StatusClients } from './readStatus.js';
export { readStatus } from './readStatus.js';
export {
  findReferencedSecrets,
  referencedSecretId,
  resolveSecretFields,
} from './resolveSecretFields.js';
export { stableJson } from './stableJson.js';
export type { StoreKey } from './storeItems.js';
export {
  bindingKey,
  fromBindingItem,
  fromSourceItem,
  fromStatusItem,
  processKey,
  sourceKey,
  toBindingItem,
  toStatusAttributes,
} from './storeItems.js';
export type {
  ActualEsm,
  ActualProcessState,
  BindingAction,
  BindingStatusView,
  CreateAction,
  DeleteAction,
  DesiredBinding,
  KeepAction,
  ObjectEvent,
  ProcessState,
  ProcessStatus,
  ProcessStatusView,
  ReconcilePlan,
  ReplaceAction,
  SourceRecord,
  StatusBinding,
  StatusReport,
  StoredBinding,
  UpdateAction,
} from './types.js';

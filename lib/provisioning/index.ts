export type { ApplyContext } from './applyPlan.js';
export { applyPlan } from './applyPlan.js';
export type { ProcessStatusInput } from './buildProcessStatus.js';
export {
  buildProcessStatus,
  describeAction,
  stateOf,
} from './buildProcessStatus.js';
export { buildUpdateRequest } from './buildUpdateRequest.js';
export { checkBindingCount } from './checkBindingCount.js';
export { checkSecretReferences } from './checkSecretReferences.js';
export { checkVersions } from './checkVersions.js';
export { compareSequencers } from './compareSequencers.js';
export {
  CreateOnlyEsmFields,
  EsmResetValues,
  ProvisionerDefaults,
  SCHEDULED_CHECK_EVENT,
  SecretTagKeys,
  StatusNotes,
  TeardownDefaults,
  UpdatableEsmFields,
  UploadPolicyDefaults,
} from './constants.js';
export { describeFailure } from './describeFailure.js';
export { discoverDeployments } from './discoverDeployments.js';
export { discoverMskClusters } from './discoverMskClusters.js';
export type { ProcessFailure } from './errors.js';
export {
  ProvisioningConfigError,
  ProvisioningEsmDeleteTimeoutError,
  ProvisioningEventError,
  ProvisioningFailedError,
  ProvisioningLockBusyError,
  ProvisioningMskUnavailableError,
  ProvisioningSecretMissingError,
} from './errors.js';
export { formatStatus } from './formatStatus.js';
export { handleTeardownRequest } from './handleTeardownRequest.js';
export { isScheduledCheck } from './isScheduledCheck.js';
export {
  decodeS3Key,
  isProcessObjectKey,
  parseObjectEvents,
} from './parseObjectEvents.js';
export { parseTeardownRequest } from './parseTeardownRequest.js';
export { planBindings } from './planBindings.js';
export { planReconcile } from './planReconcile.js';
export { provisionEvent } from './provisionEvent.js';
export { provisionObject } from './provisionObject.js';
export { readProvisionerConfig } from './readProvisionerConfig.js';
export { readStatus } from './readStatus.js';
export { readUploadPolicy } from './readUploadPolicy.js';
export {
  findReferencedSecrets,
  isStorableSecretName,
  referencedSecretId,
  resolveSecretFields,
} from './resolveSecretFields.js';
export { runScheduledCheck } from './runScheduledCheck.js';
export { stableJson } from './stableJson.js';
export { tearDownPlatform } from './tearDownPlatform.js';
export type {
  ActualEsm,
  ActualProcessState,
  ApplyResult,
  BindingAction,
  BindingStatusView,
  CamundaDeployer,
  ConsumerMappings,
  CreateAction,
  CurrentObject,
  DeleteAction,
  DesiredBinding,
  DiscoveryMemo,
  DiscoveryReport,
  EnsuredSecret,
  KeepAction,
  LiveEsm,
  MskClusterLookup,
  MskClusters,
  ObjectEvent,
  ObjectOutcome,
  ProcessFiles,
  ProcessState,
  ProcessStatus,
  ProcessStatusView,
  ProvisionerConfig,
  ProvisionerDependencies,
  ProvisionerObserver,
  ProvisioningStore,
  ProvisionResult,
  ReconcilePlan,
  ReleasedProcess,
  ReplaceAction,
  ScheduledCheckResult,
  SecretOptions,
  SecretStore,
  SourceRecord,
  StackStates,
  StatusBinding,
  StatusReport,
  StatusSource,
  StoredBinding,
  TeardownDependencies,
  TeardownReport,
  TeardownRequest,
  TeardownResponse,
  UpdateAction,
  VersionCheckReport,
} from './types.js';

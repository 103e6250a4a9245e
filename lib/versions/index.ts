export { VERSIONED_ID_MARK, VersionDefaults } from './constants.js';
export { consumerIdentity } from './consumerIdentity.js';
export { countWaitingSubscriptions } from './countWaitingSubscriptions.js';
export { describeVersion } from './describeVersion.js';
export { isStartElement } from './isStartElement.js';
export type { ExistingId, LatestBindings } from './mergeVersionBindings.js';
export { mergeVersionBindings } from './mergeVersionBindings.js';
export { isRetired, recordCheck } from './recordCheck.js';
export { splitRetained } from './splitRetained.js';
export { supersedeVersions } from './supersedeVersions.js';
export type {
  CamundaVersionQueries,
  ExistingBinding,
  MergedBinding,
  ProcessVersion,
  RetainedPart,
  VersionCheck,
  VersionedBinding,
  WaitingSubscriptions,
} from './types.js';
export { versionedBindingId } from './versionedBindingId.js';
export { withoutVersions } from './withoutVersions.js';

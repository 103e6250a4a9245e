export type { BindingSecretNameParts } from './bindingSecretName.js';
export { bindingSecretName } from './bindingSecretName.js';
export { bindingSecretNames } from './bindingSecretNames.js';
export { assertPlatformSettings, buildEsmPlan } from './buildEsmPlan.js';
export type { SchemaRegistryPlan } from './buildSchemaRegistryConfig.js';
export {
  buildSchemaRegistryConfig,
  registrySecretName,
} from './buildSchemaRegistryConfig.js';
export {
  classifyClientProperties,
  findPropertyRow,
} from './classifyClientProperties.js';
export {
  EsmLimits,
  EsmTagKeys,
  esmPropertyTable,
  SaslAccessType,
  SecretNameLimits,
  SecretNamespaces,
  StartingPositionByReset,
  TAG_KEY_PREFIX,
} from './constants.js';
export {
  EsmPlatformSettingsError,
  EsmSecretArnMissingError,
} from './errors.js';
export { formatEsmPropertyTable } from './formatEsmPropertyTable.js';
export {
  hostOf,
  mskRegionOf,
  resolveEventSource,
} from './resolveEventSource.js';
export { secretNamespace } from './secretNamespace.js';
export type {
  DeployedBinding,
  EsmEventSource,
  EsmMetric,
  EsmPlan,
  EsmPropertyClass,
  EsmPropertyRow,
  EsmSecretPlan,
  MskAuthentication,
  MskCluster,
  PlatformSettings,
  PropertyClassification,
  SourceAccess,
} from './types.js';
export { withSecretArns } from './withSecretArns.js';

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
  StartingPositionByReset,
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
export type {
  DeployedBinding,
  EsmEventSource,
  EsmMetric,
  EsmPlan,
  EsmPropertyClass,
  EsmPropertyRow,
  EsmSecretPlan,
  PlatformSettings,
  PropertyClassification,
  SourceAccess,
} from './types.js';
export { withSecretArns } from './withSecretArns.js';

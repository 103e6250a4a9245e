export { assertValidBindingModel } from './assertValidBindingModel.js';
export { buildBindings } from './buildBindings.js';
export { defaultGroupId } from './buildClientProperties.js';
export { checkFeelLength, checkFeelSafety } from './checkFeelSafety.js';
export { checkFeelSyntax } from './checkFeelSyntax.js';
export {
  BINDING_ID_LIMITS,
  CONNECTOR_DEFAULTS,
  DEFAULT_CLIENT_PROPERTIES,
  FEEL_SAFETY_LIMITS,
  FORCED_CLIENT_PROPERTIES,
  GLUE_REGISTRY_ARN,
  KAFKA_TEMPLATE_IDS,
  KNOWN_PROPERTIES,
  REGISTRY_PROPERTIES,
} from './constants.js';
export { BindingInvalidError } from './errors.js';
export type { SecretReference } from './findSecretReferences.js';
export {
  findClusterSecretReferences,
  findSecretReferences,
  replaceSecretReferences,
  scanSecretReferences,
} from './findSecretReferences.js';
export { hashConfiguration } from './hashConfiguration.js';
export { loadBindingModel } from './loadBindingModel.js';
export { isValidAliasName, makeBindingId } from './makeBindingId.js';
export { parseAdditionalProperties } from './parseAdditionalProperties.js';
export { parseBootstrapServers } from './parseBootstrapServers.js';
export { parseIsoDuration } from './parseIsoDuration.js';
export type { JaasConfig } from './parseJaasConfig.js';
export { parseJaasConfig } from './parseJaasConfig.js';
export { parseOffsets } from './parseOffsets.js';
export type { RegistryAccessOutcome } from './readRegistryAccess.js';
export { readRegistryAccess } from './readRegistryAccess.js';
export { redactBinding } from './redactBinding.js';
export type { NestedConfig } from './toNestedConfig.js';
export { toNestedConfig } from './toNestedConfig.js';
export type {
  AutoOffsetReset,
  Binding,
  BindingElement,
  BindingModel,
  KafkaAuthentication,
  KafkaSettings,
  KafkaTlsSettings,
  ParseOutcome,
  SchemaRegistryAccess,
  SchemaStrategy,
} from './types.js';
export { valueFormatOf } from './valueFormatOf.js';

export { checkVariablesSize } from './checkVariablesSize.js';
export {
  classifyCamundaFailure,
  classifyCamundaResponse,
} from './classifyCamundaResponse.js';
export {
  CAMUNDA_AUTH_STRATEGIES,
  CAMUNDA_DEFAULTS,
  MAX_CAMUNDA_RESPONSE_BYTES,
  MAX_TOKEN_RESPONSE_BYTES,
  MAX_VARIABLES_BYTES,
} from './constants.js';
export { createCamundaClient } from './createCamundaClient.js';
export {
  CamundaAuthError,
  CamundaConfigError,
  CamundaRequestError,
} from './errors.js';
export { readCamundaConfig } from './readCamundaConfig.js';
export { redactCamundaConfig } from './redactCamundaConfig.js';
export type {
  CamundaAuthConfig,
  CamundaAuthStrategy,
  CamundaBasicAuthConfig,
  CamundaBroker,
  CamundaClient,
  CamundaClientConfig,
  CamundaClientDependencies,
  CamundaOAuthConfig,
  CamundaOperation,
  CamundaOutcome,
  CamundaPartition,
  CamundaPort,
  CamundaSecrets,
  CamundaTopology,
  CorrelateMessageRequest,
  CreateProcessInstanceRequest,
  DeployedProcess,
  DeploymentResource,
  DeploymentSummary,
  LatestDefinitionsQuery,
  MessageSubscriptionQuery,
  MessageSubscriptionSummary,
  ProcessDefinitionSummary,
  PublishMessageRequest,
  SearchPage,
  VariablesSizeCheck,
} from './types.js';

export { aliasFromFunctionArn } from './aliasFromFunctionArn.js';
export type {
  AwsRedriveAdapters,
  AwsRedriveOptions,
} from './awsRedriveAdapters.js';
export { awsRedriveAdapters } from './awsRedriveAdapters.js';
export type {
  AwsStatusSource,
  AwsStatusSourceOptions,
} from './awsStatusSource.js';
export { awsStatusSource } from './awsStatusSource.js';
export type { BindingTable } from './bindingRecords.js';
export { deleteBindingRecord, putBindingRecord } from './bindingRecords.js';
export type {
  CamundaSecretsOptions,
  CamundaSecretsReader,
} from './camundaSecrets.js';
export { camundaSecrets } from './camundaSecrets.js';
export type { CloudFormationStackStatesOptions } from './cloudFormationStackStates.js';
export { cloudFormationStackStates } from './cloudFormationStackStates.js';
export {
  AWS_DEFAULTS,
  METRIC_NAMES,
  METRIC_NAMESPACE,
  SERVICE_NAMES,
} from './constants.js';
export type { AwsSchemaRegistryOptions } from './createAwsSchemaRegistry.js';
export { createAwsSchemaRegistry } from './createAwsSchemaRegistry.js';
export type { BindingStoreOptions } from './createBindingStore.js';
export { createBindingStore } from './createBindingStore.js';
export { createDocumentClient } from './createDocumentClient.js';
export type {
  DynamoIdempotency,
  DynamoIdempotencyOptions,
} from './dynamoIdempotency.js';
export { dynamoIdempotency } from './dynamoIdempotency.js';
export type { DynamoProvisioningStoreOptions } from './dynamoProvisioningStore.js';
export { dynamoProvisioningStore } from './dynamoProvisioningStore.js';
export type { DynamoResolvedOffsetsOptions } from './dynamoResolvedOffsets.js';
export { dynamoResolvedOffsets } from './dynamoResolvedOffsets.js';
export {
  AwsConfigError,
  BindingNotFoundError,
  BindingRecordInvalidError,
  BindingStoreUnavailableError,
  CamundaSecretInvalidError,
  CamundaSecretUnavailableError,
  CustomResourceResponseError,
  DeadLetterSendError,
  FunctionAliasMissingError,
  MskScramAssociationError,
  RegistrySecretUnavailableError,
  StackStatusUnavailableError,
} from './errors.js';
export type { LambdaConsumerMappingsOptions } from './lambdaConsumerMappings.js';
export {
  lambdaConsumerMappings,
  toActualEsm,
} from './lambdaConsumerMappings.js';
export type { MskClustersOptions } from './mskClusters.js';
export { mskClusters } from './mskClusters.js';
export type { PowertoolsObserver } from './powertoolsObserver.js';
export { powertoolsObserver } from './powertoolsObserver.js';
export { provisionerObserver } from './provisionerObserver.js';
export { putCustomResourceResponse } from './putCustomResourceResponse.js';
export type { S3ProcessFilesOptions } from './s3ProcessFiles.js';
export { s3ProcessFiles } from './s3ProcessFiles.js';
export type { SecretsManagerSecretStoreOptions } from './secretsManagerSecretStore.js';
export { secretsManagerSecretStore } from './secretsManagerSecretStore.js';
export type { SqsDeadLetterSinkOptions } from './sqsDeadLetterSink.js';
export { sqsDeadLetterSink } from './sqsDeadLetterSink.js';
export type { SqsDeadLetterSourceOptions } from './sqsDeadLetterSource.js';
export { sqsDeadLetterSource } from './sqsDeadLetterSource.js';

export type { LocalKafkaSettings } from './buildLocalKafkaSettings.js';
export {
  buildLocalKafkaSettings,
  secretVariableNames,
} from './buildLocalKafkaSettings.js';
export { LocalDefaults, LocalEnv } from './constants.js';
export { createCamundaDeploy } from './createCamundaDeploy.js';
export { createEsmConsumer } from './createEsmConsumer.js';
export { createFileDeadLetterSink } from './createFileDeadLetterSink.js';
export { createFileDeadLetterSource } from './createFileDeadLetterSource.js';
export type { KafkaRecordFetcher } from './createKafkaRecordFetcher.js';
export { createKafkaRecordFetcher } from './createKafkaRecordFetcher.js';
export { createLocalLogger, kafkajsLogCreator } from './createLocalLogger.js';
export { createLocalSchemaRegistry } from './createLocalSchemaRegistry.js';
export type { RedriveJournal } from './createRedriveJournal.js';
export { createRedriveJournal } from './createRedriveJournal.js';
export { EventCollector } from './EventCollector.js';
export {
  LocalConfigError,
  LocalKafkaConfigError,
  LocalRuntimeError,
  LocalSecretMissingError,
} from './errors.js';
export { formatBindingSummary } from './formatBindingSummary.js';
export { retryDelay } from './retryDelay.js';
export type { StartCommandIo, StartCommandOptions } from './runStartCommand.js';
export { chooseProcessesDir, runStartCommand } from './runStartCommand.js';
export { startLocalRuntime } from './startLocalRuntime.js';
export { toEsmRecord, toSignedBytes } from './toEsmRecord.js';
export type {
  EsmConsumer,
  EsmConsumerEvent,
  EsmConsumerOptions,
  EsmConsumerStats,
  EsmPartitionStats,
  LocalBindingStatus,
  LocalDeploy,
  LocalDeployResult,
  LocalInvocationContext,
  LocalLogger,
  LocalRuntime,
  LocalRuntimeOptions,
  ProcessBatch,
} from './types.js';

import { EsmTagKeys } from '../esm/index.js';

/**
 * CreateEventSourceMapping fields that UpdateEventSourceMapping cannot change:
 * a change to one of them replaces the ESM (new UUID).
 */
const CreateOnlyEsmFields = [
  'EventSourceArn',
  'SelfManagedEventSource',
  'Topics',
  'StartingPosition',
  'StartingPositionTimestamp',
  'ConsumerGroupId',
] as const;

/** CreateEventSourceMapping fields that UpdateEventSourceMapping changes in place. */
const UpdatableEsmFields = [
  'Enabled',
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'FilterCriteria',
  'DestinationConfig',
  'MaximumRetryAttempts',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'SourceAccessConfigurations',
  'FunctionResponseTypes',
  'ProvisionedPollerConfig',
  'MetricsConfig',
  'LoggingConfig',
  'KMSKeyArn',
] as const;

/**
 * What an update sends for a field the new request no longer sets, so that
 * the ESM returns to its default instead of keeping the old value.
 * `MaximumBatchingWindowInSeconds` has no way back to the 500 ms default
 * (Lambda API), and `LoggingConfig` / `KMSKeyArn` have no documented
 * "unset" value: those three are left as they are.
 */
const EsmResetValues = {
  Enabled: true,
  BatchSize: 100,
  FilterCriteria: {},
  DestinationConfig: { OnFailure: {} },
  MaximumRetryAttempts: -1,
  MaximumRecordAgeInSeconds: -1,
  BisectBatchOnFunctionError: false,
  SourceAccessConfigurations: [],
  FunctionResponseTypes: [],
  // `{}` returns the ESM to on-demand pollers (Lambda docs, scaling modes).
  ProvisionedPollerConfig: {},
  MetricsConfig: { Metrics: [] },
} as const;

/** Tag keys of the per-binding secrets: the ESMs' own. */
const SecretTagKeys = {
  bindingId: EsmTagKeys.bindingId,
  processId: EsmTagKeys.processId,
} as const;

/** Provisioner defaults. */
const ProvisionerDefaults = {
  /** Largest BPMN file read from the bucket. */
  maxObjectBytes: 2 * 1024 * 1024,
  processesPrefix: 'processes/',
  /** How long an invocation waits for another one's lock. */
  lockWaitMs: 30_000,
  lockPollMs: 1_000,
  /** How long to wait for a deleted ESM to disappear before re-creating. */
  esmDeleteWaitMs: 90_000,
  esmPollMs: 2_000,
  /** How long a container trusts the MSK brokers it has discovered. */
  mskDiscoveryTtlMs: 300_000,
} as const;

/**
 * Defaults of the upload policy (docs/binding-model.md, "Upload policy"):
 * each binding is a consumer alias and an event source mapping, which in
 * provisioned mode bills at least one poller, so a file or a platform with
 * hundreds of them is almost surely a mistake or an attack.
 */
const UploadPolicyDefaults = {
  maxBindingsPerFile: 20,
  maxBindingsPerPlatform: 200,
} as const;

/** Status notes (also documented in docs/deploy.md, "Replacing a mapping"). */
const StatusNotes = {
  created: 'created',
  updated: 'updated in place',
  unchanged: 'unchanged',
  replaced:
    'replaced: the new event source mapping starts from the consumer group’s committed offsets, or from its starting position when the group has none — records may be replayed or skipped',
  /** Starts the error of a status whose provisioning failed (retried). */
  unfinished: 'Provisioning did not finish and will be retried',
} as const;

/**
 * The input the schedule (EventBridge Scheduler) invokes the provisioner
 * with: discovery (when on), then the check of retained versions.
 */
const SCHEDULED_CHECK_EVENT = { kafkaInbound: 'scheduledCheck' } as const;

/**
 * The CloudFormation custom resource that tears the platform down when its
 * stack is deleted (its type in the template, the provisioner recognizes
 * its requests by it), and what it may take.
 */
const TeardownDefaults = {
  resourceType: 'Custom::KafkaInboundTeardown',
  /** The resource's physical id; never changes, so it is never replaced. */
  physicalResourceId: 'kafka-inbound-teardown',
  /** Processes removed at once (each deletes and waits for its ESMs). */
  concurrency: 4,
  /**
   * Time left in the invocation below which no further process is begun:
   * one ESM delete wait and some room.
   */
  reserveMs: ProvisionerDefaults.esmDeleteWaitMs + 30_000,
  /** Names listed per kind in a failure reason (CloudFormation shows 4 KB). */
  reasonNames: 5,
} as const;

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
};

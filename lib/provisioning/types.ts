import type {
  CreateEventSourceMappingCommandInput,
  UpdateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import type { Problem } from '../bpmn/types.js';
import type {
  DeploymentResource,
  DeploymentSummary,
} from '../camunda/types.js';
import type { DeployedBinding } from '../consumer/types.js';
import type {
  EsmPlan,
  MskAuthentication,
  PlatformSettings,
} from '../esm/types.js';
import type { PlatformDefaults } from '../platform/types.js';
import type {
  ProcessState,
  ProcessStatus,
  ReleasedProcess,
  SourceRecord,
  StatusBinding,
  StoredBinding,
  StoreKey,
} from '../store/types.js';
import type { CamundaVersionQueries } from '../versions/types.js';

/** A `*.bpmn` object event from S3 (notification or EventBridge), normalized. */
interface ObjectEvent {
  readonly kind: 'created' | 'removed';
  readonly bucket: string;
  /** Decoded object key. */
  readonly key: string;
  readonly versionId?: string;
  /** S3 `sequencer` (hex); orders events of one key. */
  readonly sequencer?: string;
  readonly eventTime?: string;
  /** Where the event came from, for logs. */
  readonly shape: 's3Notification' | 'eventBridge';
}

/** A binding the new file version asks for, with its ESM plan (placeholders). */
interface DesiredBinding {
  readonly deployed: DeployedBinding;
  readonly plan: EsmPlan;
  /** Process definition keys of each element (see `StoredBinding.versionKeys`). */
  readonly versionKeys?: readonly (readonly string[])[];
  /**
   * A binding kept for retained versions only: its mapping and per-binding
   * secrets stay as they are (name → ARN); only its elements change. Its
   * record masks literal credentials, so nothing is rebuilt from it.
   */
  readonly keptSecrets?: ReadonlyMap<string, string>;
}

/** An event source mapping as Lambda reports it, reduced to what reconcile needs. */
interface ActualEsm {
  readonly uuid: string;
  readonly arn?: string;
  readonly state?: string;
  readonly functionArn?: string;
  /** From the `kafka-inbound:binding-id` tag, else the alias qualifier. */
  readonly bindingId?: string;
  readonly processId?: string;
  readonly topics?: readonly string[];
  readonly eventSourceArn?: string;
  readonly bootstrapServers?: readonly string[];
  readonly startingPosition?: string;
  readonly consumerGroupId?: string;
  readonly lastProcessingResult?: string;
  readonly stateTransitionReason?: string;
}

/** What exists for one process. */
interface ActualProcessState {
  /** Binding-store items of the process's bindings. */
  readonly records: readonly StoredBinding[];
  /** ESMs tagged with the process id (any state). */
  readonly esms: readonly ActualEsm[];
  /** Alias names of the consumer function that belong to the process. */
  readonly aliases: readonly string[];
  /** Binding ids the last status listed (may name leftovers of a failed run). */
  readonly statusBindingIds?: readonly string[];
}

/** Fields shared by the actions that keep a binding. */
interface KeepingActionBase {
  readonly bindingId: string;
  readonly desired: DesiredBinding;
  readonly createAlias: boolean;
  /** The binding-store item differs from the desired one. */
  readonly recordChanged: boolean;
  /** Per-binding secrets the binding had and no longer needs. */
  readonly obsoleteSecretNames: readonly string[];
  /** More ESMs of this binding (left by an interrupted run): deleted. */
  readonly extraEsmUuids: readonly string[];
}

/** Create alias, secrets, record, then the ESM. */
interface CreateAction extends KeepingActionBase {
  readonly kind: 'create';
}

/** UpdateEventSourceMapping on the existing ESM. */
interface UpdateAction extends KeepingActionBase {
  readonly kind: 'update';
  readonly esm: ActualEsm;
  /** Updatable fields whose value changed. */
  readonly changedFields: readonly string[];
  /** The request last applied (placeholders), to reset removed fields. */
  readonly previousRequest?: CreateEventSourceMappingCommandInput;
}

/** Delete the ESM, wait until it is gone, then create it again. */
interface ReplaceAction extends KeepingActionBase {
  readonly kind: 'replace';
  readonly esm: ActualEsm;
  /** Create-only fields whose value changed. */
  readonly changedFields: readonly string[];
}

/** The ESM is as desired; the record and secrets are still refreshed. */
interface KeepAction extends KeepingActionBase {
  readonly kind: 'keep';
  readonly esm: ActualEsm;
}

/** Remove everything created for a binding the file no longer has. */
interface DeleteAction {
  readonly kind: 'delete';
  readonly bindingId: string;
  readonly esmUuids: readonly string[];
  /** Alias to delete, when it exists. */
  readonly aliasName?: string;
  /** Secret names known from the record (the adapter also looks them up by tag). */
  readonly secretNames: readonly string[];
  readonly hasRecord: boolean;
}

type BindingAction =
  | CreateAction
  | UpdateAction
  | ReplaceAction
  | KeepAction
  | DeleteAction;

/** The actions of one process, in the order to run them (deletes first). */
interface ReconcilePlan {
  readonly processId: string;
  readonly actions: readonly BindingAction[];
}

/** A binding in `readStatus` output: the status entry plus the live ESM. */
interface BindingStatusView extends StatusBinding {
  /** `GetEventSourceMapping` State now; absent when it could not be read. */
  readonly liveState?: string;
  readonly lastProcessingResult?: string;
  readonly stateTransitionReason?: string;
  /** Why the live ESM could not be read. */
  readonly readError?: string;
}

/** A process in `readStatus` output. */
interface ProcessStatusView extends Omit<ProcessStatus, 'bindings'> {
  readonly bindings: readonly BindingStatusView[];
}

/** The live state of one ESM, as `GetEventSourceMapping` reports it. */
type LiveEsm =
  | {
      readonly kind: 'found';
      readonly state?: string;
      readonly lastProcessingResult?: string;
      readonly stateTransitionReason?: string;
    }
  | { readonly kind: 'missing' }
  /** Reading failed; `reason` names the error (never a value). */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Port: what `readStatus` reads. */
interface StatusSource {
  /**
   * The status items of every process (or of `processId` only), and the
   * source items that carry file-level errors (none for one process).
   */
  readRecords(processId?: string): Promise<{
    readonly statuses: readonly ProcessStatus[];
    readonly failedSources: readonly SourceRecord[];
  }>;
  readEsm(uuid: string): Promise<LiveEsm>;
}

/** What `readStatus` returns. */
interface StatusReport {
  readonly processes: readonly ProcessStatusView[];
  /** Files rejected without a process to carry their errors (unreadable, or every process owned by another file). */
  readonly failedSources: readonly SourceRecord[];
}

/**
 * One rule of the secret-reference policy: which secret names
 * (`{{secrets.NAME}}`, the users' secret namespace) the bindings of the
 * selected processes may reference. A rule selects by process id
 * (`processes`: exact ids, or a prefix ending with `*`) and/or by the
 * file's S3 key (`path`: a key prefix); a rule with neither applies to
 * every file. A name is allowed when it starts with one of `secrets` of a
 * rule that applies (`""` allows every name).
 */
interface SecretReferenceRule {
  readonly processes?: readonly string[];
  readonly path?: string;
  readonly secrets: readonly string[];
}

/** What an uploaded file may ask for (docs/binding-model.md, "Upload policy"). */
interface UploadPolicy {
  /** Absent: every secret name may be referenced (the policy is open). */
  readonly secretReferences?: readonly SecretReferenceRule[];
  /** Most bindings (aliases + ESMs) one file may define. */
  readonly maxBindingsPerFile: number;
  /** Most bindings the platform holds, over every file. */
  readonly maxBindingsPerPlatform: number;
}

/** Everything the provisioner reads from its environment. */
interface ProvisionerConfig {
  readonly tableName: string;
  readonly bucket: string;
  readonly processesPrefix: string;
  readonly secretPrefix: string;
  readonly deployToCamunda: boolean;
  /** Version the per-binding aliases point at (`$LATEST` by default). */
  readonly consumerFunctionVersion: string;
  readonly maxObjectBytes: number;
  readonly tenantId?: string;
  readonly defaults: PlatformDefaults;
  readonly platform: PlatformSettings;
  /**
   * Provision the Kafka processes deployed to Camunda from any tool
   * (`DISCOVER_DEPLOYMENTS`, stack prop `discoverDeployments`).
   */
  readonly discoverDeployments: boolean;
  readonly uploadPolicy: UploadPolicy;
}

/** The current version of a BPMN file, as far as the provisioner reads it. */
type CurrentObject =
  | {
      readonly kind: 'found';
      readonly text: string;
      /** S3 version id, else the ETag (unversioned bucket). */
      readonly version: string;
      readonly bytes: number;
    }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'tooLarge';
      readonly version: string;
      readonly bytes: number;
    };

/** Port: the processes bucket, always at the object's current version. */
interface ProcessFiles {
  /** The current version of `key`, read only when it is at most the limit. */
  readCurrent(key: string): Promise<CurrentObject>;
  /** Whether `key` exists now (its current version is not a delete marker). */
  exists(key: string): Promise<boolean>;
}

/** Port: the binding store as the provisioner uses it. */
interface ProvisioningStore {
  /**
   * Runs `work` holding the lock of the item at `key` (a lease on that
   * item). Waits for another holder; throws ProvisioningLockBusyError when
   * it does not let go in time.
   */
  withLock<T>(key: StoreKey, work: () => Promise<T>): Promise<T>;
  getSource(key: string): Promise<SourceRecord | undefined>;
  /**
   * Writes the source item; the caller holds its lock (else
   * ProvisioningLockBusyError).
   */
  putSource(record: SourceRecord): Promise<void>;
  getStatus(processId: string): Promise<ProcessStatus | undefined>;
  /** Writes the status item; the caller holds the process lock. */
  putStatus(status: ProcessStatus): Promise<void>;
  /** Deletes the status item (and with it the lock). */
  deleteStatus(processId: string): Promise<void>;
  getBinding(bindingId: string): Promise<StoredBinding | undefined>;
  putBinding(binding: StoredBinding): Promise<void>;
  deleteBinding(bindingId: string): Promise<void>;
  /** The status items of every process (read without locks). */
  listStatuses(): Promise<ProcessStatus[]>;
  getReleased(processId: string): Promise<ReleasedProcess | undefined>;
  putReleased(record: ReleasedProcess): Promise<void>;
  deleteReleased(processId: string): Promise<void>;
  /**
   * Marks the platform as being torn down (its stack is deleted), with the
   * time: from then on uploads and scheduled runs provision nothing.
   */
  markTearingDown(since: string): Promise<void>;
  /** When the teardown began, or undefined while the platform runs. */
  tearingDownSince(): Promise<string | undefined>;
}

/** Port: the aliases and event source mappings of the consumer function. */
interface ConsumerMappings {
  /** Names of all aliases of the consumer function. */
  listAliasNames(): Promise<Set<string>>;
  /** Creates the alias, or points it at the configured version. */
  ensureAlias(name: string): Promise<void>;
  /** Deletes the alias; a missing alias is fine. */
  deleteAlias(name: string): Promise<void>;
  /** ESMs of the consumer function tagged with the process id. */
  listProcessEsms(processId: string): Promise<ActualEsm[]>;
  /**
   * Every ESM on an alias of the consumer function (with its tags), also
   * those whose process has no status (left by an unfinished run).
   */
  listAllEsms(): Promise<ActualEsm[]>;
  createEsm(request: CreateEventSourceMappingCommandInput): Promise<ActualEsm>;
  /** Returns the ESM state after the update. */
  updateEsm(
    request: UpdateEventSourceMappingCommandInput
  ): Promise<string | undefined>;
  tagEsm(arn: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** Deletes the ESM and waits until Lambda no longer knows it. */
  deleteEsmAndWait(uuid: string): Promise<void>;
}

/** A per-binding secret after `ensureSecret`. */
interface EnsuredSecret {
  readonly arn: string;
  /** True when the secret did not exist before (its ARN is new). */
  readonly created: boolean;
}

/** How a per-binding secret is stored. */
interface SecretOptions {
  /**
   * Customer managed KMS key to encrypt it with (MSK SASL/SCRAM secrets);
   * absent: the account's default key for Secrets Manager.
   */
  readonly kmsKeyId?: string;
}

/** Port: the secrets BPMN files reference and the per-binding secrets. */
interface SecretStore {
  /**
   * Values of the secrets BPMN files reference as `{{secrets.NAME}}`, read
   * from the users' namespace `<prefix>secrets/NAME`; a name without a
   * secret is left out.
   */
  readReferenced(names: readonly string[]): Promise<Map<string, string>>;
  /** Creates or updates a per-binding secret (JSON of `fields`). */
  ensureSecret(
    name: string,
    fields: Readonly<Record<string, string>>,
    tags: { readonly bindingId: string; readonly processId: string },
    options?: SecretOptions
  ): Promise<EnsuredSecret>;
  /** The ARNs of those of `names` that exist (and are not being deleted). */
  findSecrets(names: readonly string[]): Promise<Map<string, string>>;
  /** Deletes a per-binding secret at once (no recovery window). */
  deleteSecret(name: string): Promise<void>;
}

/** What `GetBootstrapBrokers` tells about an MSK cluster. */
type MskClusterLookup =
  | {
      readonly kind: 'found';
      /** `host:port` of every listener's brokers. */
      readonly bootstrapServers: readonly string[];
      readonly authentication: readonly MskAuthentication[];
    }
  /** The cluster cannot be read (unknown, no permission): `reason` says why. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * Port: the MSK clusters of the platform. Transient failures throw (the
 * event is retried); a cluster that cannot be read is `unavailable`.
 */
interface MskClusters {
  /** The cluster's brokers and listeners (`kafka:GetBootstrapBrokers`). */
  describe(clusterArn: string): Promise<MskClusterLookup>;
  /**
   * Associates a SASL/SCRAM secret with the cluster
   * (`kafka:BatchAssociateScramSecret`); an associated one is left alone.
   */
  associateScramSecret(clusterArn: string, secretArn: string): Promise<void>;
  /** Takes the association back; a secret not associated is fine. */
  disassociateScramSecret(clusterArn: string, secretArn: string): Promise<void>;
}

/** Port: deploys BPMN files to Camunda (the Camunda client's `deployResources`). */
interface CamundaDeployer {
  deployResources(
    files: readonly DeploymentResource[],
    tenantId?: string
  ): Promise<DeploymentSummary>;
}

/** What handling one object event came to. */
type ObjectOutcome =
  | { readonly kind: 'applied'; readonly processIds: readonly string[] }
  | { readonly kind: 'rejected'; readonly processIds: readonly string[] }
  | { readonly kind: 'removed'; readonly processIds: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/** What the check of one retained version came to. */
interface VersionCheckReport {
  readonly processId: string;
  readonly processDefinitionKey: string;
  readonly version?: number;
  /**
   * `waiting`: kept; `none`: nothing waits (retired after enough empty
   * checks); `retired`: its bindings were deprovisioned; `failed`: Camunda
   * (or AWS) could not be asked or changed: nothing was deprovisioned.
   */
  readonly outcome: 'waiting' | 'none' | 'retired' | 'failed';
  readonly subscriptions?: number;
  readonly reason?: string;
}

/** What discovery did with one process. */
interface DiscoveryReport {
  readonly processId: string;
  readonly processDefinitionKey?: string;
  /**
   * `provisioned`: a new latest version of a process Camunda owns;
   * `rejected`: its Kafka elements have errors (nothing changed);
   * `superseded`: its latest version is gone from Camunda;
   * `bucketOwned`: a bucket file owns the process (left alone);
   * `failed`: Camunda (or AWS) could not be asked or changed.
   */
  readonly outcome:
    | 'provisioned'
    | 'rejected'
    | 'superseded'
    | 'bucketOwned'
    | 'failed';
  readonly reason?: string;
}

/** Told about each object event of a Lambda event (logs and metrics). */
interface ProvisionerObserver {
  onOutcome(event: ObjectEvent, outcome: ObjectOutcome): void;
  onFailure(event: ObjectEvent, error: unknown): void;
  onVersionCheck?(report: VersionCheckReport): void;
  onDiscovery?(report: DiscoveryReport): void;
}

/**
 * Port: process definition keys known to have no Kafka element, so that
 * discovery reads each definition's XML once (kept in memory by the host).
 */
interface DiscoveryMemo {
  has(processDefinitionKey: string): boolean;
  add(processDefinitionKey: string): void;
}

/** Everything the provisioning use case works with. */
interface ProvisionerDependencies {
  readonly config: ProvisionerConfig;
  readonly files: ProcessFiles;
  readonly store: ProvisioningStore;
  readonly mappings: ConsumerMappings;
  readonly secrets: SecretStore;
  /** The platform's MSK clusters; absent when it has none. */
  readonly msk?: MskClusters;
  /** Absent when DEPLOY_TO_CAMUNDA=false. */
  readonly camunda?: CamundaDeployer;
  /** Camunda's searches and XML, for the scheduled check and discovery. */
  readonly versions?: CamundaVersionQueries;
  readonly now: () => Date;
  readonly observer?: ProvisionerObserver;
}

/** Port: the status of the CloudFormation stack the platform belongs to. */
interface StackStates {
  /** `StackStatus` of the stack (`DELETE_IN_PROGRESS`, …). */
  status(stackId: string): Promise<string>;
}

/** A CloudFormation request to the teardown custom resource. */
interface TeardownRequest {
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly stackId: string;
  readonly requestId: string;
  readonly logicalResourceId: string;
  /** Absent on Create. */
  readonly physicalResourceId?: string;
  /** The pre-signed URL the response is put to. */
  readonly responseUrl: string;
}

/** What the teardown removed and what it left. */
interface TeardownReport {
  /** Processes whose mappings, aliases, secrets and records are gone. */
  readonly removed: readonly string[];
  /** Processes whose removal failed, with the reason. */
  readonly failed: readonly {
    readonly processId: string;
    readonly reason: string;
  }[];
  /** Processes not begun because the invocation ran out of time. */
  readonly remaining: readonly string[];
}

/** The answer to a teardown request, as CloudFormation is to get it. */
interface TeardownResponse {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string;
  readonly physicalResourceId: string;
  /** Present when a teardown ran. */
  readonly report?: TeardownReport;
}

/** What the teardown works with: the provisioner's ports and the stack's. */
interface TeardownDependencies extends ProvisionerDependencies {
  readonly stacks: StackStates;
  /** Whether there is time to begin removing one more process. */
  readonly hasTime: () => boolean;
}

/** What one scheduled run (discovery, then the version check) did. */
interface ScheduledCheckResult {
  readonly discovery: readonly DiscoveryReport[];
  readonly checks: readonly VersionCheckReport[];
}

/** What one Lambda event came to, per object event. */
interface ProvisionResult {
  readonly outcomes: readonly {
    readonly key: string;
    readonly outcome: ObjectOutcome;
  }[];
}

/** What applying a reconcile plan did. */
interface ApplyResult {
  readonly bindings: readonly StatusBinding[];
  readonly warnings: readonly Problem[];
}

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
  SecretReferenceRule,
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
  UploadPolicy,
  VersionCheckReport,
};

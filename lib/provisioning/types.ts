import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import type { DeployedBinding } from '../consumer/types.js';
import type { EsmPlan } from '../esm/types.js';
import type {
  ProcessState,
  ProcessStatus,
  SourceRecord,
  StatusBinding,
  StoredBinding,
} from '../store/types.js';

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

/** What `readStatus` returns. */
interface StatusReport {
  readonly processes: readonly ProcessStatusView[];
  /** Files that could not be read at all (no process id known). */
  readonly failedSources: readonly SourceRecord[];
}

export type {
  ActualEsm,
  ActualProcessState,
  BindingAction,
  BindingStatusView,
  CreateAction,
  DeleteAction,
  DesiredBinding,
  KeepAction,
  ObjectEvent,
  ProcessState,
  ProcessStatus,
  ProcessStatusView,
  ReconcilePlan,
  ReplaceAction,
  SourceRecord,
  StatusBinding,
  StatusReport,
  StoredBinding,
  UpdateAction,
};

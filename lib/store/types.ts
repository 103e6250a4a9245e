import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import type { Problem } from '../bpmn/types.js';
import type { DeployedBinding } from '../consumer/types.js';
import type { ProcessVersion } from '../versions/types.js';

/** A binding-store primary key. */
interface StoreKey {
  readonly pk: string;
  readonly sk: string;
}

/** A DynamoDB item in the document client's shape. */
type StoreItem = Record<string, unknown>;

/**
 * The binding item of one binding (`BINDING#<bindingId>` / `BINDING`): the
 * provisioner writes it before the binding's ESM delivers anything, the
 * consumer reads its `deployed` binding, StaticKafkaProcess writes it from
 * CloudFormation.
 */
interface StoredBinding {
  readonly bindingId: string;
  readonly processId: string;
  readonly revision: string;
  /** Stored with literal credentials masked (see `toBindingItem`). */
  readonly deployed: DeployedBinding;
  /** S3 key of the BPMN file (`static:…` for StaticKafkaProcess). */
  readonly sourceKey: string;
  /** S3 version id (else ETag) of that file. */
  readonly sourceVersion: string;
  /** The consumer alias; absent in records StaticKafkaProcess writes. */
  readonly aliasName?: string;
  readonly esmUuid?: string;
  readonly esmArn?: string;
  readonly secretArns: readonly string[];
  /** Names of the per-binding secrets (written by the provisioner). */
  readonly secretNames?: readonly string[];
  /**
   * The request last sent for the ESM, with `secret:<name>` placeholders
   * (written by the provisioner): what updates are diffed against.
   */
  readonly esmRequest?: CreateEventSourceMappingCommandInput;
  /**
   * The process definition keys (versions) of each element of
   * `deployed.binding.elements`, same order: a binding serves the elements
   * of every active version that subscribes alike. Absent in records
   * written before versions were followed (their elements belong to
   * `deployed.processDefinitionKey`).
   */
  readonly versionKeys?: readonly (readonly string[])[];
  /** ISO-8601. */
  readonly updatedAt: string;
}

/** One binding in a status record. */
interface StatusBinding {
  readonly bindingId: string;
  readonly revision: string;
  readonly aliasName: string;
  readonly esmUuid?: string;
  readonly esmState?: string;
  readonly note?: string;
  /** Kafka topic, for people reading the status. */
  readonly topic?: string;
}

type ProcessState = 'ok' | 'warnings' | 'errors';

/** The status item of one process (`PROCESS#<processId>` / `STATUS`). */
interface ProcessStatus {
  readonly processId: string;
  readonly sourceKey: string;
  /** Version (S3 version id, else ETag) of the file this status describes. */
  readonly sourceVersion: string;
  readonly sequencer?: string;
  readonly state: ProcessState;
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
  readonly bindings: readonly StatusBinding[];
  readonly deploymentKey?: string;
  readonly processDefinitionKey?: string;
  /**
   * Version whose bindings are deployed, when it differs from
   * `sourceVersion` (a rejected upload leaves the previous one in place).
   */
  readonly appliedVersion?: string;
  /**
   * Who defines the process: a bucket file (absent, `sourceKey` names it)
   * or Camunda (`camunda`: found by `discoverDeployments`; `sourceKey` is
   * `camunda:<processId>`, `sourceVersion` the definition key).
   */
  readonly owner?: 'camunda';
  /**
   * The active versions (the latest, and older ones kept while instances
   * may wait on their message elements); absent before versions were
   * followed or without Camunda keys.
   */
  readonly versions?: readonly ProcessVersion[];
  readonly updatedAt: string;
}

/**
 * A process a bucket file stopped defining (`RELEASED#<processId>` /
 * `RELEASED`): Camunda still has its latest version, which discovery
 * leaves alone; a newer deployment is discovered again.
 */
interface ReleasedProcess {
  readonly processId: string;
  readonly processDefinitionKey: string;
  readonly sourceKey: string;
  /** ISO-8601. */
  readonly releasedAt: string;
}

/** The source-file item (`SOURCE#<key>` / `SOURCE`). */
interface SourceRecord {
  readonly sourceKey: string;
  /** Highest S3 sequencer handled for the key. */
  readonly lastSequencer?: string;
  /** Version last handled to the end (applied or rejected). */
  readonly lastVersion?: string;
  readonly lastOutcome?: 'applied' | 'rejected' | 'removed';
  readonly processIds: readonly string[];
  /** File-level errors when no process could be named (unparsable file). */
  readonly errors?: readonly Problem[];
  readonly updatedAt?: string;
}

export type {
  ProcessState,
  ProcessStatus,
  ReleasedProcess,
  SourceRecord,
  StatusBinding,
  StoredBinding,
  StoreItem,
  StoreKey,
};

import type { Binding } from '../binding/types.js';
import type { CamundaOutcome, CamundaPort } from '../camunda/types.js';
import type { CompiledFeel } from '../feel/types.js';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventRecord,
  SchemaRegistryPort,
} from '../kafka/types.js';

/**
 * `partition`: records of a partition one after the other, in offset order.
 * `key`: records with different keys concurrently, each key in offset order.
 */
type OrderingMode = 'partition' | 'key';

/**
 * How the ESM that feeds the binding is run: `provisioned` honours partial
 * batch responses; `onDemand` does not, so the handler throws instead.
 */
type EsmMode = 'provisioned' | 'onDemand';

/** A binding as deployed: the model plus what the platform and provisioner add. */
interface DeployedBinding {
  readonly binding: Binding;
  /** Recorded by the provisioner after deploying the BPMN; create by key when set. */
  readonly processDefinitionKey?: string;
  readonly tenantId?: string;
  readonly ordering: OrderingMode;
  /** Per-key mode: how many keys of one partition run at once. */
  readonly keyConcurrency: number;
  readonly esmMode: EsmMode;
  /**
   * Send a business id (Camunda 8.9+) with each create-instance call: a
   * second line of defence against duplicate instances where the cluster
   * enforces business id uniqueness. Default off: older clusters reject the
   * field (400).
   */
  readonly businessIdUniqueness?: boolean;
}

/**
 * Reads deployed bindings by binding id (= the consumer's alias name). The
 * consumer's read port; lib/aws's `createBindingStore` implements it on the
 * binding table.
 */
interface BindingStore {
  /**
   * The deployed binding of `bindingId`, from a per-container cache when it
   * was read less than the TTL ago.
   *
   * @throws BindingNotFoundError, BindingRecordInvalidError,
   *   BindingStoreUnavailableError (lib/aws)
   */
  getDeployedBinding(bindingId: string): Promise<DeployedBinding>;
  /** Forgets every cached binding. */
  clear(): void;
}

/** Why a record was dead-lettered. */
type DeadLetterReason =
  | 'undecodable-record'
  | 'activation-condition-failed'
  | 'ambiguous-activation'
  | 'result-expression-failed'
  | 'correlation-key-missing'
  | 'message-id-failed'
  | 'variables-too-large'
  | 'camunda-rejected';

/** A part of a dead letter left out (or cut) so the letter fits its sink. */
interface OmittedPart {
  /** Size of the original: bytes of the record's key or value, UTF-8 bytes of a text. */
  readonly bytes: number;
  /** SHA-256 (hex) of those bytes, to check a copy read again from Kafka. */
  readonly sha256: string;
}

/** The parts of a dead letter that can be left out or cut. */
type OmittablePart =
  | 'key'
  | 'value'
  | 'headers'
  | 'error'
  | 'processId'
  | 'bindingId'
  | 'bindingRevision'
  | 'elementId'
  | 'cluster';

/**
 * A record that can never succeed, with everything needed to find and replay
 * it. `cluster`, `topic`, `partition` and `offset` are always there: they
 * are how a letter whose record was too large to keep is read again from
 * Kafka.
 */
interface DeadLetter {
  readonly processId: string;
  readonly bindingId: string;
  readonly bindingRevision: string;
  readonly elementId?: string;
  /** The cluster the record came from (lib/kafka `clusterIdentity`). */
  readonly cluster: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  /** The record key as UTF-8 text; null when the record has none (or it was left out). */
  readonly key: string | null;
  readonly classification: 'poison';
  readonly reason: DeadLetterReason;
  /** Why, one line, at most MAX_REASON_CHARS characters (lib/text). */
  readonly error: string;
  /** Camunda's HTTP status, when Camunda rejected the record. */
  readonly status?: number;
  /** The record as the ESM delivered it, so it can be replayed (parts may be null, see `omitted`). */
  readonly record: KafkaEventRecord;
  readonly deadLetteredAt: string;
  /** Set when parts were left out or cut to fit the sink; `omitted` says which. */
  readonly truncated?: true;
  /** The parts left out (record key, value, headers: null) or cut, with size and hash. */
  readonly omitted?: Readonly<Partial<Record<OmittablePart, OmittedPart>>>;
}

/** Where poison records go. A failing `send` makes the record a retry. */
interface DeadLetterSink {
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/** Makes create-instance calls happen once per record across redeliveries. */
interface IdempotencyPort {
  /**
   * Runs `work` unless an earlier run for `key` ended `done`, in which case
   * that outcome is returned (with `duplicate: true`). Only `done` is stored.
   */
  once(
    key: string,
    work: () => Promise<CamundaOutcome>
  ): Promise<CamundaOutcome>;
}

/**
 * Offsets of one partition that are resolved (done, dead-lettered or
 * skipped) but not committed yet: the ESM will deliver them again from
 * `from`, the offset it resumes at.
 */
interface ResolvedOffsets {
  /** The first offset the next delivery of the partition is expected at. */
  readonly from: number;
  /** Resolved offsets at or after `from`, ascending. */
  readonly offsets: readonly number[];
}

/**
 * Remembers, per binding and partition, the records resolved after the
 * point the ESM resumes at (the lowest offset not done), so that a
 * redelivered batch does not send them to Camunda again. A lost or stale
 * entry only costs requests (Camunda and the idempotency store still
 * deduplicate); it never skips a record that was not resolved.
 */
interface ResolvedOffsetsStore {
  /** The entry of `key`; undefined when there is none (or it cannot be read). */
  load(key: string): Promise<ResolvedOffsets | undefined>;
  /** Replaces the entry of `key`; undefined removes it. */
  save(key: string, entry: ResolvedOffsets | undefined): Promise<void>;
}

/** What happened to one record; observers turn these into logs and metrics. */
interface RecordEvent {
  readonly type:
    | 'received'
    | 'skippedBelowOffset'
    | 'alreadyResolved'
    | 'deadlineStop'
    | 'activated'
    | 'notActivated'
    | 'created'
    | 'published'
    | 'duplicate'
    | 'retry'
    | 'deadLettered';
  readonly elementId?: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** Camunda round trip, when a call was made. */
  readonly latencyMs?: number;
  readonly detail?: string;
}

interface BatchObserver {
  onRecord(event: RecordEvent): void;
}

/** A FEEL expression compiled once per binding revision (lib/feel). */
type CompiledExpression = CompiledFeel;

/**
 * Compiles FEEL source as written in the BPMN (with or without the leading
 * `=`). Throws on syntax errors. lib/feel's `compileFeel` is the default.
 */
type ExpressionCompiler = (source: string) => CompiledExpression;

interface BatchDependencies {
  readonly camunda: CamundaPort;
  readonly deadLetters: DeadLetterSink;
  readonly idempotency: IdempotencyPort;
  readonly observer?: BatchObserver;
  /**
   * The binding's Confluent-compatible schema registry, for bindings whose
   * records the consumer decodes itself (Confluent wire format). Without
   * it such records are retried, never read as text.
   */
  readonly schemaRegistry?: SchemaRegistryPort;
  readonly now?: () => Date;
  /** FEEL compiler; defaults to the module's adapter (see expressions.ts). */
  readonly compileExpression?: ExpressionCompiler;
  /** Largest serialized variables sent to Camunda, in UTF-8 bytes. */
  readonly maxVariablesBytes?: number;
  /**
   * Records resolved after a partition's stop point, kept for its next
   * delivery (per-key mode and on-demand ESMs redeliver them). Default: a
   * bounded in-memory store of this processor.
   */
  readonly resolvedOffsets?: ResolvedOffsetsStore;
  /**
   * Time kept free, on top of the Camunda port's request timeout, before a
   * record is started under a deadline: for the idempotency store, the
   * dead-letter sink and returning the response. Default
   * `DEFAULT_DEADLINE_MARGIN_MS`.
   */
  readonly deadlineMarginMs?: number;
}

/** What the host tells the processor about one invocation. */
interface ProcessOptions {
  /**
   * Milliseconds left before the host ends the invocation (Lambda:
   * `context.getRemainingTimeInMillis()`). Records start only while more
   * than one call's worth is left (request timeout + margin); absent: no
   * deadline.
   */
  readonly remainingTimeMs?: () => number;
}

interface BatchCounts {
  readonly received: number;
  readonly skipped: number;
  readonly activated: number;
  readonly notActivated: number;
  readonly done: number;
  readonly retried: number;
  readonly deadLettered: number;
  /** Records left untouched after a retry (reported through the failure). */
  readonly notAttempted?: number;
  /** Records not started because the invocation's deadline was near. */
  readonly notStarted?: number;
  /** Partitions that stopped starting records at the deadline. */
  readonly deadlineStops?: number;
  /** Records skipped because an earlier delivery resolved them. */
  readonly alreadyResolved?: number;
}

interface BatchResult {
  readonly response: KafkaBatchResponse;
  readonly deadLetters: readonly DeadLetter[];
  readonly counts: BatchCounts;
}

/** The batch algorithm for one deployed binding (FEEL compiled once). */
interface BatchProcessor {
  readonly deployed: DeployedBinding;
  process(event: KafkaEvent, options?: ProcessOptions): Promise<BatchResult>;
}

export type {
  BatchCounts,
  BatchDependencies,
  BatchObserver,
  BatchProcessor,
  BatchResult,
  BindingStore,
  CompiledExpression,
  DeadLetter,
  DeadLetterReason,
  DeadLetterSink,
  DeployedBinding,
  EsmMode,
  ExpressionCompiler,
  IdempotencyPort,
  OmittablePart,
  OmittedPart,
  OrderingMode,
  ProcessOptions,
  RecordEvent,
  ResolvedOffsets,
  ResolvedOffsetsStore,
};

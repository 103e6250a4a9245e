import type { CamundaPort } from '../camunda/types.js';
import type {
  DeadLetter,
  DeployedBinding,
  IdempotencyPort,
} from '../consumer/types.js';
import type { KafkaEventRecord, SchemaRegistryPort } from '../kafka/types.js';

/** How one record ended, as `replay` and `redrive` report it. */
type RecordOutcomeKind =
  /** Camunda took it: an instance was created or a message published. */
  | 'done'
  /** The activation condition is false and unmatched records are consumed. */
  | 'notActivated'
  /** Below the binding's configured offset for its partition. */
  | 'skippedBelowOffset'
  /** Poison: it went (or would go) to the dead letters, with a reason. */
  | 'deadLettered'
  /** Not done for now (Camunda away, consumeUnmatchedEvents false, …). */
  | 'retry'
  /** Not tried: an earlier record of its partition (or key) must be retried first. */
  | 'notAttempted';

/** What happened to one record. */
interface RecordOutcome {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly outcome: RecordOutcomeKind;
  /** For `done`: what Camunda did; `duplicate` = it had been done before. */
  readonly action?: 'created' | 'published' | 'duplicate';
  readonly elementId?: string;
  /** Why: the dead-letter reason and error, the retry reason, the offset floor. */
  readonly detail?: string;
}

/** Whether the ESM would commit a record with this outcome. */
type CommittedOutcome = Extract<
  RecordOutcomeKind,
  'done' | 'notActivated' | 'skippedBelowOffset'
>;

/**
 * A dead letter as read back from a queue or file: the fields redrive
 * needs, checked, plus the letter as it was stored (kept as is, unknown
 * fields included, when the letter stays).
 */
interface StoredDeadLetter {
  readonly letter: DeadLetter;
  /** The JSON object as stored, to write back unchanged apart from what redrive sets. */
  readonly raw: Readonly<Record<string, unknown>>;
  /**
   * Parts of the record (value, key, headers) left out to fit the sink:
   * the record must be read again from Kafka by topic, partition and
   * offset. Empty when the letter holds the whole record.
   */
  readonly omitted: readonly ('value' | 'key' | 'headers')[];
  /** SHA-256 (hex) of the parts left out, when the letter says, to check the copy read again. */
  readonly omittedSha256: Readonly<Partial<Record<'value' | 'key', string>>>;
  /** `clusterIdentity` of the event the record came in, when the letter says. */
  readonly cluster?: string;
}

/** One dead letter of a source, with the handle to remove or replace it. */
interface SourceLetter {
  /** Opaque to the use case: a line number, an SQS receipt handle. */
  readonly handle: string;
  /** Where it is, for the report: `file.jsonl:12`, an SQS message id. */
  readonly where: string;
  /** The parsed letter, or why it cannot be read. */
  readonly read: StoredDeadLetter | { readonly problem: string };
}

/** Where dead letters are redriven from: the SQS queue or a JSON-lines file. */
interface DeadLetterSource {
  /** Describes the source for the report (`queue <url>`, `file <path>`). */
  readonly name: string;
  /** The next dead letters; an empty list when there are no more. */
  next(): Promise<readonly SourceLetter[]>;
  /** The letter is done: it leaves the source. */
  remove(letter: SourceLetter): Promise<void>;
  /** The letter stays, replaced by `updated` (its new reason). */
  replace(
    letter: SourceLetter,
    updated: Readonly<Record<string, unknown>>
  ): Promise<void>;
  /** The letter stays as it is. */
  keep(letter: SourceLetter): Promise<void>;
  /** Writes what is pending and releases what is held (end of the run). */
  close(): Promise<void>;
}

/** The binding a dead letter is redriven through: its current revision. */
type BindingLookup = (
  bindingId: string,
  processId: string
) => Promise<
  | { readonly kind: 'found'; readonly deployed: DeployedBinding }
  | { readonly kind: 'unknown'; readonly reason: string }
>;

/** Where a record is read again from Kafka (a letter whose value was left out). */
type RecordFetcher = (
  deployed: DeployedBinding,
  at: Pick<KafkaEventRecord, 'topic' | 'partition' | 'offset'>
) => Promise<
  | { readonly kind: 'found'; readonly record: KafkaEventRecord }
  | { readonly kind: 'unavailable'; readonly reason: string }
>;

/** What one dead letter came to in a redrive. */
interface RedriveResult {
  readonly where: string;
  readonly bindingId?: string;
  readonly processId?: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  /**
   * `removed`: done, left the source. `kept`: still a dead letter (with
   * its new reason when it was dead-lettered again). With `dryRun`, what
   * would happen.
   */
  readonly disposition: 'removed' | 'kept';
  readonly outcome:
    | RecordOutcomeKind
    | 'unreadable'
    | 'unknownBinding'
    | 'notRedrivable';
  readonly action?: RecordOutcome['action'];
  readonly elementId?: string;
  readonly detail?: string;
  /** The reason the letter had before this run. */
  readonly previousReason?: string;
}

/** What the redrive use case needs. */
interface RedriveDependencies {
  readonly source: DeadLetterSource;
  readonly lookup: BindingLookup;
  readonly camunda: CamundaPort;
  /**
   * Persistent across runs (DynamoDB in AWS, the redrive journal locally):
   * a create that was done is never done again, a run interrupted during a
   * call is not repeated blindly.
   */
  readonly idempotency: IdempotencyPort;
  /** Reads a record again from Kafka; absent = letters without value are not redrivable. */
  readonly fetchRecord?: RecordFetcher;
  /** The schema registry of a binding whose values need one. */
  readonly schemaRegistry?: (
    deployed: DeployedBinding
  ) => SchemaRegistryPort | undefined;
  /** Leaves the source unchanged (the Camunda port should not call Camunda either). */
  readonly dryRun?: boolean;
  /** Told about each letter as soon as it is settled. */
  readonly onResult?: (result: RedriveResult) => void;
  /** Stops the run between two letters (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Letters at most (default: all). */
  readonly limit?: number;
  readonly now?: () => Date;
}

/** The run as a whole. */
interface RedriveSummary {
  readonly results: readonly RedriveResult[];
  readonly removed: number;
  readonly kept: number;
  /** The run was stopped (signal) before the source was exhausted. */
  readonly interrupted: boolean;
}

export type {
  BindingLookup,
  CommittedOutcome,
  DeadLetterSource,
  RecordFetcher,
  RecordOutcome,
  RecordOutcomeKind,
  RedriveDependencies,
  RedriveResult,
  RedriveSummary,
  SourceLetter,
  StoredDeadLetter,
};

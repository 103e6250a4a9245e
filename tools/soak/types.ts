import type { KafkaEventRecord } from '../../lib/kafka/types.js';

/** Which Camunda call the soak's binding makes. */
type SoakPath = 'publish' | 'create';

/** Ordering mode of a soak run (the consumer's `OrderingMode`). */
type SoakMode = 'partition' | 'key';

/** What the Camunda double is told to do with one request. */
type SoakFault = {
  /** Apply the fault after the engine did the work (the ambiguous case). */
  readonly afterProcessing?: boolean;
} & (
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly title?: string;
      readonly detail?: string;
    }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' }
);

/** The kinds of fault the soak injects, as counted in the report. */
type SoakFaultKind =
  | 'unavailable503'
  | 'timeoutBeforeProcessing'
  | 'timeoutAfterProcessing'
  | 'connectionReset'
  | 'poison400';

/** A request as the double recorded it (the part the soak reads). */
interface SoakRecordedRequest {
  /** Arrival order: 1 for the first request. */
  readonly id: number;
  readonly path: string;
  readonly body: unknown;
  /** How the double answered (unset while it has not). */
  readonly response?: { readonly kind: string; readonly status?: number };
}

/** The Camunda double as the soak uses it (test/support/camunda-double.ts). */
interface SoakDouble {
  /** `<url>/v2`. */
  readonly restAddress: string;
  /** Every request, in arrival order. */
  readonly requests: readonly SoakRecordedRequest[];
  readonly instances: readonly {
    readonly variables: Readonly<Record<string, unknown>>;
    readonly businessId?: string;
  }[];
  readonly messages: readonly {
    readonly messageId?: string;
    readonly variables: Readonly<Record<string, unknown>>;
  }[];
  close(): Promise<void>;
}

/** Starts a double; `startCamundaDouble` has this shape. */
type StartSoakDouble = (options: {
  readonly businessIdUniqueness: boolean;
  readonly fault: (request: SoakRecordedRequest) => SoakFault | undefined;
  /** Awaited before every answer (Camunda's latency in virtual time). */
  readonly pause?: (request: SoakRecordedRequest) => Promise<void>;
  /** The double's clock, epoch ms. */
  readonly now?: () => number;
}) => Promise<SoakDouble>;

/**
 * `fault`: issue 6's fault mix in real time. `slow-camunda`: Camunda slow
 * but answering, large batches and a function timeout, in virtual time.
 */
type SoakProfile = 'fault' | 'slow-camunda';

/**
 * The slow-Camunda profile's times, all in virtual milliseconds: what the
 * batch processor sees as Camunda's answer time and as the invocation's
 * remaining time.
 */
interface SoakTiming {
  /** The emulated function timeout: an invocation past it is killed. */
  readonly functionTimeoutMs: number;
  /** Camunda's mean answer time. */
  readonly latencyMs: number;
  /** Answers take latencyMs ± jitterMs (uniform). */
  readonly jitterMs: number;
  /** The processor's DEADLINE_MARGIN_MS. */
  readonly deadlineMarginMs: number;
  /**
   * False: the processor is not told the remaining time (the consumer
   * before issue 15), to show what the timeout does then. Default true.
   */
  readonly useDeadline?: boolean;
}

/** Probabilities of the injected faults. */
interface SoakFaultRates {
  /** Per request: 503 RESOURCE_EXHAUSTED before processing. */
  readonly unavailable: number;
  /** Per request: no answer (half before, half after processing). */
  readonly timeout: number;
  /** Per request: TCP reset before processing. */
  readonly reset: number;
  /** Per record (deterministic): every request for it gets a 400. */
  readonly poison: number;
  /** Per invocation: killed after a random number of Camunda calls. */
  readonly kill: number;
}

/** The records of one soak: per partition, in offset order. */
interface SoakDataset {
  readonly topic: string;
  readonly partitions: readonly (readonly KafkaEventRecord[])[];
  /** Record id (`<topic>-<partition>-<offset>`) → its key and per-key seq. */
  readonly index: ReadonlyMap<string, SoakRecordInfo>;
  readonly records: number;
  readonly keys: number;
}

/** What the analysis needs to know about one record. */
interface SoakRecordInfo {
  readonly id: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  /** Position of the record among the records of its key, from 0. */
  readonly seq: number;
  readonly poison: boolean;
}

/** One soak run: a path, a mode, business id on or off. */
interface SoakRunConfig {
  readonly path: SoakPath;
  readonly mode: SoakMode;
  /** Create path: send a business id and have the double enforce it. */
  readonly businessId: boolean;
}

/** Everything a soak needs besides the double. */
interface SoakOptions {
  readonly profile: SoakProfile;
  /**
   * Present: the run goes in virtual time (Camunda's latency and the
   * function timeout as timers, see createVirtualClock) and the processor
   * works under the deadline of each invocation.
   */
  readonly timing?: SoakTiming;
  readonly records: number;
  readonly partitions: number;
  readonly keys: number;
  readonly seed: number;
  /** Most records in one invocation (the ESM's BatchSize), partition mode. */
  readonly batchSize: number;
  /**
   * BatchSize of the key-mode runs. Key mode re-delivers every record after
   * the lowest retried offset, and publish re-sends the ones already done,
   * so its requests grow with the batch under a high fault rate.
   */
  readonly keyBatchSize: number;
  /** Concurrent invocations; each owns `partitions / pollers` partitions. */
  readonly pollers: number;
  /** Key mode: keys of one partition processed at once. */
  readonly keyConcurrency: number;
  /** The Camunda client's request timeout, ms. */
  readonly requestTimeoutMs: number;
  readonly rates: SoakFaultRates;
  readonly runs: readonly SoakRunConfig[];
  /** Safety bound on one run's wall time, ms; the run stops (and reports). */
  readonly runDeadlineMs: number;
  /**
   * False: invocations share no resolved-offsets store (each processor has
   * its own), as before issue 15, to compare request counts. Default true.
   */
  readonly rememberResolved?: boolean;
  /** Bound on one run's invocations (default: twice the records + 1000). */
  readonly maxInvocations?: number;
}

/** Dead letters of one run. */
interface SoakDeadLetterFigures {
  /** Distinct records dead-lettered. */
  readonly records: number;
  /** Letters the sink accepted (a record may be sent more than once). */
  readonly sent: number;
  /** Letters whose reason is `camunda-rejected` with the 400's detail. */
  readonly withReason: number;
  /** Poison records never dead-lettered. */
  readonly poisonMissing: number;
  /** Records dead-lettered that were not poison. */
  readonly notPoison: number;
  /** Letters sent again for a record: by an invocation that was then killed. */
  readonly repeatedAfterKill: number;
  /** Letters sent again on redelivery from a lower retried offset (key mode). */
  readonly repeatedOnRedelivery: number;
}

/** The figures of one run. */
interface SoakRunReport extends SoakRunConfig {
  readonly profile: SoakProfile;
  readonly records: number;
  readonly poisonRecords: number;
  readonly faults: Readonly<Record<SoakFaultKind, number>>;
  readonly killedInvocations: number;
  readonly invocations: number;
  readonly camundaRequests: number;
  readonly instancesCreated: number;
  readonly messagesPublished: number;
  /** Extra instances/messages for a record already done at Camunda. */
  readonly duplicates: number;
  /** Duplicates whose first copy came from an injected timeout after processing. */
  readonly duplicatesFromAmbiguousTimeout: number;
  /** Duplicates whose first copy was in flight when its invocation was killed. */
  readonly duplicatesFromKill: number;
  /**
   * Duplicates whose first copy was answered after the client had given up
   * (a slow answer under load, not an injected fault).
   */
  readonly duplicatesFromSlowAnswer: number;
  /** Duplicates none of the above explains (expected 0). */
  readonly duplicatesUnexplained: number;
  /**
   * Requests Camunda answered 409 ALREADY_EXISTS: a message id or business
   * id already used, i.e. a duplicate Camunda itself prevented.
   */
  readonly rejectedAsAlreadyExisting: number;
  /** Calls the client gave up on (injected hangs and slow answers). */
  readonly clientTimeouts: number;
  /** Committed records neither done at Camunda nor dead-lettered. */
  readonly lost: number;
  /** Records not committed when the run ended (0 unless it was cut short). */
  readonly uncommitted: number;
  readonly deadLetters: SoakDeadLetterFigures;
  /** Records whose first processed arrival came before an earlier offset's. */
  readonly orderViolationsByPartition: number;
  /** Records whose first processed arrival came before an earlier seq's. */
  readonly orderViolationsByKey: number;
  readonly commitRegressions: number;
  /** Responses naming a partition or offset not in the event. */
  readonly invalidResponses: number;
  /** Invocations killed because they ran past the function timeout. */
  readonly functionTimeouts: number;
  /** Partitions that stopped starting records at an invocation's deadline. */
  readonly deadlineStops: number;
  /** Partitions in the events of invocations that returned. */
  readonly partitionResponses: number;
  /** Of those, partitions whose committed offset did not move. */
  readonly partitionsWithoutProgress: number;
  /** Virtual time the run took (slow-camunda profile), ms. */
  readonly virtualTimeMs?: number;
  /** False when the run hit its deadline or invocation bound. */
  readonly completed: boolean;
  readonly wallTimeMs: number;
}

/** The whole soak: its settings and one report per run. */
interface SoakReport {
  readonly settings: Omit<SoakOptions, 'runs'>;
  readonly runs: readonly SoakRunReport[];
  readonly wallTimeMs: number;
}

export type {
  SoakDataset,
  SoakDeadLetterFigures,
  SoakDouble,
  SoakFault,
  SoakFaultKind,
  SoakFaultRates,
  SoakMode,
  SoakOptions,
  SoakPath,
  SoakProfile,
  SoakRecordedRequest,
  SoakRecordInfo,
  SoakReport,
  SoakRunConfig,
  SoakRunReport,
  SoakTiming,
  StartSoakDouble,
};

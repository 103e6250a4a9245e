import type { KafkaConfig } from 'kafkajs';
import type { CamundaPort } from '../camunda/types.js';
import type { IdempotencyPort } from '../consumer/types.js';
import type { KafkaBatchResponse, KafkaEvent } from '../kafka/types.js';
import type { CamundaVersionQueries } from '../versions/types.js';

/** Where the local runtime writes its lines. */
interface LocalLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The function the emulated ESM invokes, like the Lambda handler. */
/** What the emulated ESM tells an invocation (a Lambda context's deadline). */
interface LocalInvocationContext {
  /**
   * Milliseconds left for the invocation: what is left of its budget (the
   * local runtime's function timeout), and 0 once the ESM is stopping. The
   * batch processor starts no record with less than one call's worth left
   * (a partition's first record excepted).
   */
  remainingTimeMs(): number;
}

type ProcessBatch = (
  event: KafkaEvent,
  context: LocalInvocationContext
) => Promise<KafkaBatchResponse>;

/** What an emulated ESM reports while it runs (for logs, summaries and tests). */
type EsmConsumerEvent =
  | { readonly type: 'connecting'; readonly servers: readonly string[] }
  | {
      readonly type: 'waiting';
      readonly servers: readonly string[];
      readonly reason: string;
      readonly retryInMs: number;
    }
  | { readonly type: 'joined'; readonly partitions: readonly number[] }
  | {
      readonly type: 'invoked';
      readonly records: number;
      readonly partitions: readonly string[];
    }
  | {
      readonly type: 'committed';
      readonly partition: number;
      /** The next offset to read (Kafka's committed-offset convention). */
      readonly offset: number;
    }
  | {
      readonly type: 'retryScheduled';
      readonly partition: number;
      readonly offset: number;
      readonly attempt: number;
      readonly delayMs: number;
    }
  | {
      readonly type: 'crashed';
      readonly reason: string;
      readonly restart: boolean;
    }
  /** Something went wrong that redelivery takes care of (bad response, failed commit). */
  | { readonly type: 'problem'; readonly reason: string }
  | { readonly type: 'stopped' };

/** Settings of one emulated event source mapping. */
interface EsmConsumerOptions {
  /** Label used in log lines (the binding id). */
  readonly name: string;
  /** kafkajs client settings (brokers, TLS, SASL, logging). */
  readonly client: KafkaConfig;
  readonly groupId: string;
  readonly topic: string;
  /** Where a group without committed offsets starts. */
  readonly fromBeginning: boolean;
  /** Offsets to seek to by partition when the partition is first assigned. */
  readonly offsets?: readonly (number | null)[];
  /** Records per invocation at most (`max.poll.records`). */
  readonly batchSize: number;
  /** How long the first record of an invocation waits for more (`fetch.max.wait.ms`). */
  readonly batchWindowMs: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** `session.timeout.ms`; kafkajs's default (30 s) when absent. */
  readonly sessionTimeoutMs?: number;
  /** `heartbeat.interval.ms`; kafkajs's default (3 s) when absent. */
  readonly heartbeatIntervalMs?: number;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  /** An invocation's time budget, ms (default LocalDefaults.invocationBudgetMs). */
  readonly invocationBudgetMs?: number;
  /**
   * How long stop() may take, ms (default LocalDefaults.stopTimeoutMs): the
   * invocation in flight starts no new record, finishes its calls and
   * commits, and the consumer leaves the group, within this bound; past it
   * the consumer is abandoned (what is not committed is delivered again).
   */
  readonly stopTimeoutMs?: number;
  readonly processBatch: ProcessBatch;
  readonly onEvent?: (event: EsmConsumerEvent) => void;
}

/** Per-partition figures of an emulated ESM. */
interface EsmPartitionStats {
  readonly partition: number;
  /** Next offset to read, as committed to the group (absent before the first commit). */
  readonly committed?: number;
  /** High watermark last seen in a fetch. */
  readonly highWatermark?: number;
  /** highWatermark minus the committed offset (or the first offset fetched). */
  readonly lag?: number;
}

interface EsmConsumerStats {
  /**
   * `waiting`: Kafka cannot be reached (`waitingFor` says why); `joining`:
   * connected, waiting for the group to assign partitions (after a restart
   * this can take the session timeout of the member that left);
   * `rebalancing`: the group is moving partitions between members.
   */
  readonly state:
    | 'idle'
    | 'connecting'
    | 'waiting'
    | 'joining'
    | 'rebalancing'
    | 'running'
    | 'stopped';
  /** Why it waits (`waiting`): the last error reaching Kafka. */
  readonly waitingFor?: string;
  readonly invocations: number;
  /** Records handed to `processBatch`, redeliveries included. */
  readonly delivered: number;
  readonly partitions: readonly EsmPartitionStats[];
}

/** One emulated event source mapping (a kafkajs consumer group member). */
interface EsmConsumer {
  /** Connects and consumes in the background; retries while Kafka is unreachable. */
  start(): void;
  /** Finishes the invocation in flight, commits what is done, leaves the group. */
  stop(): Promise<void>;
  stats(): EsmConsumerStats;
}

/** What deploying one BPMN file to Camunda came to. */
type LocalDeployResult =
  | {
      readonly kind: 'deployed';
      readonly detail?: string;
      /** The versions Camunda made, by process id (for the version rules). */
      readonly processes?: readonly {
        readonly processId: string;
        readonly key: string;
        readonly version?: number;
      }[];
    }
  /** Camunda could not be reached or was busy: try again later. */
  | { readonly kind: 'retry'; readonly reason: string }
  /** Camunda refused the file: it will not take it as it is. */
  | { readonly kind: 'rejected'; readonly reason: string };

/** Deploys one BPMN file (name and content) to Camunda. */
type LocalDeploy = (file: string, xml: string) => Promise<LocalDeployResult>;

/** Settings of `startLocalRuntime`. */
interface LocalRuntimeOptions {
  /** Folder of BPMN files (it stands in for the bucket). */
  readonly processesDir: string;
  readonly camunda: CamundaPort;
  /** JSON-lines file that receives dead letters. */
  readonly deadLetterFile: string;
  /** For SECRET_*, KAFKA_BOOTSTRAP_SERVERS, ORDERING_MODE, … */
  readonly env: NodeJS.ProcessEnv;
  readonly log: LocalLogger;
  /**
   * Deploys each valid file before its bindings start (like the
   * provisioner); absent = no deployment.
   */
  readonly deploy?: LocalDeploy;
  /** First delay between deployment attempts while Camunda is away. */
  readonly deployRetryMs?: number;
  /**
   * Camunda's message-subscription search: older versions of a process
   * keep consuming while instances wait on their message elements, as on
   * AWS (docs/binding-model.md, "Process versions"); absent = a new
   * version replaces the old one's bindings.
   */
  readonly versions?: Pick<CamundaVersionQueries, 'searchMessageSubscriptions'>;
  /** Between two checks of older versions (default 30 s). */
  readonly versionCheckMs?: number;
  /**
   * Camunda's process-definition search and XML (`start --discover`): the
   * Kafka processes deployed from any tool run too, unless a file of the
   * folder defines them; absent = the folder only.
   */
  readonly discover?: Pick<
    CamundaVersionQueries,
    'searchLatestProcessDefinitions' | 'getProcessDefinitionXml'
  >;
  /** Between two searches of deployments (default 30 s). */
  readonly discoverMs?: number;
  /** Defaults to an in-memory store shared by all bindings. */
  readonly idempotency?: IdempotencyPort;
  /** Watch the folder for changes (default true). */
  readonly watch?: boolean;
  readonly watchDebounceMs?: number;
  /** 0 turns the periodic summary off. */
  readonly summaryIntervalMs?: number;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
}

/** Counters of one binding in the local runtime. */
interface LocalBindingStatus {
  readonly file: string;
  readonly bindingId: string;
  readonly revision: string;
  readonly processId: string;
  readonly elementIds: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  readonly servers: readonly string[];
  /** Records run, redeliveries included. */
  readonly received: number;
  /** Distinct records run (a record delivered again counts once). */
  readonly records: number;
  /** Deliveries of a record run before (after a retry, or a restart). */
  readonly redeliveries: number;
  readonly activated: number;
  /** Instances created and messages published (duplicates not counted). */
  readonly done: number;
  /** Not activated and consumed (`consumeUnmatchedEvents`). */
  readonly notActivated: number;
  readonly deadLettered: number;
  /** Records waiting for a redelivery, per partition: what holds them. */
  readonly retrying: readonly {
    readonly partition: number;
    readonly offset: number;
    readonly attempt: number;
    readonly reason: string;
  }[];
  /** Why all its records wait (its file is not deployed to Camunda yet). */
  readonly held?: string;
  readonly consumer: EsmConsumerStats;
}

interface LocalRuntime {
  /** Rereads the folder now (the watcher does this on changes). */
  reload(): Promise<void>;
  status(): readonly LocalBindingStatus[];
  /** Stops every consumer (committing what is done) and the watcher. */
  stop(): Promise<void>;
}

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
};

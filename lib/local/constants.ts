import type { EnvName } from '../env/index.js';

/** Defaults of the local runtime (`kafka-inbound start`). */
const LocalDefaults = {
  /** Batch size when the binding sets no `max.poll.records` (the ESM's default is 100). */
  maxPollRecords: 100,
  /** Batching window when the binding sets no `fetch.max.wait.ms` (the ESM's default). */
  batchWindowMs: 500,
  /** First redelivery delay of a failed record; doubles per attempt. */
  retryInitialMs: 1000,
  /** Cap of the redelivery delay. */
  retryMaxMs: 30_000,
  /** Delay between two attempts to reach Kafka (doubles up to the cap). */
  reconnectInitialMs: 2000,
  reconnectMaxMs: 30_000,
  /** First delay between deployment attempts while Camunda is away. */
  deployRetryMs: 5000,
  summaryIntervalMs: 30_000,
  watchDebounceMs: 300,
  processesDir: 'processes',
  fallbackProcessesDir: 'examples',
  deadLetterFile: '.kafka-inbound/dead-letters.jsonl',
  camundaRestAddress: 'http://localhost:8080',
  /**
   * An invocation's time budget (the local runtime's function timeout):
   * kafkajs's rebalance timeout, so a batch never holds a rebalance longer
   * than the group waits for it. Records start only while one call's worth
   * (Camunda request timeout + DEADLINE_MARGIN_MS) is left, as in Lambda.
   */
  invocationBudgetMs: 60_000,
  /**
   * Bound of one consumer's stop: the invocation in flight starts no new
   * record, finishes its calls and commits, and the consumer leaves the
   * group; past the bound it is abandoned (Kafka or Camunda away).
   */
  stopTimeoutMs: 7000,
  /**
   * Bound of `kafka-inbound start`'s stop as a whole, after the signal: the
   * command returns then whatever still runs (issue 15: within 10 s).
   */
  commandStopTimeoutMs: 8000,
  /** kafkajs runs this many partitions of one consumer at once. */
  partitionsConsumedConcurrently: 64,
} as const;

/** The variables (lib/env) the local runtime reads besides CAMUNDA_*. */
const LocalEnv = {
  bootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  retryInitialMs: 'LOCAL_RETRY_INITIAL_MS',
  retryMaxMs: 'LOCAL_RETRY_MAX_MS',
  summaryIntervalMs: 'LOCAL_SUMMARY_INTERVAL_MS',
  versionCheckMs: 'LOCAL_VERSION_CHECK_MS',
  discoverMs: 'LOCAL_DISCOVER_MS',
  logLevel: 'LOG_LEVEL',
} as const satisfies Record<string, EnvName>;

/** Prefix of the variables holding secret values: `SECRET_<NAME>`. */
const LOCAL_SECRET_PREFIX = 'SECRET_';

/** The name a process found by `start --discover` runs under (`camunda:<processId>`). */
const DISCOVERED_PREFIX = 'camunda:';

export { DISCOVERED_PREFIX, LOCAL_SECRET_PREFIX, LocalDefaults, LocalEnv };

/** The soak's defaults: issue 6's fault mix at issue 6's size. */
const SOAK_DEFAULTS = {
  profile: 'fault',
  records: 100_000,
  partitions: 12,
  keys: 500,
  seed: 6,
  batchSize: 500,
  // Key mode re-delivers every record after the lowest retried offset, and
  // publish re-sends those already done (Camunda answers 409): with 14 % of
  // requests failing, a batch gains ~7 records per invocation whatever its
  // size, so a large one only multiplies requests.
  keyBatchSize: 10,
  // One poller per partition, as a provisioned ESM scales to.
  pollers: 12,
  keyConcurrency: 10,
  requestTimeoutMs: 300,
  runDeadlineMs: 240_000,
  rates: {
    unavailable: 0.1,
    timeout: 0.02,
    reset: 0.01,
    poison: 0.01,
    kill: 0.05,
  },
} as const;

/**
 * The slow-Camunda profile (issue 15): Camunda answers every call, in
 * 1.5 s ± 0.5 s; 100-record batches from 6 pollers (2 partitions each, so
 * ~50 records of each partition per event: 75 s of calls in partition
 * order); a 30 s function timeout; the client's 10 s request timeout and
 * the 2 s margin, as deployed; 5 % of invocations killed, 1 % poison
 * records. Key mode runs 4 keys of a partition at once, so its batches
 * outlast the timeout as well. In virtual time.
 */
const SLOW_CAMUNDA_DEFAULTS = {
  profile: 'slow-camunda',
  records: 12_000,
  partitions: 12,
  keys: 500,
  seed: 15,
  batchSize: 100,
  keyBatchSize: 100,
  pollers: 6,
  keyConcurrency: 4,
  requestTimeoutMs: 10_000,
  // A safety bound on the wall time of one run (virtual time runs faster).
  runDeadlineMs: 600_000,
  rates: {
    unavailable: 0,
    timeout: 0,
    reset: 0,
    poison: 0.01,
    kill: 0.05,
  },
  timing: {
    functionTimeoutMs: 30_000,
    latencyMs: 1_500,
    jitterMs: 500,
    deadlineMarginMs: 2_000,
  },
} as const;

/**
 * The real Camunda client's own request timeout in virtual-time runs: a
 * call waits for its virtual answer in real time only as long as the rest
 * of the run takes to get there. The processor is told the profile's
 * `requestTimeoutMs`, which no virtual answer exceeds.
 */
const VIRTUAL_RUN_CLIENT_TIMEOUT_MS = 120_000;

/** Epoch of virtual time 0 (the double's clock: message TTLs). */
const VIRTUAL_EPOCH_MS = Date.parse('2026-01-01T00:00:00Z');

/**
 * A killed invocation dies right after sending Camunda call 1…this
 * (uniform): early enough that kills land mid-batch, always with that call
 * (and any other) in flight.
 */
const KILL_AT_MAX_CALL = 12;

/** Topic the soak's records come from. */
const SOAK_TOPIC = 'soak-orders';

/** Process and message the soak's bindings target. */
const SOAK_PROCESS_ID = 'soak-process';
const SOAK_MESSAGE_NAME = 'soak-order-update';

/** Detail of the soak's poison 400, so a dead letter can be traced to it. */
const SOAK_POISON_DETAIL = 'Soak poison record';

/** The kinds of fault, in the order the report prints them. */
const SOAK_FAULT_KINDS = [
  'unavailable503',
  'timeoutBeforeProcessing',
  'timeoutAfterProcessing',
  'connectionReset',
  'poison400',
] as const;

export {
  KILL_AT_MAX_CALL,
  SLOW_CAMUNDA_DEFAULTS,
  SOAK_DEFAULTS,
  SOAK_FAULT_KINDS,
  SOAK_MESSAGE_NAME,
  SOAK_POISON_DETAIL,
  SOAK_PROCESS_ID,
  SOAK_TOPIC,
  VIRTUAL_EPOCH_MS,
  VIRTUAL_RUN_CLIENT_TIMEOUT_MS,
};

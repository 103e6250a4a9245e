/** The soak's defaults: issue 6's fault mix at issue 6's size. */
const SOAK_DEFAULTS = {
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
  SOAK_DEFAULTS,
  SOAK_FAULT_KINDS,
  SOAK_MESSAGE_NAME,
  SOAK_POISON_DETAIL,
  SOAK_PROCESS_ID,
  SOAK_TOPIC,
};

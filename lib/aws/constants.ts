/** Defaults of the adapters. */
const AWS_DEFAULTS = {
  /** How long a container trusts a binding it has read. */
  bindingCacheTtlMs: 60_000,
  /** How long a container trusts the Camunda credentials it has read. */
  secretCacheTtlMs: 300_000,
  /**
   * How long a `done` idempotency record is kept. Redelivery of a record that
   * was done can follow an earlier record's retries for as long as those
   * last, so this matches the longest ESM record age (7 days).
   */
  idempotencyExpiresAfterSeconds: 604_800,
  /**
   * In-progress expiry when no Lambda context was registered. Kafka ESMs
   * allow at most a 14-minute function timeout, so an in-progress record
   * older than this belongs to an invocation that died.
   */
  idempotencyInProgressMs: 900_000,
  idempotencyKeyPrefix: 'kafka-inbound',
  /**
   * Prefix of the resolved-offsets items in the idempotency table (`id` =
   * `<prefix>#<binding>:<topic>:<partition>`), apart from Powertools' own
   * `<idempotencyKeyPrefix>#<hash>` items. Kept as long as idempotency
   * records.
   */
  resolvedOffsetsKeyPrefix: 'kafka-inbound-resolved',
  /** SQS SendMessageBatch limits. */
  sqsBatchEntries: 10,
  /** The classic SQS message and batch size limit (256 KiB). */
  sqsMaxBatchBytes: 262_144,
} as const;

/**
 * Attributes of the idempotency table (infra/ creates it with them):
 * Powertools' idempotency records and the resolved offsets share its
 * string partition key and its TTL attribute (epoch seconds).
 */
const IdempotencyTableKeys = {
  key: 'id',
  expiry: 'expiration',
} as const;

/**
 * The CloudWatch namespace of both functions' metrics: infra/ sets
 * POWERTOOLS_METRICS_NAMESPACE to it and its dashboard searches it; the
 * functions fall back to it when the variable is unset.
 */
const METRIC_NAMESPACE = 'KafkaInbound';

/**
 * The Powertools service names (POWERTOOLS_SERVICE_NAME, the `service` of
 * every log line and metric): infra/ sets them, the functions fall back to
 * them, the dashboard searches the provisioner's metrics by it.
 */
const SERVICE_NAMES = {
  consumer: 'kafka-inbound-consumer',
  provisioner: 'kafka-inbound-provisioner',
} as const;

/** The consumer's metric names (in METRIC_NAMESPACE; the dashboard graphs them). */
const METRIC_NAMES = {
  received: 'received',
  activated: 'activated',
  notActivated: 'notActivated',
  created: 'created',
  published: 'published',
  duplicate: 'duplicate',
  retried: 'retried',
  deadLettered: 'deadLettered',
  /** Partitions an invocation stopped at its deadline (one per partition). */
  deadlineStops: 'deadlineStops',
  camundaLatency: 'camundaLatency',
} as const;

export {
  AWS_DEFAULTS,
  IdempotencyTableKeys,
  METRIC_NAMES,
  METRIC_NAMESPACE,
  SERVICE_NAMES,
};

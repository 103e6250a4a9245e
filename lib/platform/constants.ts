/**
 * The consumer function's timeout when the KafkaInbound construct is not
 * given one (`consumerTimeoutSeconds`); `replay` runs each event under the
 * same deadline by default.
 */
const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 120;

/** Name prefix of every secret the platform creates. */
const DEFAULT_SECRET_PREFIX = 'kafka-inbound/';

export { DEFAULT_CONSUMER_TIMEOUT_SECONDS, DEFAULT_SECRET_PREFIX };

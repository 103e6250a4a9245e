/** The connector's default message time to live (PT1H), in milliseconds. */
const DEFAULT_MESSAGE_TTL_MS = 3_600_000;

/** How many compiled bindings (id + revision) one compiler keeps. */
const COMPILED_BINDING_CACHE_SIZE = 64;

/** Longest business id Camunda accepts (`BusinessId`: 1–256 characters). */
const MAX_BUSINESS_ID_LENGTH = 256;

/**
 * Largest dead letter, in UTF-8 bytes of its JSON: 256 KiB, the message
 * size every SQS queue accepts (attributes included), also used for the
 * local runtime's dead-letter file so a letter looks the same everywhere.
 */
const MAX_DEAD_LETTER_BYTES = 262_144;

/** Longest id or name (process, binding, element, cluster) a cut letter keeps. */
const MAX_DEAD_LETTER_NAME_CHARS = 512;

/**
 * Time kept free under a deadline on top of one Camunda call's timeout,
 * before a record is started: the idempotency store's write after the call,
 * a dead letter, saving the resolved offsets and returning the response.
 * Each takes tens of milliseconds; 2 s leaves room for SDK retries.
 */
const DEFAULT_DEADLINE_MARGIN_MS = 2_000;

/** Partitions the in-memory resolved-offsets store remembers at most. */
const MEMORY_RESOLVED_PARTITIONS = 4_096;

/**
 * Offsets one resolved-offsets entry keeps at most (the ESM's largest
 * batch). Beyond it the highest are dropped: they are sent again, which
 * Camunda and the idempotency store deduplicate.
 */
const MAX_RESOLVED_OFFSETS_PER_PARTITION = 10_000;

export {
  COMPILED_BINDING_CACHE_SIZE,
  DEFAULT_DEADLINE_MARGIN_MS,
  DEFAULT_MESSAGE_TTL_MS,
  MAX_BUSINESS_ID_LENGTH,
  MAX_DEAD_LETTER_BYTES,
  MAX_DEAD_LETTER_NAME_CHARS,
  MAX_RESOLVED_OFFSETS_PER_PARTITION,
  MEMORY_RESOLVED_PARTITIONS,
};

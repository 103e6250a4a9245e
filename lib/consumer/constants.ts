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

export {
  COMPILED_BINDING_CACHE_SIZE,
  DEFAULT_MESSAGE_TTL_MS,
  MAX_BUSINESS_ID_LENGTH,
  MAX_DEAD_LETTER_BYTES,
  MAX_DEAD_LETTER_NAME_CHARS,
};

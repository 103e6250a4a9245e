/** The connector's default message time to live (PT1H), in milliseconds. */
const DEFAULT_MESSAGE_TTL_MS = 3_600_000;

/** How many compiled bindings (id + revision) one compiler keeps. */
const COMPILED_BINDING_CACHE_SIZE = 64;

/** Longest business id Camunda accepts (`BusinessId`: 1–256 characters). */
const MAX_BUSINESS_ID_LENGTH = 256;

export {
  COMPILED_BINDING_CACHE_SIZE,
  DEFAULT_MESSAGE_TTL_MS,
  MAX_BUSINESS_ID_LENGTH,
};

/** The connector's default message time to live (PT1H), in milliseconds. */
const DEFAULT_MESSAGE_TTL_MS = 3_600_000;

/**
 * Camunda's limit for the variables of one call (the connectors runtime
 * rejects payloads above about 1.5 MB), in UTF-8 bytes of their JSON.
 */
const MAX_VARIABLES_BYTES = 1_572_864;

/** How many compiled bindings (id + revision) one compiler keeps. */
const COMPILED_BINDING_CACHE_SIZE = 64;

export {
  COMPILED_BINDING_CACHE_SIZE,
  DEFAULT_MESSAGE_TTL_MS,
  MAX_VARIABLES_BYTES,
};

/** Time limit of one registry request, ms. */
const REGISTRY_TIMEOUT_MS = 5_000;

/** Schemas kept per registry client (ids never change their schema). */
const REGISTRY_CACHE_SIZE = 1_000;

/** Largest registry answer read, bytes (a schema is a few KB). */
const REGISTRY_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export {
  REGISTRY_CACHE_SIZE,
  REGISTRY_MAX_RESPONSE_BYTES,
  REGISTRY_TIMEOUT_MS,
};

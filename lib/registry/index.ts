export {
  REGISTRY_CACHE_SIZE,
  REGISTRY_MAX_RESPONSE_BYTES,
  REGISTRY_TIMEOUT_MS,
} from './constants.js';
export { createRegistryClient } from './createRegistryClient.js';
export type { RegistryClientOptions } from './types.js';

export {
  DEFAULT_CONSUMER_TIMEOUT_SECONDS,
  DEFAULT_SECRET_PREFIX,
} from './constants.js';
export { deployBinding } from './deployBinding.js';
export { PlatformConfigError } from './errors.js';
export { parseMskClusterEntry } from './parseMskClusterEntry.js';
export { readPlatformDefaults } from './readPlatformDefaults.js';
export { readPlatformSettings } from './readPlatformSettings.js';
export { readSecretPrefix } from './readSecretPrefix.js';
export type { PlatformDefaults } from './types.js';

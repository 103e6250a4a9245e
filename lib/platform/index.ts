export { DEFAULT_CONSUMER_TIMEOUT_SECONDS } from './constants.js';
export { deployBinding } from './deployBinding.js';
export { PlatformConfigError } from './errors.js';
export { readPlatformDefaults } from './readPlatformDefaults.js';
export {
  DEFAULT_SECRET_PREFIX,
  readPlatformSettings,
} from './readPlatformSettings.js';
export type { PlatformDefaults } from './types.js';

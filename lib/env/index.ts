export { ENV_NAMES } from './constants.js';
export { createEnvReader } from './createEnvReader.js';
export type {
  Env,
  EnvErrorFactory,
  EnvName,
  EnvReader,
  EnvVariables,
  IntegerOptions,
} from './types.js';

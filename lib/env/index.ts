export { EnvNames } from './constants.js';
export { createEnvReader } from './createEnvReader.js';
export type {
  Env,
  EnvErrorFactory,
  EnvReader,
  IntegerOptions,
} from './types.js';

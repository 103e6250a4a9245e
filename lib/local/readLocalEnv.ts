import { createEnvReader, type Env, type EnvReader } from '../env/index.js';
import { LocalConfigError } from './errors.js';

/**
 * The local runtime's reader of lib/env's variables: lib/env's parsers
 * (trimmed, a blank value unset), a bad value a LocalConfigError naming
 * the variable.
 *
 * @param env - the runtime's environment
 */
const readLocalEnv = (env: Env): EnvReader =>
  createEnvReader(
    env,
    (variable, problem) => new LocalConfigError(variable, problem)
  );

export { readLocalEnv };

import { createEnvReader, type Env, type EnvReader } from '../env/index.js';
import { CliUsageError } from './errors.js';

/**
 * The CLI's reader of lib/env's variables: lib/env's parsers (trimmed, a
 * blank value unset), a bad value a usage error naming the variable.
 *
 * @param env - the command's environment (`io.env`)
 */
const readCliEnv = (env: Env): EnvReader =>
  createEnvReader(
    env,
    (variable, problem) => new CliUsageError(`${variable} ${problem}`)
  );

export { readCliEnv };

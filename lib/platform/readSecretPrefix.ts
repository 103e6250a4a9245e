import { createEnvReader, type Env } from '../env/index.js';
import { DEFAULT_SECRET_PREFIX } from './constants.js';
import { PlatformConfigError } from './errors.js';

/**
 * `SECRET_PREFIX`: the name prefix of the platform's secrets, as both
 * functions read it (infra/ gives both the same value).
 *
 * @param env - the environment, usually `process.env`
 */
const readSecretPrefix = (env: Env): string =>
  createEnvReader(
    env,
    (variable, problem) => new PlatformConfigError(variable, problem)
  ).text('SECRET_PREFIX') ?? DEFAULT_SECRET_PREFIX;

export { readSecretPrefix };

import { DEFAULT_DEADLINE_MARGIN_MS } from '../consumer/constants.js';
import { createEnvReader, type Env } from '../env/index.js';
import { PlatformConfigError } from './errors.js';
import type { PlatformDefaults } from './types.js';

/**
 * The platform defaults from `ORDERING_MODE` (partition | key, default
 * partition), `KEY_CONCURRENCY` (default 16), `ESM_MODE` (provisioned |
 * onDemand, default provisioned), `CAMUNDA_TENANT_ID`,
 * `CAMUNDA_BUSINESS_ID_UNIQUENESS` (true | false, default false) and
 * `DEADLINE_MARGIN_MS` (milliseconds, default 2000).
 *
 * @param env - the environment, usually `process.env`
 * @throws PlatformConfigError naming the variable at fault
 */
const readPlatformDefaults = (env: Env): PlatformDefaults => {
  const read = createEnvReader(
    env,
    (variable, problem) => new PlatformConfigError(variable, problem)
  );
  const tenantId = read.text('CAMUNDA_TENANT_ID');
  return {
    ordering: read.choice('ORDERING_MODE', ['partition', 'key']),
    keyConcurrency: read.integer('KEY_CONCURRENCY', 16, { minimum: 1 }),
    esmMode: read.choice('ESM_MODE', ['provisioned', 'onDemand']),
    businessIdUniqueness: read.boolean('CAMUNDA_BUSINESS_ID_UNIQUENESS', false),
    deadlineMarginMs: read.integer(
      'DEADLINE_MARGIN_MS',
      DEFAULT_DEADLINE_MARGIN_MS,
      { minimum: 0, what: 'a whole number of milliseconds, 0 or more' }
    ),
    ...(tenantId === undefined ? {} : { tenantId }),
  };
};

export { readPlatformDefaults };

import { DEFAULT_DEADLINE_MARGIN_MS } from '../consumer/constants.js';
import { readBoolean, readChoice, readInteger, readText } from './readEnv.js';
import type { Env, PlatformDefaults } from './types.js';

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
  const tenantId = readText(env, 'CAMUNDA_TENANT_ID');
  return {
    ordering: readChoice(env, 'ORDERING_MODE', ['partition', 'key']),
    keyConcurrency: readInteger(env, 'KEY_CONCURRENCY', 16, 1),
    esmMode: readChoice(env, 'ESM_MODE', ['provisioned', 'onDemand']),
    businessIdUniqueness: readBoolean(
      env,
      'CAMUNDA_BUSINESS_ID_UNIQUENESS',
      false
    ),
    deadlineMarginMs: readInteger(
      env,
      'DEADLINE_MARGIN_MS',
      DEFAULT_DEADLINE_MARGIN_MS,
      0
    ),
    ...(tenantId === undefined ? {} : { tenantId }),
  };
};

export { readPlatformDefaults };

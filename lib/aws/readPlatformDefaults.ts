import { AwsConfigError } from './errors.js';
import type { PlatformDefaults } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The platform defaults of the consumer from `ORDERING_MODE` (partition |
 * key, default partition), `KEY_CONCURRENCY` (default 16) and `ESM_MODE`
 * (provisioned | onDemand, default provisioned).
 *
 * @param env - the environment, usually `process.env`
 * @throws AwsConfigError naming the variable at fault
 */
const readPlatformDefaults = (env: Env): PlatformDefaults => {
  const ordering = env.ORDERING_MODE?.trim() || 'partition';
  if (ordering !== 'partition' && ordering !== 'key') {
    throw new AwsConfigError(
      'ORDERING_MODE',
      `must be partition or key (got '${ordering}')`
    );
  }
  const esmMode = env.ESM_MODE?.trim() || 'provisioned';
  if (esmMode !== 'provisioned' && esmMode !== 'onDemand') {
    throw new AwsConfigError(
      'ESM_MODE',
      `must be provisioned or onDemand (got '${esmMode}')`
    );
  }
  const rawConcurrency = env.KEY_CONCURRENCY?.trim() || '16';
  if (!/^[0-9]+$/.test(rawConcurrency) || Number(rawConcurrency) < 1) {
    throw new AwsConfigError(
      'KEY_CONCURRENCY',
      `must be a positive whole number (got '${rawConcurrency}')`
    );
  }
  return { ordering, esmMode, keyConcurrency: Number(rawConcurrency) };
};

export { readPlatformDefaults };

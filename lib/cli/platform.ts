import type { Binding } from '../binding/types.js';
import type { EsmMode } from '../consumer/types.js';
import type { Env } from '../env/index.js';
import type { PlatformSettings } from '../esm/types.js';
import {
  deployBinding,
  readPlatformDefaults,
  readPlatformSettings,
} from '../platform/index.js';
import { readCliEnv } from './readCliEnv.js';

/**
 * Platform settings for previews (`validate`): the variables the provisioner
 * reads, with a placeholder consumer function (`AWS_REGION`,
 * `AWS_ACCOUNT_ID`) when `CONSUMER_FUNCTION_NAME` is not set.
 */
const previewPlatformSettings = (env: Env): PlatformSettings => {
  const read = readCliEnv(env);
  const region = read.text('AWS_REGION', 'AWS_DEFAULT_REGION') ?? 'us-east-1';
  const accountId = read.text('AWS_ACCOUNT_ID') ?? '123456789012';
  return readPlatformSettings(
    env,
    readPlatformDefaults(env),
    read.text('CONSUMER_FUNCTION_NAME') ??
      `arn:aws:lambda:${region}:${accountId}:function:kafka-inbound-consumer`
  );
};

/** The binding as the platform would run it, with a given ESM mode. */
const deployedFromEnv = (binding: Binding, env: Env, esmMode: EsmMode) =>
  deployBinding(binding, { ...readPlatformDefaults(env), esmMode });

export { deployedFromEnv, previewPlatformSettings };

import {
  readPlatformDefaults,
  readPlatformSettings,
} from '../platform/index.js';
import { ProvisionerDefaults } from './constants.js';
import { ProvisioningConfigError } from './errors.js';
import type { ProvisionerConfig } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

const required = (env: Env, name: string): string => {
  const value = env[name]?.trim();
  if (value === undefined || value === '') {
    throw new ProvisioningConfigError(name, 'is required');
  }
  return value;
};

const integer = (env: Env, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new ProvisioningConfigError(
      name,
      `must be a whole number (got '${raw}')`
    );
  }
  return Number(raw);
};

const boolean = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (raw !== 'true' && raw !== 'false') {
    throw new ProvisioningConfigError(
      name,
      `must be true or false (got '${raw}')`
    );
  }
  return raw === 'true';
};

/**
 * Reads and checks the provisioner's environment: its own variables plus the
 * platform defaults and ESM settings shared with the consumer and the CLI
 * (lib/platform).
 *
 * @param env - usually `process.env`
 * @throws ProvisioningConfigError or PlatformConfigError naming the variable
 */
const readProvisionerConfig = (env: Env): ProvisionerConfig => {
  const defaults = readPlatformDefaults(env);
  const platform = readPlatformSettings(
    env,
    defaults,
    required(env, 'CONSUMER_FUNCTION_NAME')
  );
  return {
    tableName: required(env, 'BINDING_TABLE_NAME'),
    bucket: required(env, 'PROCESSES_BUCKET'),
    processesPrefix:
      env.PROCESSES_PREFIX?.trim() || ProvisionerDefaults.processesPrefix,
    secretPrefix: platform.secretPrefix,
    deployToCamunda: boolean(env, 'DEPLOY_TO_CAMUNDA', true),
    consumerFunctionVersion: env.CONSUMER_FUNCTION_VERSION?.trim() || '$LATEST',
    maxObjectBytes: integer(
      env,
      'MAX_BPMN_BYTES',
      ProvisionerDefaults.maxObjectBytes
    ),
    ...(defaults.tenantId === undefined ? {} : { tenantId: defaults.tenantId }),
    defaults,
    platform,
  };
};

export { readProvisionerConfig };

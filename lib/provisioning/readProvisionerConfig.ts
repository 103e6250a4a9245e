import { createEnvReader, type Env, EnvNames } from '../env/index.js';
import {
  readPlatformDefaults,
  readPlatformSettings,
} from '../platform/index.js';
import { ProvisionerDefaults } from './constants.js';
import { ProvisioningConfigError } from './errors.js';
import type { ProvisionerConfig } from './types.js';

/**
 * Reads and checks the provisioner's environment: its own variables plus the
 * platform defaults and ESM settings shared with the consumer and the CLI
 * (lib/platform).
 *
 * @param env - usually `process.env`
 * @throws ProvisioningConfigError or PlatformConfigError naming the variable
 */
const readProvisionerConfig = (env: Env): ProvisionerConfig => {
  const read = createEnvReader(
    env,
    (variable, problem) => new ProvisioningConfigError(variable, problem)
  );
  const defaults = readPlatformDefaults(env);
  const platform = readPlatformSettings(
    env,
    defaults,
    read.required(EnvNames.consumerFunctionName)
  );
  return {
    tableName: read.required(EnvNames.bindingTableName),
    bucket: read.required(EnvNames.processesBucket),
    processesPrefix:
      read.text(EnvNames.processesPrefix) ??
      ProvisionerDefaults.processesPrefix,
    secretPrefix: platform.secretPrefix,
    deployToCamunda: read.boolean(EnvNames.deployToCamunda, true),
    consumerFunctionVersion:
      read.text(EnvNames.consumerFunctionVersion) ?? '$LATEST',
    maxObjectBytes: read.integer(
      EnvNames.maxBpmnBytes,
      ProvisionerDefaults.maxObjectBytes
    ),
    ...(defaults.tenantId === undefined ? {} : { tenantId: defaults.tenantId }),
    defaults,
    platform,
  };
};

export { readProvisionerConfig };

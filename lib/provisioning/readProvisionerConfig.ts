import { createEnvReader, type Env } from '../env/index.js';
import {
  readPlatformDefaults,
  readPlatformSettings,
} from '../platform/index.js';
import { ProvisionerDefaults } from './constants.js';
import { ProvisioningConfigError } from './errors.js';
import { readUploadPolicy } from './readUploadPolicy.js';
import type { ProvisionerConfig } from './types.js';

/**
 * Reads and checks the provisioner's environment: its own variables, the
 * upload policy, plus the platform defaults and ESM settings shared with the
 * consumer and the CLI (lib/platform).
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
    read.required('CONSUMER_FUNCTION_NAME')
  );
  return {
    tableName: read.required('BINDING_TABLE_NAME'),
    bucket: read.required('PROCESSES_BUCKET'),
    processesPrefix:
      read.text('PROCESSES_PREFIX') ?? ProvisionerDefaults.processesPrefix,
    secretPrefix: platform.secretPrefix,
    deployToCamunda: read.boolean('DEPLOY_TO_CAMUNDA', true),
    discoverDeployments: read.boolean('DISCOVER_DEPLOYMENTS', false),
    consumerFunctionVersion:
      read.text('CONSUMER_FUNCTION_VERSION') ?? '$LATEST',
    maxObjectBytes: read.integer(
      'MAX_BPMN_BYTES',
      ProvisionerDefaults.maxObjectBytes
    ),
    ...(defaults.tenantId === undefined ? {} : { tenantId: defaults.tenantId }),
    defaults,
    platform,
    uploadPolicy: readUploadPolicy(env),
  };
};

export { readProvisionerConfig };

import type { PlatformDefaults } from '../../lib/aws/index.js';
import { readPlatformDefaults } from '../../lib/aws/index.js';
import type { PlatformSettings } from '../../lib/esm/index.js';
import {
  ProvisionerDefaults,
  ProvisioningConfigError,
} from '../../lib/provisioning/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Everything the provisioner reads from its environment. */
interface ProvisionerConfig {
  readonly tableName: string;
  readonly bucket: string;
  readonly processesPrefix: string;
  readonly secretPrefix: string;
  readonly deployToCamunda: boolean;
  /** Version the per-binding aliases point at (`$LATEST` by default). */
  readonly consumerFunctionVersion: string;
  readonly maxObjectBytes: number;
  readonly tenantId?: string;
  readonly defaults: PlatformDefaults;
  readonly platform: PlatformSettings;
}

const FUNCTION_ARN =
  /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)$/;

const required = (env: Env, name: string): string => {
  const value = env[name]?.trim();
  if (value === undefined || value === '') {
    throw new ProvisioningConfigError(name, 'is required');
  }
  return value;
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

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
 * `MSK_CLUSTER_ARNS`: comma-separated entries `<clusterArn>` or
 * `<clusterArn>=<broker>|<broker>…`. The brokers let the mapping recognise
 * a binding's bootstrap servers as that cluster's.
 */
const mskClusters = (value: string | undefined) =>
  list(value).map((entry) => {
    const [arn = '', servers = ''] = entry.split('=');
    return {
      arn: arn.trim(),
      bootstrapServers: servers
        .split('|')
        .map((server) => server.trim())
        .filter((server) => server !== ''),
    };
  });

/**
 * Reads and checks the provisioner's environment (see AWS-CONTRACT and the
 * README's provisioner section).
 *
 * @param env - usually `process.env`
 * @throws ProvisioningConfigError naming the variable at fault
 */
const readProvisionerConfig = (env: Env): ProvisionerConfig => {
  const consumerFunctionArn = required(env, 'CONSUMER_FUNCTION_NAME');
  const arn = FUNCTION_ARN.exec(consumerFunctionArn);
  if (arn === null) {
    throw new ProvisioningConfigError(
      'CONSUMER_FUNCTION_NAME',
      'must be the unqualified function ARN (arn:aws:lambda:<region>:<account>:function:<name>)'
    );
  }
  const defaults = readPlatformDefaults(env);
  const subnetIds = list(env.VPC_SUBNET_IDS);
  const minimumPollers = integer(env, 'MIN_POLLERS', 1);
  const maximumPollers = integer(env, 'MAX_POLLERS', 2);
  const pollerGroupName = env.POLLER_GROUP_NAME?.trim();
  const destination = env.ON_FAILURE_DESTINATION?.trim();
  const tenantId = env.CAMUNDA_TENANT_ID?.trim();
  const platform: PlatformSettings = {
    region: arn[2] as string,
    accountId: arn[3] as string,
    consumerFunctionArn,
    mskClusters: mskClusters(env.MSK_CLUSTER_ARNS),
    esmMode: defaults.esmMode,
    provisionedPollers: {
      minimumPollers,
      maximumPollers,
      ...(pollerGroupName ? { pollerGroupName } : {}),
    },
    maximumRetryAttempts: integer(env, 'MAXIMUM_RETRY_ATTEMPTS', -1),
    maximumRecordAgeInSeconds: integer(env, 'MAXIMUM_RECORD_AGE_SECONDS', -1),
    ...(destination ? { onFailureDestination: destination } : {}),
    ...(subnetIds.length === 0
      ? {}
      : {
          vpc: {
            subnetIds,
            securityGroupIds: list(env.VPC_SECURITY_GROUP_IDS),
          },
        }),
    secretPrefix: env.SECRET_PREFIX?.trim() || ProvisionerDefaults.secretPrefix,
  };
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
    ...(tenantId ? { tenantId } : {}),
    defaults,
    platform,
  };
};

export type { ProvisionerConfig };
export { readProvisionerConfig };

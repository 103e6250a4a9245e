import { createEnvReader, type Env, type EnvReader } from '../env/index.js';
import type { PlatformSettings } from '../esm/types.js';
import { PlatformConfigError } from './errors.js';
import type { PlatformDefaults } from './types.js';

const FUNCTION_ARN =
  /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)$/;

/** Name prefix of every secret the platform creates. */
const DEFAULT_SECRET_PREFIX = 'kafka-inbound/';

/**
 * `MSK_CLUSTER_ARNS`: comma-separated entries `<clusterArn>` or
 * `<clusterArn>=<broker>|<broker>…`. The brokers let the mapping recognise
 * a binding's bootstrap servers as that cluster's.
 */
const readMskClusters = (read: EnvReader): PlatformSettings['mskClusters'] =>
  read.list('MSK_CLUSTER_ARNS').map((entry) => {
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
 * The settings the ESM mapping needs, from the variables the stack gives the
 * provisioner: `MSK_CLUSTER_ARNS`, `MIN_POLLERS` / `MAX_POLLERS` /
 * `POLLER_GROUP_NAME`, `MAXIMUM_RETRY_ATTEMPTS`,
 * `MAXIMUM_RECORD_AGE_SECONDS`, `ON_FAILURE_DESTINATION`, `VPC_SUBNET_IDS` /
 * `VPC_SECURITY_GROUP_IDS`, `SECRET_PREFIX`. Region and account come from
 * the consumer function's ARN.
 *
 * @param env - the environment, usually `process.env`
 * @param defaults - the platform defaults (for the ESM mode)
 * @param consumerFunctionArn - unqualified ARN of the consumer function
 * @throws PlatformConfigError naming the variable at fault
 */
const readPlatformSettings = (
  env: Env,
  defaults: PlatformDefaults,
  consumerFunctionArn: string
): PlatformSettings => {
  const arn = FUNCTION_ARN.exec(consumerFunctionArn);
  if (arn === null) {
    throw new PlatformConfigError(
      'CONSUMER_FUNCTION_NAME',
      'must be the unqualified function ARN (arn:aws:lambda:<region>:<account>:function:<name>)'
    );
  }
  const read = createEnvReader(
    env,
    (variable, problem) => new PlatformConfigError(variable, problem)
  );
  const subnetIds = read.list('VPC_SUBNET_IDS');
  const pollerGroupName = read.text('POLLER_GROUP_NAME');
  const destination = read.text('ON_FAILURE_DESTINATION');
  return {
    region: arn[2] as string,
    accountId: arn[3] as string,
    consumerFunctionArn,
    mskClusters: readMskClusters(read),
    esmMode: defaults.esmMode,
    provisionedPollers: {
      minimumPollers: read.integer('MIN_POLLERS', 1, { minimum: 1 }),
      maximumPollers: read.integer('MAX_POLLERS', 2, { minimum: 1 }),
      ...(pollerGroupName === undefined ? {} : { pollerGroupName }),
    },
    maximumRetryAttempts: read.integer('MAXIMUM_RETRY_ATTEMPTS', -1),
    maximumRecordAgeInSeconds: read.integer('MAXIMUM_RECORD_AGE_SECONDS', -1),
    ...(destination === undefined ? {} : { onFailureDestination: destination }),
    ...(subnetIds.length === 0
      ? {}
      : {
          vpc: {
            subnetIds,
            securityGroupIds: read.list('VPC_SECURITY_GROUP_IDS'),
          },
        }),
    secretPrefix: read.text('SECRET_PREFIX') ?? DEFAULT_SECRET_PREFIX,
  };
};

export { DEFAULT_SECRET_PREFIX, readPlatformSettings };

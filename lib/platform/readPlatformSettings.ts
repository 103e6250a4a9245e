import { createEnvReader, type Env, type EnvReader } from '../env/index.js';
import type { EsmMetric, PlatformSettings } from '../esm/types.js';
import { PlatformConfigError } from './errors.js';
import { parseMskClusterEntry } from './parseMskClusterEntry.js';
import { readSecretPrefix } from './readSecretPrefix.js';
import type { PlatformDefaults } from './types.js';

const FUNCTION_ARN =
  /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)$/;

const METRICS = ['EventCount', 'ErrorCount', 'KafkaMetrics'] as const;

/** `ESM_METRICS`: comma-separated ESM metrics; an unknown one is an error. */
const readEsmMetrics = (read: EnvReader): EsmMetric[] =>
  read.list('ESM_METRICS').map((metric) => {
    const known = METRICS.find((candidate) => candidate === metric);
    if (known === undefined) {
      throw new PlatformConfigError(
        'ESM_METRICS',
        `must list ${METRICS.join(', ')} (got '${metric}')`
      );
    }
    return known;
  });

/**
 * The settings the ESM mapping needs, from the variables the stack gives the
 * provisioner: `MSK_CLUSTER_ARNS`, `MIN_POLLERS` / `MAX_POLLERS` /
 * `POLLER_GROUP_NAME`, `MAXIMUM_RETRY_ATTEMPTS`,
 * `MAXIMUM_RECORD_AGE_SECONDS`, `ON_FAILURE_DESTINATION`, `VPC_SUBNET_IDS` /
 * `VPC_SECURITY_GROUP_IDS`, `SECRET_PREFIX`, `ESM_METRICS`,
 * `MSK_SCRAM_KEY_ARN`. Region and account come from the consumer
 * function's ARN. MSK clusters given by ARN alone have no brokers yet: the
 * provisioner discovers them.
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
  const metrics = readEsmMetrics(read);
  const scramKey = read.text('MSK_SCRAM_KEY_ARN');
  return {
    region: arn[2] as string,
    accountId: arn[3] as string,
    consumerFunctionArn,
    mskClusters: read.list('MSK_CLUSTER_ARNS').map(parseMskClusterEntry),
    ...(scramKey === undefined ? {} : { mskScramKeyArn: scramKey }),
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
    secretPrefix: readSecretPrefix(env),
    ...(metrics.length === 0 ? {} : { esmMetrics: metrics }),
  };
};

export { readPlatformSettings };

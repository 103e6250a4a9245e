import type { Binding } from '../binding/types.js';
import type {
  DeployedBinding,
  EsmMode,
  OrderingMode,
} from '../consumer/types.js';
import { buildEsmPlan } from '../esm/index.js';
import type { EsmPlan, PlatformSettings } from '../esm/types.js';

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const integer = (value: string | undefined, fallback: number): number => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) ? parsed : fallback;
};

/**
 * Platform settings for previews (`validate`, `replay`): the same variables
 * the provisioner reads, with placeholders for the account and function.
 */
const readPlatformSettings = (env: NodeJS.ProcessEnv): PlatformSettings => {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const accountId = env.AWS_ACCOUNT_ID ?? '123456789012';
  const subnetIds = list(env.VPC_SUBNET_IDS);
  return {
    region,
    accountId,
    consumerFunctionArn:
      env.CONSUMER_FUNCTION_NAME ??
      `arn:aws:lambda:${region}:${accountId}:function:kafka-inbound-consumer`,
    mskClusters: list(env.MSK_CLUSTER_ARNS).map((arn) => ({
      arn,
      bootstrapServers: [],
    })),
    esmMode: env.ESM_MODE === 'onDemand' ? 'onDemand' : 'provisioned',
    provisionedPollers: {
      minimumPollers: integer(env.MIN_POLLERS, 1),
      maximumPollers: integer(env.MAX_POLLERS, 2),
      ...(env.POLLER_GROUP_NAME === undefined
        ? {}
        : { pollerGroupName: env.POLLER_GROUP_NAME }),
    },
    maximumRetryAttempts: integer(env.MAXIMUM_RETRY_ATTEMPTS, -1),
    maximumRecordAgeInSeconds: integer(env.MAXIMUM_RECORD_AGE_SECONDS, -1),
    ...(env.ON_FAILURE_DESTINATION === undefined
      ? {}
      : { onFailureDestination: env.ON_FAILURE_DESTINATION }),
    ...(subnetIds.length === 0
      ? {}
      : {
          vpc: {
            subnetIds,
            securityGroupIds: list(env.VPC_SECURITY_GROUP_IDS),
          },
        }),
    secretPrefix: env.SECRET_PREFIX ?? 'kafka-inbound/',
  };
};

/** The binding as the platform would deploy it (ordering and ESM mode from the environment). */
const deployBinding = (
  binding: Binding,
  env: NodeJS.ProcessEnv,
  esmMode: EsmMode
): DeployedBinding => {
  const ordering: OrderingMode =
    env.ORDERING_MODE === 'key' ? 'key' : 'partition';
  return {
    binding,
    ordering,
    keyConcurrency: integer(env.KEY_CONCURRENCY, 16),
    esmMode,
    ...(env.CAMUNDA_TENANT_ID === undefined
      ? {}
      : { tenantId: env.CAMUNDA_TENANT_ID }),
  };
};

/** The event source mapping the platform would create for a binding. */
const planEsm = (
  binding: Binding,
  platform: PlatformSettings,
  env: NodeJS.ProcessEnv
): EsmPlan =>
  buildEsmPlan(deployBinding(binding, env, platform.esmMode), platform);

export { deployBinding, planEsm, readPlatformSettings };

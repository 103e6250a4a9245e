import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  camundaSecrets,
  createDocumentClient,
  dynamoProvisioningStore,
  lambdaConsumerMappings,
  s3ProcessFiles,
  secretsManagerSecretStore,
} from '../lib/aws/index.js';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../lib/camunda/index.js';
import type { Env, EnvName } from '../lib/env/index.js';
import {
  type CamundaDeployer,
  type ProvisionerConfig,
  ProvisionerDefaults,
  type ProvisionerObserver,
  type ProvisionResult,
  provisionEvent,
  readProvisionerConfig,
} from '../lib/provisioning/index.js';

/** The AWS clients the provisioner uses. */
interface ProvisionerClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
  readonly secretsManager: SecretsManagerClient;
  /** Alias calls. */
  readonly lambda: LambdaClient;
  /** Event source mapping calls (the same client as `lambda` in AWS). */
  readonly esm: LambdaClient;
}

/** What `createProvisionerHandler` can be given instead of the defaults. */
interface ProvisionerOptions {
  readonly env?: Env;
  readonly clients?: ProvisionerClients;
  /** Camunda deployments; built from the CAMUNDA_* settings by default. */
  readonly camunda?: CamundaDeployer;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** The outcome of one invocation (the Lambda result, useful in tests). */
type ProvisionerResult = ProvisionResult;

const METRIC_BY_OUTCOME = {
  applied: 'provisionerApplied',
  rejected: 'provisionerRejected',
  removed: 'provisionerRemoved',
  skipped: 'provisionerSkipped',
} as const;

const defaultClients = (): ProvisionerClients => {
  const lambda = new LambdaClient({});
  return {
    s3: new S3Client({}),
    dynamo: createDocumentClient(new DynamoDBClient({})),
    secretsManager: new SecretsManagerClient({}),
    lambda,
    esm: lambda,
  };
};

const defaultCamunda = async (
  env: Env,
  secretsManager: SecretsManagerClient
): Promise<CamundaDeployer> => {
  const secretId = env['CAMUNDA_SECRET_ARN' satisfies EnvName]?.trim();
  const secrets =
    secretId === undefined || secretId === ''
      ? undefined
      : await camundaSecrets({ client: secretsManager, secretId }).get();
  return createCamundaClient(readCamundaConfig(env, secrets));
};

/** Logs each object event's outcome and counts it in the metrics. */
const powertoolsObserver = (
  logger: Logger,
  metrics: Metrics
): ProvisionerObserver => ({
  onOutcome: (event, outcome) => {
    metrics.addMetric(METRIC_BY_OUTCOME[outcome.kind], MetricUnit.Count, 1);
    logger.info('provisioned', {
      key: event.key,
      event: event.kind,
      sequencer: event.sequencer,
      outcome,
    });
  },
  onFailure: (event, error) => {
    metrics.addMetric('provisionerFailed', MetricUnit.Count, 1);
    logger.error('provisioning failed', {
      key: event.key,
      event: event.kind,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message }
          : 'unknown',
    });
  },
});

/**
 * Builds the provisioner's Lambda handler: middy with the Powertools logger
 * and metrics middlewares around wiring only. The use case
 * (`provisionEvent`: BPMN uploads → Camunda deployment, per-binding
 * aliases, secrets, ESMs, binding and status records) runs on the AWS
 * adapters of lib/aws; it throws when a process could not be provisioned,
 * so that Lambda retries the event.
 *
 * @param options - environment, clients and Camunda deployer to use
 * @example
 * ```ts
 * export const handler = createProvisionerHandler();
 * ```
 */
const createProvisionerHandler = (options: ProvisionerOptions = {}) => {
  const env = options.env ?? process.env;
  const logger =
    options.logger ?? new Logger({ serviceName: 'kafka-inbound-provisioner' });
  const metrics =
    options.metrics ??
    new Metrics({
      namespace: 'KafkaInbound',
      serviceName: 'kafka-inbound-provisioner',
    });
  const sleep =
    options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = options.now ?? (() => new Date());
  const clock = () => now().getTime();
  const observer = powertoolsObserver(logger, metrics);
  let config: ProvisionerConfig | undefined;
  let clients: ProvisionerClients | undefined;
  let camunda: Promise<CamundaDeployer> | undefined;

  const lambdaHandler = async (
    event: unknown,
    context: Context
  ): Promise<ProvisionerResult> => {
    config ??= readProvisionerConfig(env);
    clients ??= options.clients ?? defaultClients();
    const settings = config;
    const aws = clients;
    if (settings.deployToCamunda) {
      camunda ??= options.camunda
        ? Promise.resolve(options.camunda)
        : defaultCamunda(env, aws.secretsManager);
    }
    return provisionEvent(event, {
      config: settings,
      files: s3ProcessFiles({
        s3: aws.s3,
        bucket: settings.bucket,
        maxBytes: settings.maxObjectBytes,
      }),
      store: dynamoProvisioningStore({
        dynamo: aws.dynamo,
        tableName: settings.tableName,
        owner: context.awsRequestId,
        // A lease never outlives the invocation by much: a crashed holder
        // blocks the next one for the rest of its timeout at most.
        leaseMs: () =>
          Math.max(context.getRemainingTimeInMillis(), 1_000) + 5_000,
        waitMs: ProvisionerDefaults.lockWaitMs,
        pollMs: ProvisionerDefaults.lockPollMs,
        now: clock,
        sleep,
      }),
      mappings: lambdaConsumerMappings({
        lambda: aws.lambda,
        esm: aws.esm,
        functionArn: settings.platform.consumerFunctionArn,
        functionVersion: settings.consumerFunctionVersion,
        sleep,
        now: clock,
        pollMs: ProvisionerDefaults.esmPollMs,
        deleteWaitMs: ProvisionerDefaults.esmDeleteWaitMs,
      }),
      secrets: secretsManagerSecretStore({
        client: aws.secretsManager,
        secretPrefix: settings.secretPrefix,
      }),
      ...(camunda === undefined ? {} : { camunda: await camunda }),
      now,
      observer,
    });
  };

  return middy(lambdaHandler)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
};

const handler = createProvisionerHandler();

export type { ProvisionerClients, ProvisionerOptions, ProvisionerResult };
export { createProvisionerHandler, handler };

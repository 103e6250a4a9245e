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
import { camundaSecrets, createDocumentClient } from '../lib/aws/index.js';
import { loadBindingModel } from '../lib/binding/index.js';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../lib/camunda/index.js';
import {
  type ProcessFailure,
  ProvisionerDefaults,
  ProvisioningFailedError,
  parseObjectEvents,
} from '../lib/provisioning/index.js';
import { createLambdaAdapter } from './provisioner/lambdaAdapter.js';
import { createObjectStore } from './provisioner/objectStore.js';
import {
  type CamundaDeployer,
  type Outcome,
  provisionObject,
} from './provisioner/provisionObject.js';
import {
  type ProvisionerConfig,
  readProvisionerConfig,
} from './provisioner/readProvisionerConfig.js';
import { createSecretsAdapter } from './provisioner/secretsAdapter.js';
import { createStoreAdapter } from './provisioner/storeAdapter.js';

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
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clients?: ProvisionerClients;
  /** Camunda deployments; built from the CAMUNDA_* settings by default. */
  readonly camunda?: CamundaDeployer;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** The outcome of one invocation (the Lambda result, useful in tests). */
interface ProvisionerResult {
  readonly outcomes: readonly {
    readonly key: string;
    readonly outcome: Outcome;
  }[];
}

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
  env: Readonly<Record<string, string | undefined>>,
  secretsManager: SecretsManagerClient
): Promise<CamundaDeployer> => {
  const secretId = env.CAMUNDA_SECRET_ARN?.trim();
  const secrets =
    secretId === undefined || secretId === ''
      ? undefined
      : await camundaSecrets({ client: secretsManager, secretId }).get();
  return createCamundaClient(readCamundaConfig(env, secrets));
};

/**
 * Builds the provisioner's Lambda handler: S3 event notifications or S3
 * EventBridge events for `*.bpmn` objects under the processes prefix → Camunda
 * deployment, per-binding aliases, secrets, ESMs, binding records and
 * status records. Throws when a process could not be provisioned, so that
 * Lambda retries the event (its status record says what failed).
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
    const clock = () => now().getTime();
    const deps = {
      config: settings,
      objects: createObjectStore({
        s3: aws.s3,
        bucket: settings.bucket,
        maxBytes: settings.maxObjectBytes,
      }),
      store: createStoreAdapter({
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
      lambda: createLambdaAdapter({
        lambda: aws.lambda,
        esm: aws.esm,
        functionArn: settings.platform.consumerFunctionArn,
        functionVersion: settings.consumerFunctionVersion,
        sleep,
        now: clock,
        pollMs: ProvisionerDefaults.esmPollMs,
        deleteWaitMs: ProvisionerDefaults.esmDeleteWaitMs,
      }),
      secrets: createSecretsAdapter({
        client: aws.secretsManager,
        secretPrefix: settings.secretPrefix,
      }),
      ...(camunda === undefined ? {} : { camunda: await camunda }),
      loadModel: (xml: string) =>
        loadBindingModel(xml, { maxBytes: settings.maxObjectBytes }),
      now,
    };
    const outcomes: { key: string; outcome: Outcome }[] = [];
    const failures: ProcessFailure[] = [];
    for (const objectEvent of parseObjectEvents(event)) {
      try {
        const outcome = await provisionObject(objectEvent, deps);
        outcomes.push({ key: objectEvent.key, outcome });
        metrics.addMetric(METRIC_BY_OUTCOME[outcome.kind], MetricUnit.Count, 1);
        logger.info('provisioned', {
          key: objectEvent.key,
          event: objectEvent.kind,
          sequencer: objectEvent.sequencer,
          outcome,
        });
      } catch (error) {
        metrics.addMetric('provisionerFailed', MetricUnit.Count, 1);
        logger.error('provisioning failed', {
          key: objectEvent.key,
          event: objectEvent.kind,
          error:
            error instanceof Error
              ? { name: error.name, message: error.message }
              : 'unknown',
        });
        if (error instanceof ProvisioningFailedError) {
          failures.push(...error.failures);
        } else {
          failures.push({ processId: objectEvent.key, error });
        }
      }
    }
    if (failures.length > 0) {
      throw new ProvisioningFailedError(failures);
    }
    return { outcomes };
  };

  return middy(lambdaHandler)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
};

const handler = createProvisionerHandler();

export type { ProvisionerClients, ProvisionerOptions, ProvisionerResult };
export { createProvisionerHandler, handler };

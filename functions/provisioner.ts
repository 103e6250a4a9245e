import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KafkaClient } from '@aws-sdk/client-kafka';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  AwsConfigError,
  camundaSecrets,
  cloudFormationStackStates,
  createDocumentClient,
  dynamoProvisioningStore,
  lambdaConsumerMappings,
  METRIC_NAMESPACE,
  mskClusters,
  provisionerObserver,
  putCustomResourceResponse,
  SERVICE_NAMES,
  s3ProcessFiles,
  secretsManagerSecretStore,
} from '../lib/aws/index.js';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../lib/camunda/index.js';
import type { CamundaClient } from '../lib/camunda/types.js';
import { createEnvReader, type Env } from '../lib/env/index.js';
import {
  type CamundaDeployer,
  describeFailure,
  handleTeardownRequest,
  isScheduledCheck,
  type MskClusters,
  type ProvisionerConfig,
  ProvisionerDefaults,
  type ProvisionResult,
  parseTeardownRequest,
  provisionEvent,
  readProvisionerConfig,
  runScheduledCheck,
  type ScheduledCheckResult,
  TeardownDefaults,
  type TeardownRequest,
  type TeardownResponse,
} from '../lib/provisioning/index.js';
import type { CamundaVersionQueries } from '../lib/versions/index.js';

/** The AWS clients the provisioner uses. */
interface ProvisionerClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
  readonly secretsManager: SecretsManagerClient;
  /** Alias calls. */
  readonly lambda: LambdaClient;
  /** Event source mapping calls (the same client as `lambda` in AWS). */
  readonly esm: LambdaClient;
  /** MSK calls; built when the platform has MSK clusters and none is given. */
  readonly kafka?: KafkaClient;
  /** The stack's status, asked by the teardown; built when none is given. */
  readonly cloudFormation?: CloudFormationClient;
}

/** What `createProvisionerHandler` can be given instead of the defaults. */
interface ProvisionerOptions {
  readonly env?: Env;
  readonly clients?: ProvisionerClients;
  /**
   * Camunda deployments and the version searches; built from the CAMUNDA_*
   * settings by default. A deployer alone cannot check versions (each
   * check then reports `failed`).
   */
  readonly camunda?: CamundaDeployer | CamundaClient;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/**
 * The outcome of one invocation (the Lambda result, useful in tests): the
 * object events' outcomes, or (the schedule's event) what the check did,
 * or (CloudFormation's request to the teardown resource) its answer.
 */
type ProvisionerResult = ProvisionResult &
  Partial<ScheduledCheckResult> & { readonly teardown?: TeardownResponse };

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

/** The version searches, when the Camunda port has them. */
const versionQueriesOf = (
  camunda: CamundaDeployer | CamundaClient
): CamundaVersionQueries | undefined =>
  'searchMessageSubscriptions' in camunda ? camunda : undefined;

const defaultCamunda = async (
  env: Env,
  secretsManager: SecretsManagerClient
): Promise<CamundaClient> => {
  const secretId = createEnvReader(
    env,
    (variable, problem) => new AwsConfigError(variable, problem)
  ).text('CAMUNDA_SECRET_ARN');
  const secrets =
    secretId === undefined
      ? undefined
      : await camundaSecrets({ client: secretsManager, secretId }).get();
  return createCamundaClient(readCamundaConfig(env, secrets));
};

/**
 * Builds the provisioner's Lambda handler: middy with the Powertools logger
 * and metrics middlewares around wiring only. The use case
 * (`provisionEvent`: BPMN uploads → Camunda deployment, per-binding
 * aliases, secrets, ESMs, binding and status records) runs on the AWS
 * adapters of lib/aws; it throws when a process could not be provisioned,
 * so that Lambda retries the event. The schedule's event runs the check of
 * retained versions instead (`runScheduledCheck`), which never throws for
 * Camunda being unreachable (a metric and a log line say so). CloudFormation's
 * requests to the teardown custom resource (`handleTeardownRequest`: on the
 * stack's deletion, everything the provisioner created goes) are answered
 * at their response URL.
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
    options.logger ?? new Logger({ serviceName: SERVICE_NAMES.provisioner });
  const metrics =
    options.metrics ??
    new Metrics({
      namespace: METRIC_NAMESPACE,
      serviceName: SERVICE_NAMES.provisioner,
    });
  const sleep =
    options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = options.now ?? (() => new Date());
  const clock = () => now().getTime();
  const observer = provisionerObserver(logger, metrics);
  let config: ProvisionerConfig | undefined;
  let clients: ProvisionerClients | undefined;
  let camunda: Promise<CamundaDeployer | CamundaClient> | undefined;
  let msk: MskClusters | undefined;
  // Definitions without Kafka elements, so that discovery reads each XML
  // once per container.
  const noKafka = new Set<string>();

  /** The AWS ports of one invocation (no Camunda: the caller adds it). */
  const awsPorts = (
    settings: ProvisionerConfig,
    aws: ProvisionerClients,
    context: Context
  ) => {
    if (settings.platform.mskClusters.length > 0) {
      // One per container: the discovered brokers are cached in it.
      msk ??= mskClusters({
        client: aws.kafka ?? new KafkaClient({}),
        ttlMs: ProvisionerDefaults.mskDiscoveryTtlMs,
        now: clock,
      });
    }
    return {
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
      ...(msk === undefined ? {} : { msk }),
      now,
      observer,
    };
  };

  /**
   * CloudFormation's request to the teardown resource: answered (always,
   * also when the configuration cannot be read) at its response URL. The
   * teardown needs no Camunda. A response that cannot be put throws, so
   * that Lambda retries the invocation (the teardown goes on where it is).
   */
  const answerTeardown = async (
    request: TeardownRequest,
    context: Context
  ): Promise<TeardownResponse> => {
    let response: TeardownResponse;
    try {
      config ??= readProvisionerConfig(env);
      clients ??= options.clients ?? defaultClients();
      response = await handleTeardownRequest(request, {
        ...awsPorts(config, clients, context),
        stacks: cloudFormationStackStates({
          client: clients.cloudFormation ?? new CloudFormationClient({}),
        }),
        hasTime: () =>
          context.getRemainingTimeInMillis() > TeardownDefaults.reserveMs,
      });
    } catch (error) {
      response = {
        status: 'FAILED',
        reason: `kafka-inbound teardown failed: ${describeFailure(error)}`,
        physicalResourceId:
          request.physicalResourceId ?? TeardownDefaults.physicalResourceId,
      };
    }
    if (response.status === 'FAILED') {
      logger.error('teardown left processes behind', {
        requestType: request.requestType,
        ...response,
      });
    } else {
      logger.info('teardown', {
        requestType: request.requestType,
        ...response,
      });
    }
    await putCustomResourceResponse(request, response);
    return response;
  };

  const lambdaHandler = async (
    event: unknown,
    context: Context
  ): Promise<ProvisionerResult> => {
    const teardown = parseTeardownRequest(event);
    if (teardown !== undefined) {
      return {
        outcomes: [],
        teardown: await answerTeardown(teardown, context),
      };
    }
    config ??= readProvisionerConfig(env);
    clients ??= options.clients ?? defaultClients();
    const settings = config;
    const aws = clients;
    if (settings.deployToCamunda) {
      camunda ??= options.camunda
        ? Promise.resolve(options.camunda)
        : defaultCamunda(env, aws.secretsManager);
    }
    const port = camunda === undefined ? undefined : await camunda;
    const versions = port === undefined ? undefined : versionQueriesOf(port);
    const deps = {
      ...awsPorts(settings, aws, context),
      ...(port === undefined ? {} : { camunda: port }),
      ...(versions === undefined ? {} : { versions }),
    };
    return isScheduledCheck(event)
      ? { outcomes: [], ...(await runScheduledCheck(deps, noKafka)) }
      : provisionEvent(event, deps);
  };

  return middy(lambdaHandler)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
};

const handler = createProvisionerHandler();

export type { ProvisionerClients, ProvisionerOptions, ProvisionerResult };
export { createProvisionerHandler, handler };

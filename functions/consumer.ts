import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  AwsConfigError,
  aliasFromFunctionArn,
  type CamundaSecretsReader,
  camundaSecrets,
  createAwsSchemaRegistry,
  createBindingStore,
  createDocumentClient,
  type DynamoIdempotency,
  dynamoIdempotency,
  dynamoResolvedOffsets,
  METRIC_NAMESPACE,
  type PowertoolsObserver,
  powertoolsObserver,
  SERVICE_NAMES,
  sqsDeadLetterSink,
} from '../lib/aws/index.js';
import {
  CAMUNDA_DEFAULTS,
  type CamundaPort,
  createCamundaClient,
  readCamundaConfig,
} from '../lib/camunda/index.js';
import { describeError } from '../lib/common/index.js';
import {
  type BatchObserver,
  type BatchProcessor,
  type BindingStore,
  createBatchProcessor,
  type DeadLetterSink,
  type DeployedBinding,
  type ResolvedOffsetsStore,
  toHandlerResponse,
} from '../lib/consumer/index.js';
import { createEnvReader, type Env, type EnvReader } from '../lib/env/index.js';
import {
  assertIsKafkaEvent,
  type KafkaBatchResponse,
  type SchemaRegistryPort,
} from '../lib/kafka/index.js';
import {
  readPlatformDefaults,
  readSecretPrefix,
} from '../lib/platform/index.js';

/** What the handler may be given instead of what it builds from `env`. */
interface ConsumerHandlerDependencies {
  /** Defaults to `process.env`. */
  readonly env?: Env;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly dynamoDb?: DynamoDBClient;
  readonly sqs?: SQSClient;
  readonly secretsManager?: SecretsManagerClient;
  /** Replaces the DynamoDB binding store. */
  readonly bindingStore?: BindingStore;
  /** Replaces the Camunda REST client (then no secret is read). */
  readonly camunda?: CamundaPort;
  /** Binding cache TTL, ms (default 60 s). */
  readonly bindingCacheTtlMs?: number;
  /** Camunda secret cache TTL, ms (default 5 min). */
  readonly secretCacheTtlMs?: number;
  /** Replaces the schema registry client built from the per-binding secrets. */
  readonly schemaRegistry?: (
    deployed: DeployedBinding
  ) => Promise<SchemaRegistryPort | undefined>;
}

/** The per-container adapters, built at the first invocation. */
interface Container {
  readonly store: BindingStore;
  readonly deadLetters: DeadLetterSink;
  readonly idempotency: DynamoIdempotency;
  /** Records resolved after a partition's stop point (idempotency table). */
  readonly resolvedOffsets: ResolvedOffsetsStore;
  /** `DEADLINE_MARGIN_MS`: kept free on top of the request timeout. */
  readonly deadlineMarginMs: number;
  readonly secrets?: CamundaSecretsReader;
  readonly secretsManager: SecretsManagerClient;
}

// A container serves the aliases that point at its function version; keep a
// few bindings' processors, not an unbounded number.
const MAX_PROCESSORS = 16;

/** Everything in a deployed binding that changes what the processor does. */
const processorKey = (deployed: DeployedBinding): string =>
  JSON.stringify([
    deployed.binding.id,
    deployed.binding.revision,
    deployed.processDefinitionKey ?? null,
    deployed.tenantId ?? null,
    deployed.ordering,
    deployed.keyConcurrency,
  ]);

/** An error as log attributes (never a stack). */
const errorAttributes = (error: unknown) =>
  error instanceof Error
    ? { errorName: error.name, errorMessage: describeError(error) }
    : { errorName: typeof error };

/**
 * Builds the consumer Lambda handler: middy with the Powertools logger and
 * metrics middlewares around wiring only. Per container it keeps the binding
 * store (cached), the dead-letter sink, the idempotency store, the Camunda
 * client (rebuilt when its secret changes) and one batch processor per
 * binding revision.
 *
 * @param dependencies - clients and overrides (tests); defaults from `env`
 * @example
 * ```ts
 * export const handler = createConsumerHandler();
 * ```
 */
const createConsumerHandler = (
  dependencies: ConsumerHandlerDependencies = {}
) => {
  const env = dependencies.env ?? process.env;
  const read: EnvReader = createEnvReader(
    env,
    (variable, problem) => new AwsConfigError(variable, problem)
  );
  const logger =
    dependencies.logger ?? new Logger({ serviceName: SERVICE_NAMES.consumer });
  const metrics =
    dependencies.metrics ??
    new Metrics({
      namespace: read.text('POWERTOOLS_METRICS_NAMESPACE') ?? METRIC_NAMESPACE,
      serviceName:
        read.text('POWERTOOLS_SERVICE_NAME') ?? SERVICE_NAMES.consumer,
    });

  let container: Container | undefined;
  // Said once per container: a timeout shorter than one record's reserve.
  let warnedShortTimeout = false;
  let camunda:
    | { readonly fingerprint: string; readonly port: CamundaPort }
    | undefined;
  const processors = new Map<
    string,
    { readonly processor: BatchProcessor; readonly camunda: CamundaPort }
  >();
  // Registry clients per binding revision (they cache the schemas).
  const registries = new Map<string, SchemaRegistryPort | undefined>();
  // Processors are cached across invocations; the observer is not (it
  // collects one invocation's metrics), so processors report through this.
  let currentObserver: BatchObserver | undefined;
  const observer: BatchObserver = {
    onRecord: (event) => currentObserver?.onRecord(event),
  };

  const getContainer = (): Container => {
    if (container !== undefined) return container;
    const dynamoDb = dependencies.dynamoDb ?? new DynamoDBClient({});
    const sqs = dependencies.sqs ?? new SQSClient({});
    const secretArn = read.text('CAMUNDA_SECRET_ARN');
    const secretsManager =
      dependencies.secretsManager ?? new SecretsManagerClient({});
    const defaults = readPlatformDefaults(env);
    const idempotencyTable = read.required('IDEMPOTENCY_TABLE_NAME');
    container = {
      secretsManager,
      store:
        dependencies.bindingStore ??
        createBindingStore({
          client: createDocumentClient(dynamoDb),
          tableName: read.required('BINDING_TABLE_NAME'),
          defaults,
          ttlMs: dependencies.bindingCacheTtlMs,
        }),
      deadLetters: sqsDeadLetterSink(
        read.required('DEAD_LETTER_QUEUE_URL'),
        sqs
      ),
      idempotency: dynamoIdempotency(idempotencyTable, { client: dynamoDb }),
      resolvedOffsets: dynamoResolvedOffsets(idempotencyTable, {
        client: dynamoDb,
      }),
      deadlineMarginMs: defaults.deadlineMarginMs,
      ...(secretArn && dependencies.camunda === undefined
        ? {
            secrets: camundaSecrets({
              client: secretsManager,
              secretId: secretArn,
              ttlMs: dependencies.secretCacheTtlMs,
            }),
          }
        : {}),
    };
    return container;
  };

  const getCamunda = async (current: Container): Promise<CamundaPort> => {
    if (dependencies.camunda !== undefined) return dependencies.camunda;
    // Without a secret, an empty secret set: credentials are then missing
    // rather than read from plain environment variables.
    const secrets = (await current.secrets?.get()) ?? {};
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(secrets))
      .digest('hex');
    if (camunda === undefined || camunda.fingerprint !== fingerprint) {
      camunda = {
        fingerprint,
        port: createCamundaClient(readCamundaConfig(env, secrets)),
      };
    }
    return camunda.port;
  };

  const getRegistry = async (
    current: Container,
    deployed: DeployedBinding
  ): Promise<SchemaRegistryPort | undefined> => {
    const key = processorKey(deployed);
    if (registries.has(key)) return registries.get(key);
    const registry =
      dependencies.schemaRegistry === undefined
        ? await createAwsSchemaRegistry(deployed.binding, {
            client: current.secretsManager,
            secretPrefix: readSecretPrefix(env),
          })
        : await dependencies.schemaRegistry(deployed);
    registries.set(key, registry);
    if (registries.size > MAX_PROCESSORS) {
      const oldest = registries.keys().next();
      if (!oldest.done) registries.delete(oldest.value);
    }
    return registry;
  };

  const getProcessor = (
    current: Container,
    deployed: DeployedBinding,
    port: CamundaPort,
    schemaRegistry: SchemaRegistryPort | undefined
  ): BatchProcessor => {
    const key = processorKey(deployed);
    const cached = processors.get(key);
    if (cached !== undefined && cached.camunda === port) {
      return cached.processor;
    }
    const processor = createBatchProcessor(deployed, {
      camunda: port,
      deadLetters: current.deadLetters,
      idempotency: current.idempotency,
      resolvedOffsets: current.resolvedOffsets,
      deadlineMarginMs: current.deadlineMarginMs,
      observer,
      ...(schemaRegistry === undefined ? {} : { schemaRegistry }),
    });
    processors.delete(key);
    processors.set(key, { processor, camunda: port });
    if (processors.size > MAX_PROCESSORS) {
      const oldest = processors.keys().next();
      if (!oldest.done) processors.delete(oldest.value);
    }
    return processor;
  };

  const handle = async (
    event: unknown,
    context: Context
  ): Promise<KafkaBatchResponse> => {
    let bindingId: string;
    let deployed: DeployedBinding;
    let port: CamundaPort;
    let current: Container;
    let registry: SchemaRegistryPort | undefined;
    try {
      assertIsKafkaEvent(event);
      bindingId = aliasFromFunctionArn(context.invokedFunctionArn);
      logger.appendKeys({ bindingId });
      current = getContainer();
      current.idempotency.registerLambdaContext(context);
      deployed = await current.store.getDeployedBinding(bindingId);
      logger.appendKeys({
        processId: deployed.binding.processId,
        bindingRevision: deployed.binding.revision,
      });
      port = await getCamunda(current);
      registry = await getRegistry(current, deployed);
    } catch (error) {
      // The ESM retries the whole batch; say why, once, before it does.
      logger.error('cannot process the batch: setup failed', {
        invokedFunctionArn: context.invokedFunctionArn,
        ...errorAttributes(error),
      });
      throw error;
    }

    const batchObserver: PowertoolsObserver = powertoolsObserver(
      logger,
      metrics,
      deployed
    );
    currentObserver = batchObserver;
    const reserveMs =
      (port.requestTimeoutMs ?? CAMUNDA_DEFAULTS.requestTimeoutMs) +
      current.deadlineMarginMs;
    const leftMs = context.getRemainingTimeInMillis();
    if (leftMs < reserveMs && !warnedShortTimeout) {
      warnedShortTimeout = true;
      logger.warn(
        'the invocation has less time than one record needs: each partition processes only its first record per invocation; raise the function timeout or lower CAMUNDA_REQUEST_TIMEOUT_MS / DEADLINE_MARGIN_MS',
        { remainingTimeMs: leftMs, reserveMs }
      );
    }
    try {
      const result = await getProcessor(
        current,
        deployed,
        port,
        registry
      ).process(event, {
        // Records start only while one more call fits before the timeout.
        remainingTimeMs: () => context.getRemainingTimeInMillis(),
      });
      logger.info('batch processed', {
        counts: result.counts,
        batchItemFailures: result.response.batchItemFailures,
      });
      return toHandlerResponse(result, deployed.esmMode);
    } catch (error) {
      logger.error('batch failed; the event source mapping will retry it', {
        esmMode: deployed.esmMode,
        ...errorAttributes(error),
      });
      throw error;
    } finally {
      currentObserver = undefined;
      batchObserver.flush();
    }
  };

  return middy<unknown, KafkaBatchResponse>(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
};

/** The consumer Lambda handler (configured from `process.env`). */
const handler = createConsumerHandler();

export type { ConsumerHandlerDependencies };
export { createConsumerHandler, handler };

import type {
  CreateEventSourceMappingCommandInput,
  DestinationConfig,
} from '@aws-sdk/client-lambda';
import type { KafkaSettings } from '../binding/types.js';
import type { Problem } from '../bpmn/types.js';
import { buildSchemaRegistryConfig } from './buildSchemaRegistryConfig.js';
import { buildSourceAccess } from './buildSourceAccess.js';
import { classifyClientProperties } from './classifyClientProperties.js';
import { EsmLimits, EsmTagKeys, StartingPositionByReset } from './constants.js';
import { EsmPlatformSettingsError } from './errors.js';
import { resolveEventSource } from './resolveEventSource.js';
import type { DeployedBinding, EsmPlan, PlatformSettings } from './types.js';

const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;
const CONSUMER_GROUP_ID = /^[ a-zA-Z0-9\-/*:_+=.@]{1,200}$/;
const TOPIC_NAME = /^[^.][a-zA-Z0-9\-_.]{0,248}$/;
const HOST_PORT = /^[^\s:]+:\d{1,5}$/;

/**
 * Throws when the platform settings cannot give a valid request.
 *
 * @param platform - the platform settings
 */
const assertPlatformSettings = (platform: PlatformSettings): void => {
  if (platform.consumerFunctionArn.trim() === '') {
    throw new EsmPlatformSettingsError('consumerFunctionArn', 'is empty');
  }
  const retries = platform.maximumRetryAttempts;
  if (
    !Number.isInteger(retries) ||
    retries < -1 ||
    retries > EsmLimits.maxRetryAttempts
  ) {
    throw new EsmPlatformSettingsError(
      'maximumRetryAttempts',
      `must be -1 or 0–${EsmLimits.maxRetryAttempts}, got ${retries}`
    );
  }
  const age = platform.maximumRecordAgeInSeconds;
  if (
    age !== -1 &&
    (!Number.isInteger(age) ||
      age < EsmLimits.minRecordAgeSeconds ||
      age > EsmLimits.maxRecordAgeSeconds)
  ) {
    throw new EsmPlatformSettingsError(
      'maximumRecordAgeInSeconds',
      `must be -1 or ${EsmLimits.minRecordAgeSeconds}–${EsmLimits.maxRecordAgeSeconds}, got ${age}`
    );
  }
  const pollers = platform.provisionedPollers;
  if (
    pollers !== undefined &&
    (pollers.minimumPollers < 1 ||
      pollers.minimumPollers > 200 ||
      pollers.maximumPollers < pollers.minimumPollers ||
      pollers.maximumPollers > 2000)
  ) {
    throw new EsmPlatformSettingsError(
      'provisionedPollers',
      'needs 1 ≤ minimumPollers ≤ 200 and minimumPollers ≤ maximumPollers ≤ 2000'
    );
  }
};

/**
 * A positive integer from a Kafka property, or a warning naming it.
 */
const readInteger = (
  kafka: KafkaSettings,
  property: string,
  warnings: Problem[]
): number | undefined => {
  const raw = kafka.clientProperties[property];
  if (raw === undefined) {
    return undefined;
  }
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0) {
    warnings.push({
      property,
      message: `Kafka property "${property}" is not honoured: "${raw}" is not a whole number.`,
    });
    return undefined;
  }
  return value;
};

/**
 * BatchSize and MaximumBatchingWindowInSeconds from max.poll.records and
 * fetch.max.wait.ms, when given.
 */
const batchingFields = (
  kafka: KafkaSettings,
  warnings: Problem[]
): Pick<
  CreateEventSourceMappingCommandInput,
  'BatchSize' | 'MaximumBatchingWindowInSeconds'
> => {
  const fields: {
    BatchSize?: number;
    MaximumBatchingWindowInSeconds?: number;
  } = {};
  const records = readInteger(kafka, 'max.poll.records', warnings);
  if (records !== undefined) {
    const size = Math.min(Math.max(records, 1), EsmLimits.maxBatchSize);
    if (size !== records) {
      warnings.push({
        property: 'max.poll.records',
        message: `max.poll.records=${records} is outside the ESM's BatchSize range 1–${EsmLimits.maxBatchSize}: using ${size}.`,
      });
    }
    fields.BatchSize = size;
  }
  const waitMs = readInteger(kafka, 'fetch.max.wait.ms', warnings);
  // 500 ms is also the ESM's default, which a seconds field cannot express.
  if (waitMs !== undefined && waitMs !== EsmLimits.defaultBatchingWindowMs) {
    const seconds = Math.min(
      Math.round(waitMs / 1000),
      EsmLimits.maxBatchingWindowSeconds
    );
    if (seconds * 1000 !== waitMs) {
      warnings.push({
        property: 'fetch.max.wait.ms',
        message: `fetch.max.wait.ms=${waitMs} is not honoured exactly: the ESM batching window is whole seconds (0–${EsmLimits.maxBatchingWindowSeconds}), using ${seconds} s.`,
      });
    }
    fields.MaximumBatchingWindowInSeconds = seconds;
  }
  return fields;
};

/**
 * StartingPosition from auto.offset.reset and the configured offsets.
 */
const startingPosition = (
  kafka: KafkaSettings,
  warnings: Problem[]
): 'TRIM_HORIZON' | 'LATEST' => {
  const hasOffsets = kafka.offsets?.some((offset) => offset !== null) === true;
  if (hasOffsets) {
    warnings.push({
      property: 'topic.offsets',
      message:
        'Offsets are honoured as a floor only: the ESM starts at TRIM_HORIZON and the consumer skips records below each partition’s offset; the ESM cannot seek back below the consumer group’s committed offsets.',
    });
    return 'TRIM_HORIZON';
  }
  if (kafka.autoOffsetReset === 'none') {
    warnings.push({
      property: 'autoOffsetReset',
      message:
        'auto.offset.reset=none is not honoured: the ESM cannot fail when the consumer group has no committed offsets, it starts at TRIM_HORIZON (no record is skipped).',
    });
  }
  return StartingPositionByReset[kafka.autoOffsetReset];
};

/**
 * Checks the create-only identity fields the ESM validates.
 */
const identityErrors = (aliasName: string, kafka: KafkaSettings): Problem[] => {
  const errors: Problem[] = [];
  if (!ALIAS_NAME.test(aliasName)) {
    errors.push({
      message: `Binding id "${aliasName}" is not a valid Lambda alias name (1–128 of [a-zA-Z0-9_-], not only digits).`,
    });
  }
  if (!TOPIC_NAME.test(kafka.topic)) {
    errors.push({
      property: 'topic.topicName',
      message: `Topic "${kafka.topic}" is not a valid Kafka topic name for the ESM.`,
    });
  }
  if (!CONSUMER_GROUP_ID.test(kafka.groupId)) {
    errors.push({
      property: 'groupId',
      message: `Consumer group id "${kafka.groupId}" is not accepted by the ESM: 1–200 characters of [a-zA-Z0-9-/*:_+=.@ ].`,
    });
  }
  if (kafka.bootstrapServers.length === 0) {
    errors.push({
      property: 'topic.bootstrapServers',
      message: 'No bootstrap servers.',
    });
  }
  for (const server of kafka.bootstrapServers) {
    if (!HOST_PORT.test(server.trim())) {
      errors.push({
        property: 'topic.bootstrapServers',
        message: `Bootstrap server "${server}" is not host:port.`,
      });
    }
  }
  return errors;
};

/**
 * The mode-dependent fields: provisioned pollers, partial batch responses,
 * retry policy, on-failure destination, ESM metrics and logs.
 */
const modeFields = (
  platform: PlatformSettings,
  warnings: Problem[]
): Partial<CreateEventSourceMappingCommandInput> => {
  const destination = platform.onFailureDestination;
  const destinationConfig: DestinationConfig | undefined =
    destination === undefined
      ? undefined
      : { OnFailure: { Destination: destination } };
  if (platform.esmMode === 'onDemand') {
    if (destination?.startsWith('kafka://')) {
      warnings.push({
        property: 'onFailureDestination',
        message:
          'A kafka:// on-failure destination needs provisioned mode: it is not set on this on-demand ESM.',
      });
      return {};
    }
    return destinationConfig === undefined
      ? {}
      : { DestinationConfig: destinationConfig };
  }
  const pollers = platform.provisionedPollers;
  const metrics = platform.esmMetrics ?? [];
  return {
    ProvisionedPollerConfig: {
      MinimumPollers:
        pollers?.minimumPollers ?? EsmLimits.defaultMinimumPollers,
      MaximumPollers:
        pollers?.maximumPollers ?? EsmLimits.defaultMaximumPollers,
      ...(pollers?.pollerGroupName === undefined
        ? {}
        : { PollerGroupName: pollers.pollerGroupName }),
    },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    MaximumRetryAttempts: platform.maximumRetryAttempts,
    MaximumRecordAgeInSeconds: platform.maximumRecordAgeInSeconds,
    ...(destinationConfig === undefined
      ? {}
      : { DestinationConfig: destinationConfig }),
    ...(metrics.length === 0
      ? {}
      : { MetricsConfig: { Metrics: [...metrics] } }),
    ...(platform.esmLogLevel === undefined
      ? {}
      : { LoggingConfig: { SystemLogLevel: platform.esmLogLevel } }),
  };
};

/**
 * Maps a deployed binding and the platform settings to the
 * CreateEventSourceMapping request of the binding's ESM, the per-binding
 * secrets it needs, and a warning for every consumer property the ESM cannot
 * honour.
 *
 * @param deployed - the binding as deployed
 * @param platform - settings of this deployment of the platform
 * @example
 * ```ts
 * const plan = buildEsmPlan(deployed, platform);
 * if (plan.errors?.length) throw new Error('invalid binding');
 * const arns = await writeSecrets(plan.secrets); // name → ARN
 * await lambda.send(new CreateEventSourceMappingCommand(
 *   withSecretArns(plan, arns).request));
 * ```
 */
const buildEsmPlan = (
  deployed: DeployedBinding,
  platform: PlatformSettings
): EsmPlan => {
  assertPlatformSettings(platform);
  const { binding } = deployed;
  const { kafka } = binding;
  const aliasName = binding.id;
  const errors = identityErrors(aliasName, kafka);
  const warnings: Problem[] = [];
  if (deployed.esmMode !== platform.esmMode) {
    // The handler answers per the binding's mode: a partial batch response
    // sent to an on-demand ESM is ignored and the whole batch committed.
    errors.push({
      message: `The binding is deployed for ${deployed.esmMode} mode but the platform creates ${platform.esmMode} ESMs.`,
    });
  }
  const resolved = resolveEventSource(kafka.bootstrapServers, platform);
  warnings.push(...resolved.warnings);
  const source = resolved.source;
  let servers = kafka.bootstrapServers.map((server) => server.trim());
  if (servers.length > EsmLimits.maxBootstrapServers) {
    warnings.push({
      property: 'topic.bootstrapServers',
      message: `The ESM takes at most ${EsmLimits.maxBootstrapServers} bootstrap servers: only the first ${EsmLimits.maxBootstrapServers} are used.`,
    });
    servers = servers.slice(0, EsmLimits.maxBootstrapServers);
  }
  const position = startingPosition(kafka, warnings);
  const batching = batchingFields(kafka, warnings);
  const access = buildSourceAccess(binding.id, kafka, source, platform);
  warnings.push(...access.warnings);
  errors.push(...access.errors);
  warnings.push(...classifyClientProperties(kafka.clientProperties).warnings);
  const registry = buildSchemaRegistryConfig(binding.id, kafka, platform);
  warnings.push(...registry.warnings);
  errors.push(...registry.errors);
  const groupConfig = {
    ConsumerGroupId: kafka.groupId,
    ...(registry.config === undefined
      ? {}
      : { SchemaRegistryConfig: registry.config }),
  };
  const request: CreateEventSourceMappingCommandInput = {
    FunctionName: `${platform.consumerFunctionArn}:${aliasName}`,
    ...(source.kind === 'msk'
      ? {
          EventSourceArn: source.clusterArn,
          AmazonManagedKafkaEventSourceConfig: groupConfig,
        }
      : {
          SelfManagedEventSource: {
            Endpoints: { KAFKA_BOOTSTRAP_SERVERS: servers },
          },
          SelfManagedKafkaEventSourceConfig: groupConfig,
        }),
    Topics: [kafka.topic],
    StartingPosition: position,
    Enabled: true,
    ...batching,
    ...(access.configurations.length === 0
      ? {}
      : { SourceAccessConfigurations: access.configurations }),
    ...modeFields(platform, warnings),
    Tags: {
      [EsmTagKeys.processId]: binding.processId,
      [EsmTagKeys.bindingId]: binding.id,
      [EsmTagKeys.revision]: binding.revision,
    },
  };
  return {
    bindingId: binding.id,
    aliasName,
    request,
    secrets: [...access.secrets, ...registry.secrets],
    warnings,
    errors,
    eventSource: source,
  };
};

export { assertPlatformSettings, buildEsmPlan };

import type {
  CreateEventSourceMappingCommandInput,
  DestinationConfig,
} from '@aws-sdk/client-lambda';
import type { KafkaSettings } from '../binding/types.js';
import type { Problem } from '../bpmn/types.js';
import { buildSchemaRegistryConfig } from './buildSchemaRegistryConfig.js';
import { buildSourceAccess } from './buildSourceAccess.js';
import { classifyClientProperties } from './classifyClientProperties.js';
import {
  EsmLimits,
  EsmTagKeys,
  SecretNameLimits,
  StartingPositionByReset,
} from './constants.js';
import { EsmPlatformSettingsError } from './errors.js';
import { resolveEventSource } from './resolveEventSource.js';
import type { DeployedBinding, EsmPlan, PlatformSettings } from './types.js';

// The Lambda API model's rules (botocore lambda/2015-03-31/service-2.json,
// checked by test/contract/esmRequests.contract.test.ts), matched whole as
// the service does:
// - Alias `Name`: 1–128 of [a-zA-Z0-9_-], not only digits.
const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;
// - `ConsumerGroupId` (shape URI): 1–200 of [a-zA-Z0-9-/*:_+=.@].
const CONSUMER_GROUP_ID = /^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/;
// - `Topic`: pattern `[^.]([a-zA-Z0-9\-_.]+)`, at most 249: two characters
//   at least (Kafka allows one; the ESM does not), Kafka's own characters.
const TOPIC_NAME = /^[a-zA-Z0-9\-_][a-zA-Z0-9\-_.]{1,248}$/;
// - `Endpoint`: a DNS host name and a port, at most 300 characters.
const ENDPOINT =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]):[0-9]{1,5}$/;
const MAX_ENDPOINT_LENGTH = 300;
// Lambda tags (ESM `Tags`, TagResource): values of at most 256 characters.
const MAX_TAG_VALUE_LENGTH = 256;
// The MSK cluster ARN the ESM takes as EventSourceArn.
const MSK_CLUSTER_ARN =
  /^arn:aws[a-zA-Z-]*:kafka:([a-z0-9-]+):(\d{12}):cluster\/[^/]+\/[^/]+$/;
// A concrete region (not a CDK token of an environment-agnostic stack).
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
// The Lambda API model's DestinationArn pattern.
const DESTINATION =
  /^(?:kafka:\/\/[^.][a-zA-Z0-9\-_.]{0,248}|arn:aws[a-zA-Z0-9-]*:(?:sqs|sns|s3):[a-z0-9-]*:\d{0,12}:.+)$/;
const POLLER_GROUP_NAME = /^[a-zA-Z0-9_-]{0,128}$/;
const METRICS: readonly string[] = ['EventCount', 'ErrorCount', 'KafkaMetrics'];

/**
 * Settings that only a provisioned-mode ESM has: set with on-demand ESMs
 * they would be dropped without a word.
 */
const assertModeSettings = (platform: PlatformSettings): void => {
  const destination = platform.onFailureDestination;
  if (
    destination !== undefined &&
    platform.onFailureDestinationResolvedAtDeploy !== true &&
    !DESTINATION.test(destination)
  ) {
    throw new EsmPlatformSettingsError(
      'onFailureDestination',
      `must be an SQS queue, SNS topic or S3 bucket ARN, or kafka://<topic>, got "${destination}"`
    );
  }
  const metrics = platform.esmMetrics ?? [];
  const unknown = metrics.filter((metric) => !METRICS.includes(metric));
  if (unknown.length > 0 || new Set(metrics).size !== metrics.length) {
    throw new EsmPlatformSettingsError(
      'esmMetrics',
      `must be distinct of ${METRICS.join(', ')}, got ${metrics.join(', ')}`
    );
  }
  if (platform.esmMode !== 'onDemand') {
    return;
  }
  const provisionedOnly: string[] = [
    ...(destination?.startsWith('kafka://') === true
      ? ['onFailureDestination (kafka://)']
      : []),
    ...(metrics.length > 0 ? ['esmMetrics'] : []),
    ...(platform.esmLogLevel === undefined ? [] : ['esmLogLevel']),
    ...(platform.maximumRetryAttempts !== -1 ? ['maximumRetryAttempts'] : []),
    ...(platform.maximumRecordAgeInSeconds !== -1
      ? ['maximumRecordAgeInSeconds']
      : []),
  ];
  if (provisionedOnly.length > 0) {
    throw new EsmPlatformSettingsError(
      provisionedOnly[0] ?? 'esmMode',
      `needs esmMode provisioned: a Kafka ESM takes ${provisionedOnly.join(', ')} only in provisioned mode (Lambda developer guide, Kafka retry configurations and on-failure destinations)`
    );
  }
};

/** MSK cluster ARNs that the ESM can take as its event source. */
const assertMskClusters = (platform: PlatformSettings): void => {
  for (const cluster of platform.mskClusters) {
    const arn = MSK_CLUSTER_ARN.exec(cluster.arn);
    if (arn === null) {
      throw new EsmPlatformSettingsError(
        'mskClusterArns',
        `"${cluster.arn}" is not an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)`
      );
    }
    if (REGION.test(platform.region) && arn[1] !== platform.region) {
      throw new EsmPlatformSettingsError(
        'mskClusterArns',
        `the cluster ${cluster.arn} is in ${arn[1]}, the platform in ${platform.region}: an ESM reads MSK clusters of its own region only`
      );
    }
  }
};

/**
 * VPC settings every self-managed ESM can carry: at least one subnet and one
 * security group, and few enough that a binding's own authentication entries
 * still fit the API's 22 SourceAccessConfigurations.
 */
const assertVpc = (platform: PlatformSettings): void => {
  const vpc = platform.vpc;
  if (vpc === undefined) {
    return;
  }
  if (vpc.subnetIds.length === 0 || vpc.securityGroupIds.length === 0) {
    throw new EsmPlatformSettingsError(
      'vpc',
      'needs at least one subnet and one security group: a VPC-attached ESM runs its pollers in both'
    );
  }
  const room =
    EsmLimits.maxSourceAccessConfigurations -
    EsmLimits.maxBindingAccessConfigurations;
  const entries = vpc.subnetIds.length + vpc.securityGroupIds.length;
  if (entries > room) {
    throw new EsmPlatformSettingsError(
      'vpc',
      `${vpc.subnetIds.length} subnets and ${vpc.securityGroupIds.length} security groups are ${entries} SourceAccessConfigurations; at most ${room} leave room for a binding's authentication within the API's ${EsmLimits.maxSourceAccessConfigurations}`
    );
  }
};

/** A secret prefix that leaves room for bounded binding secret names. */
const assertSecretPrefix = (prefix: string): void => {
  if (
    prefix.length > SecretNameLimits.maxSecretPrefixLength ||
    (prefix !== '' && !SecretNameLimits.namePattern.test(prefix))
  ) {
    throw new EsmPlatformSettingsError(
      'secretPrefix',
      `must be at most ${SecretNameLimits.maxSecretPrefixLength} of [A-Za-z0-9/_+=.@-], got "${prefix}"`
    );
  }
};

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
    (!Number.isInteger(pollers.minimumPollers) ||
      !Number.isInteger(pollers.maximumPollers) ||
      pollers.minimumPollers < 1 ||
      pollers.minimumPollers > 200 ||
      pollers.maximumPollers < pollers.minimumPollers ||
      pollers.maximumPollers > 2000)
  ) {
    throw new EsmPlatformSettingsError(
      'provisionedPollers',
      'needs 1 ≤ minimumPollers ≤ 200 and minimumPollers ≤ maximumPollers ≤ 2000'
    );
  }
  if (
    pollers?.pollerGroupName !== undefined &&
    !POLLER_GROUP_NAME.test(pollers.pollerGroupName)
  ) {
    throw new EsmPlatformSettingsError(
      'provisionedPollers.pollerGroupName',
      `must be at most 128 of [a-zA-Z0-9_-], got "${pollers.pollerGroupName}"`
    );
  }
  assertVpc(platform);
  assertModeSettings(platform);
  assertMskClusters(platform);
  assertSecretPrefix(platform.secretPrefix);
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
 * Checks the create-only identity fields the way the Lambda API does, and
 * the tag values the request carries.
 */
const identityErrors = (
  aliasName: string,
  processId: string,
  kafka: KafkaSettings
): Problem[] => {
  const errors: Problem[] = [];
  if (!ALIAS_NAME.test(aliasName)) {
    errors.push({
      message: `Binding id "${aliasName}" is not a valid Lambda alias name (1–128 of [a-zA-Z0-9_-], not only digits).`,
    });
  }
  if (processId.length > MAX_TAG_VALUE_LENGTH) {
    errors.push({
      message: `The process id has ${processId.length} characters; the ESM carries it as a tag value, which AWS limits to ${MAX_TAG_VALUE_LENGTH}.`,
    });
  }
  if (!TOPIC_NAME.test(kafka.topic)) {
    errors.push({
      property: 'topic.topicName',
      message: `Topic "${kafka.topic}" is not accepted by the ESM: the Lambda API takes 2–249 characters of [a-zA-Z0-9._-], not starting with "." (Kafka allows one-character names, the ESM does not).`,
    });
  }
  if (!CONSUMER_GROUP_ID.test(kafka.groupId)) {
    errors.push({
      property: 'groupId',
      message: `Consumer group id "${kafka.groupId}" is not accepted by the ESM: 1–200 characters of [a-zA-Z0-9-/*:_+=.@].`,
    });
  }
  if (kafka.bootstrapServers.length === 0) {
    errors.push({
      property: 'topic.bootstrapServers',
      message: 'No bootstrap servers.',
    });
  }
  for (const server of kafka.bootstrapServers) {
    const trimmed = server.trim();
    if (!ENDPOINT.test(trimmed) || trimmed.length > MAX_ENDPOINT_LENGTH) {
      errors.push({
        property: 'topic.bootstrapServers',
        message: `Bootstrap server "${server}" is not accepted by the ESM: a DNS host name and a port (host:port, at most ${MAX_ENDPOINT_LENGTH} characters, no protocol prefix).`,
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
  platform: PlatformSettings
): Partial<CreateEventSourceMappingCommandInput> => {
  const destination = platform.onFailureDestination;
  const destinationConfig: DestinationConfig | undefined =
    destination === undefined
      ? undefined
      : { OnFailure: { Destination: destination } };
  if (platform.esmMode === 'onDemand') {
    // assertPlatformSettings refuses the provisioned-only settings here.
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
  const errors = identityErrors(aliasName, binding.processId, kafka);
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
  errors.push(...resolved.errors);
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
    ...modeFields(platform),
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

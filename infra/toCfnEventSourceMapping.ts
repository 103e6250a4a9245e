import type { CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import type { CfnEventSourceMappingProps } from 'aws-cdk-lib/aws-lambda';

/**
 * The CloudFormation properties of an ESM from the CreateEventSourceMapping
 * request that `buildEsmPlan` returns (same fields, camelCase, tags as a
 * list), so the static construct and the provisioner create the same ESM.
 *
 * @param request - a request whose secret placeholders are resolved
 */
const toCfnEventSourceMapping = (
  request: CreateEventSourceMappingCommandInput
): CfnEventSourceMappingProps => {
  const source =
    request.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS;
  const pollers = request.ProvisionedPollerConfig;
  const groupId =
    request.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ??
    request.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId;
  // CloudFormation leaves undefined properties out of the template.
  return {
    functionName: request.FunctionName ?? '',
    eventSourceArn: request.EventSourceArn,
    selfManagedEventSource:
      source === undefined
        ? undefined
        : { endpoints: { kafkaBootstrapServers: source } },
    selfManagedKafkaEventSourceConfig:
      request.SelfManagedKafkaEventSourceConfig === undefined
        ? undefined
        : { consumerGroupId: groupId },
    amazonManagedKafkaEventSourceConfig:
      request.AmazonManagedKafkaEventSourceConfig === undefined
        ? undefined
        : { consumerGroupId: groupId },
    topics: request.Topics,
    startingPosition: request.StartingPosition,
    enabled: request.Enabled,
    batchSize: request.BatchSize,
    maximumBatchingWindowInSeconds: request.MaximumBatchingWindowInSeconds,
    sourceAccessConfigurations: request.SourceAccessConfigurations?.map(
      (configuration) => ({ type: configuration.Type, uri: configuration.URI })
    ),
    provisionedPollerConfig:
      pollers === undefined
        ? undefined
        : {
            minimumPollers: pollers.MinimumPollers,
            maximumPollers: pollers.MaximumPollers,
            pollerGroupName: pollers.PollerGroupName,
          },
    functionResponseTypes: request.FunctionResponseTypes,
    maximumRetryAttempts: request.MaximumRetryAttempts,
    maximumRecordAgeInSeconds: request.MaximumRecordAgeInSeconds,
    destinationConfig:
      request.DestinationConfig?.OnFailure?.Destination === undefined
        ? undefined
        : {
            onFailure: {
              destination: request.DestinationConfig.OnFailure.Destination,
            },
          },
    metricsConfig:
      request.MetricsConfig === undefined
        ? undefined
        : { metrics: request.MetricsConfig.Metrics },
    loggingConfig:
      request.LoggingConfig === undefined
        ? undefined
        : { systemLogLevel: request.LoggingConfig.SystemLogLevel },
    tags: Object.entries(request.Tags ?? {}).map(([key, value]) => ({
      key,
      value,
    })),
  };
};

export { toCfnEventSourceMapping };

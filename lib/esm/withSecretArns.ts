import type { KafkaSchemaRegistryConfig } from '@aws-sdk/client-lambda';
import { SECRET_PLACEHOLDER_PREFIX as PLACEHOLDER } from './constants.js';
import { EsmSecretArnMissingError } from './errors.js';
import type { EsmPlan } from './types.js';

/**
 * Replaces the `secret:<name>` placeholders of a plan's access
 * configurations (Kafka and schema registry) with the ARNs of the secrets once they exist.
 *
 * @param plan - a plan from `buildEsmPlan`
 * @param arnsByName - secret name → secret ARN
 * @throws EsmSecretArnMissingError when a placeholder's name has no ARN
 */
const withSecretArns = (
  plan: EsmPlan,
  arnsByName: ReadonlyMap<string, string> | Readonly<Record<string, string>>
): EsmPlan => {
  const lookup = (name: string): string | undefined =>
    arnsByName instanceof Map
      ? arnsByName.get(name)
      : (arnsByName as Readonly<Record<string, string>>)[name];
  const resolve = <T extends { URI?: string }>(configuration: T): T => {
    const uri = configuration.URI;
    if (uri === undefined || !uri.startsWith(PLACEHOLDER)) {
      return configuration;
    }
    const name = uri.slice(PLACEHOLDER.length);
    const arn = lookup(name);
    if (arn === undefined) {
      throw new EsmSecretArnMissingError(name);
    }
    return { ...configuration, URI: arn };
  };
  const { request } = plan;
  const configurations = request.SourceAccessConfigurations?.map(resolve);
  const withRegistry = <
    T extends {
      SchemaRegistryConfig?: KafkaSchemaRegistryConfig;
    },
  >(
    config: T | undefined
  ): T | undefined => {
    const registry = config?.SchemaRegistryConfig;
    if (config === undefined || registry?.AccessConfigs === undefined) {
      return config;
    }
    return {
      ...config,
      SchemaRegistryConfig: {
        ...registry,
        AccessConfigs: registry.AccessConfigs.map(resolve),
      },
    };
  };
  const selfManaged = withRegistry(request.SelfManagedKafkaEventSourceConfig);
  const managed = withRegistry(request.AmazonManagedKafkaEventSourceConfig);
  if (
    configurations === undefined &&
    selfManaged === request.SelfManagedKafkaEventSourceConfig &&
    managed === request.AmazonManagedKafkaEventSourceConfig
  ) {
    return plan;
  }
  return {
    ...plan,
    request: {
      ...request,
      ...(configurations === undefined
        ? {}
        : { SourceAccessConfigurations: configurations }),
      ...(selfManaged === undefined
        ? {}
        : { SelfManagedKafkaEventSourceConfig: selfManaged }),
      ...(managed === undefined
        ? {}
        : { AmazonManagedKafkaEventSourceConfig: managed }),
    },
  };
};

export { withSecretArns };

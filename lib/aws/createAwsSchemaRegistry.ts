import {
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Binding } from '../binding/types.js';
import { valueFormatOf } from '../binding/valueFormatOf.js';
import { registrySecretName } from '../esm/buildSchemaRegistryConfig.js';
import type { SchemaRegistryPort } from '../kafka/types.js';
import { createRegistryClient } from '../registry/createRegistryClient.js';
import { RegistrySecretUnavailableError } from './errors.js';

interface AwsSchemaRegistryOptions {
  readonly client: SecretsManagerClient;
  /** Prefix of the per-binding secrets (`SECRET_PREFIX`, `kafka-inbound/`). */
  readonly secretPrefix: string;
  readonly timeoutMs?: number;
}

/**
 * One per-binding registry secret as JSON fields (never logged); undefined
 * when the provisioner wrote none (the binding has no such credential).
 */
const readFields = async (
  client: SecretsManagerClient,
  name: string
): Promise<Record<string, string> | undefined> => {
  try {
    const result = await client.send(
      new GetSecretValueCommand({ SecretId: name })
    );
    const parsed: unknown = JSON.parse(result.SecretString ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return parsed as Record<string, string>;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    // No cause: a JSON syntax error would quote the secret.
    throw new RegistrySecretUnavailableError(
      name,
      error instanceof SyntaxError ? 'not JSON' : (error as Error).name
    );
  }
};

/** The registry URL without user info (its password is masked in the store). */
const withoutUserInfo = (url: string): string => {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
};

/**
 * The schema registry client of a deployed binding in Lambda: the registry
 * URL from the binding, credentials from the per-binding secrets the
 * provisioner wrote for the ESM (`<prefix>bindings/<bindingId>/schema_registry_*`,
 * readable by the consumer role; a secret that does not exist is a
 * credential the binding does not have). The stored binding's literal
 * credentials are masked, so only the secrets are read. Undefined when the
 * binding reads no Confluent-compatible registry.
 *
 * @param binding - The deployed binding.
 * @param options - Secrets Manager client, secret prefix, timeout.
 */
const createAwsSchemaRegistry = async (
  binding: Binding,
  options: AwsSchemaRegistryOptions
): Promise<SchemaRegistryPort | undefined> => {
  if (valueFormatOf(binding.kafka.schema).kind !== 'confluent') {
    return undefined;
  }
  const { schema } = binding.kafka;
  if (schema.type !== 'schemaRegistry') return undefined;
  const read = (type: string) =>
    readFields(
      options.client,
      registrySecretName(options.secretPrefix, binding.id, type)
    );
  const [basic, tls, ca] = await Promise.all([
    read('BASIC_AUTH'),
    read('CLIENT_CERTIFICATE_TLS_AUTH'),
    read('SERVER_ROOT_CA_CERTIFICATE'),
  ]);
  return createRegistryClient({
    url: withoutUserInfo(schema.schemaRegistryUrl),
    ...(basic === undefined
      ? {}
      : {
          basicAuth: {
            username: basic.username ?? '',
            password: basic.password ?? '',
          },
        }),
    ...(ca?.certificate === undefined ? {} : { ca: ca.certificate }),
    ...(tls?.certificate === undefined || tls.privateKey === undefined
      ? {}
      : {
          clientCertificate: {
            certificate: tls.certificate,
            privateKey: tls.privateKey,
            ...(tls.privateKeyPassword === undefined
              ? {}
              : { keyPassword: tls.privateKeyPassword }),
          },
        }),
    ...(options.timeoutMs === undefined
      ? {}
      : { timeoutMs: options.timeoutMs }),
  });
};

export type { AwsSchemaRegistryOptions };
export { createAwsSchemaRegistry };

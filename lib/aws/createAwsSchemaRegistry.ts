import {
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { readRegistryAccess } from '../binding/readRegistryAccess.js';
import type { Binding } from '../binding/types.js';
import { registrySecretName } from '../esm/buildSchemaRegistryConfig.js';
import { secretBaseName } from '../esm/buildSourceAccess.js';
import type { SchemaRegistryPort } from '../kafka/types.js';
import { createRegistryClient } from '../registry/createRegistryClient.js';
import { RegistrySecretUnavailableError } from './errors.js';

interface AwsSchemaRegistryOptions {
  readonly client: SecretsManagerClient;
  /** Prefix of the per-binding secrets (`SECRET_PREFIX`, `kafka-inbound/`). */
  readonly secretPrefix: string;
  readonly timeoutMs?: number;
}

/** One per-binding registry secret as JSON fields (never logged). */
const readFields = async (
  client: SecretsManagerClient,
  name: string
): Promise<Record<string, string>> => {
  try {
    const result = await client.send(
      new GetSecretValueCommand({ SecretId: name })
    );
    const parsed: unknown = JSON.parse(result.SecretString ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return parsed as Record<string, string>;
  } catch (error) {
    // No cause: a JSON syntax error would quote the secret.
    throw new RegistrySecretUnavailableError(
      name,
      error instanceof SyntaxError ? 'not JSON' : (error as Error).name
    );
  }
};

/**
 * The schema registry client of a deployed binding in Lambda: the registry
 * URL from the binding, credentials from the per-binding secrets the
 * provisioner wrote for the ESM (`<prefix><bindingId>/schema_registry_*`,
 * readable by the consumer role). Undefined when the binding reads no
 * Confluent-compatible registry.
 *
 * @param binding - The deployed binding.
 * @param options - Secrets Manager client, secret prefix, timeout.
 */
const createAwsSchemaRegistry = async (
  binding: Binding,
  options: AwsSchemaRegistryOptions
): Promise<SchemaRegistryPort | undefined> => {
  const { access } = readRegistryAccess(binding.kafka);
  if (access === undefined || access.kind !== 'confluent') return undefined;
  const base = secretBaseName(options.secretPrefix, binding.id);
  const read = (type: string) =>
    readFields(options.client, registrySecretName(base, type));
  const basic =
    access.basicAuth === undefined ? undefined : await read('BASIC_AUTH');
  const tls =
    access.clientCertificate === undefined
      ? undefined
      : await read('CLIENT_CERTIFICATE_TLS_AUTH');
  const ca =
    access.truststoreCertificates === undefined
      ? undefined
      : await read('SERVER_ROOT_CA_CERTIFICATE');
  return createRegistryClient({
    url: access.url,
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

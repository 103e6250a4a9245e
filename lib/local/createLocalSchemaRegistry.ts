import { readRegistryAccess } from '../binding/readRegistryAccess.js';
import type { Binding } from '../binding/types.js';
import type { SchemaRegistryPort } from '../kafka/types.js';
import { createRegistryClient } from '../registry/createRegistryClient.js';
import { createSecretResolver } from './buildLocalKafkaSettings.js';
import { LocalSecretMissingError } from './errors.js';

/**
 * The schema registry client of a binding outside AWS (`npm start`,
 * `replay`): the registry URL and credentials the BPMN gives, secret
 * references read from `SECRET_<NAME>`. Undefined when the binding reads
 * no Confluent-compatible registry.
 *
 * @param binding - A valid binding.
 * @param env - The environment (SECRET_*).
 * @param timeoutMs - One request's time limit (default 5 s).
 * @throws LocalSecretMissingError when a referenced secret is not set.
 */
const createLocalSchemaRegistry = (
  binding: Binding,
  env: NodeJS.ProcessEnv,
  timeoutMs?: number
): SchemaRegistryPort | undefined => {
  const { access } = readRegistryAccess(binding.kafka);
  if (access === undefined || access.kind !== 'confluent') return undefined;
  const { resolve, missing } = createSecretResolver(env);
  const basicAuth =
    access.basicAuth === undefined
      ? undefined
      : {
          username: resolve(access.basicAuth.username),
          password: resolve(access.basicAuth.password),
        };
  const ca =
    access.truststoreCertificates === undefined
      ? undefined
      : resolve(access.truststoreCertificates);
  const certificate = access.clientCertificate;
  const clientCertificate =
    certificate === undefined
      ? undefined
      : {
          certificate: resolve(certificate.certificate),
          privateKey: resolve(certificate.privateKey),
          ...(certificate.keyPassword === undefined
            ? {}
            : { keyPassword: resolve(certificate.keyPassword) }),
        };
  if (missing.size > 0) {
    throw new LocalSecretMissingError([...missing].sort());
  }
  return createRegistryClient({
    url: access.url,
    ...(basicAuth === undefined ? {} : { basicAuth }),
    ...(ca === undefined ? {} : { ca }),
    ...(clientCertificate === undefined ? {} : { clientCertificate }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
};

export { createLocalSchemaRegistry };

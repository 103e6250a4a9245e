import type { Problem } from '../bpmn/types.js';
import { GLUE_REGISTRY_ARN, REGISTRY_PROPERTIES } from './constants.js';
import type { KafkaSettings, SchemaRegistryAccess } from './types.js';

/** The registry access of a binding and the problems found reading it. */
interface RegistryAccessOutcome {
  /** Absent when the binding has no registry, or it cannot be read. */
  readonly access?: SchemaRegistryAccess;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

/** Settings that name files or token flows nothing can carry to the ESM. */
const NOT_CARRIED: Readonly<Record<string, string>> = {
  'schema.registry.ssl.truststore.location':
    'a truststore file cannot be carried into a secret: give the CA as PEM in schema.registry.ssl.truststore.certificates',
  'schema.registry.ssl.keystore.location':
    'a keystore file cannot be carried into a secret: give it as PEM in schema.registry.ssl.keystore.certificate.chain and schema.registry.ssl.keystore.key',
  'bearer.auth.credentials.source':
    'bearer-token authentication to the registry cannot be carried: the ESM and kafka-inbound support basic authentication and TLS client certificates',
  'bearer.auth.token':
    'bearer-token authentication to the registry cannot be carried: the ESM and kafka-inbound support basic authentication and TLS client certificates',
};

const splitUserInfo = (
  text: string
): { username: string; password: string } | undefined => {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
};

/** The URL's user info (`https://user:password@host`), and the URL without it. */
const splitUrl = (
  url: string
): {
  readonly url: string;
  readonly userInfo?: { username: string; password: string };
} => {
  if (!URL.canParse(url)) return { url };
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { url };
  const userInfo = {
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString().replace(/\/$/, ''), userInfo };
};

/**
 * The schema registry of a binding and how to reach it, read the way
 * Confluent's registry client reads the consumer properties Camunda's
 * connector passes it: `basic.auth.credentials.source` (`URL`, the default:
 * user info in the registry URL; `USER_INFO`: `basic.auth.user.info` or
 * `schema.registry.basic.auth.user.info` as `user:password`; `SASL_INHERIT`:
 * the Kafka SASL username and password) and PEM TLS material under
 * `schema.registry.ssl.*`. Credentials stay as written (literals or secret
 * references). What cannot be carried into a secret is an error naming the
 * property.
 *
 * @param kafka - The binding's Kafka settings (final client properties).
 */
const readRegistryAccess = (kafka: KafkaSettings): RegistryAccessOutcome => {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const { schema, clientProperties: properties } = kafka;
  if (schema.type !== 'schemaRegistry') {
    return { errors, warnings };
  }
  const get = (name: string): string | undefined => {
    const value = properties[name]?.trim();
    return value === '' ? undefined : value;
  };
  if (GLUE_REGISTRY_ARN.test(schema.schemaRegistryUrl)) {
    for (const name of Object.values(REGISTRY_PROPERTIES)) {
      if (get(name) !== undefined) {
        warnings.push({
          property: name,
          message: `${name} has no effect on an AWS Glue registry: the ESM reaches Glue with the consumer function's role`,
        });
      }
    }
    return {
      access: { kind: 'glue', url: schema.schemaRegistryUrl },
      errors,
      warnings,
    };
  }
  for (const [name, why] of Object.entries(NOT_CARRIED)) {
    if (get(name) !== undefined) errors.push({ property: name, message: why });
  }
  const { url, userInfo: urlUserInfo } = splitUrl(schema.schemaRegistryUrl);
  const sourceName =
    get(REGISTRY_PROPERTIES.prefixedCredentialsSource) !== undefined
      ? REGISTRY_PROPERTIES.prefixedCredentialsSource
      : REGISTRY_PROPERTIES.credentialsSource;
  const source = (get(sourceName) ?? 'URL').toUpperCase();
  let basicAuth: { username: string; password: string } | undefined;
  if (source === 'URL') {
    basicAuth = urlUserInfo;
  } else if (source === 'USER_INFO') {
    const name =
      get(REGISTRY_PROPERTIES.userInfo) === undefined &&
      get(REGISTRY_PROPERTIES.prefixedUserInfo) !== undefined
        ? REGISTRY_PROPERTIES.prefixedUserInfo
        : REGISTRY_PROPERTIES.userInfo;
    const text = get(name);
    basicAuth = text === undefined ? undefined : splitUserInfo(text);
    if (basicAuth === undefined) {
      errors.push({
        property: name,
        message: `${sourceName}=USER_INFO needs ${REGISTRY_PROPERTIES.userInfo} as "user:password"`,
      });
    }
  } else if (source === 'SASL_INHERIT') {
    const { username, password } = kafka.authentication;
    if (username === undefined || password === undefined) {
      errors.push({
        property: sourceName,
        message: `${sourceName}=SASL_INHERIT needs a Kafka SASL username and password`,
      });
    } else {
      basicAuth = { username, password };
    }
  } else {
    errors.push({
      property: sourceName,
      message: `"${source}" is not a credentials source kafka-inbound can carry: use URL, USER_INFO or SASL_INHERIT`,
    });
  }
  const certificate = get(REGISTRY_PROPERTIES.keystoreCertificateChain);
  const privateKey = get(REGISTRY_PROPERTIES.keystoreKey);
  if ((certificate === undefined) !== (privateKey === undefined)) {
    errors.push({
      property:
        certificate === undefined
          ? REGISTRY_PROPERTIES.keystoreCertificateChain
          : REGISTRY_PROPERTIES.keystoreKey,
      message: `a registry client certificate needs both ${REGISTRY_PROPERTIES.keystoreCertificateChain} and ${REGISTRY_PROPERTIES.keystoreKey} (PEM)`,
    });
  }
  const truststore = get(REGISTRY_PROPERTIES.truststoreCertificates);
  const keyPassword = get(REGISTRY_PROPERTIES.keyPassword);
  if (errors.length > 0) return { errors, warnings };
  return {
    access: {
      kind: 'confluent',
      url,
      ...(basicAuth === undefined ? {} : { basicAuth }),
      ...(truststore === undefined
        ? {}
        : { truststoreCertificates: truststore }),
      ...(certificate === undefined || privateKey === undefined
        ? {}
        : {
            clientCertificate: {
              certificate,
              privateKey,
              ...(keyPassword === undefined ? {} : { keyPassword }),
            },
          }),
    },
    errors,
    warnings,
  };
};

export type { RegistryAccessOutcome };
export { readRegistryAccess };

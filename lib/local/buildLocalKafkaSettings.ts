import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { replaceSecretReferences } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { LOCAL_SECRET_PREFIX, LocalDefaults, LocalEnv } from './constants.js';
import { LocalKafkaConfigError, LocalSecretMissingError } from './errors.js';
import { readLocalEnv } from './readLocalEnv.js';

/** What the emulated ESM of one binding needs from the binding and the environment. */
interface LocalKafkaSettings {
  /** kafkajs client settings, secrets resolved (never log this object). */
  readonly client: KafkaConfig;
  readonly servers: readonly string[];
  /** True when KAFKA_BOOTSTRAP_SERVERS replaced the BPMN's servers. */
  readonly serversOverridden: boolean;
  readonly batchSize: number;
  readonly batchWindowMs: number;
  readonly fromBeginning: boolean;
  /** `session.timeout.ms` (the connector's default is 45 s). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
}

/** `SECRET_<NAME>`, with characters a shell cannot export turned into `_`. */
const secretVariableNames = (name: string): string[] => {
  const exact = `${LOCAL_SECRET_PREFIX}${name}`;
  const portable = `${LOCAL_SECRET_PREFIX}${name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()}`;
  return exact === portable ? [exact] : [exact, portable];
};

/**
 * Replaces secret references with `SECRET_<NAME>` values; collects the names
 * of the secrets that are not set.
 */
const createSecretResolver = (env: NodeJS.ProcessEnv) => {
  const missing = new Set<string>();
  const resolve = (text: string): string =>
    replaceSecretReferences(text, (reference) => {
      for (const variable of secretVariableNames(reference.name)) {
        const value = env[variable];
        if (value !== undefined) return value;
      }
      missing.add(reference.name);
      return reference.text;
    });
  return { resolve, missing };
};

const integerProperty = (
  properties: Readonly<Record<string, string>>,
  name: string,
  fallback: number,
  min: number,
  max: number
): number => {
  const raw = properties[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new LocalKafkaConfigError(name, `'${raw}' is not a whole number`);
  }
  return Math.min(max, Math.max(min, value));
};

const optionalMs = <TField extends string>(
  properties: Readonly<Record<string, string>>,
  name: string,
  field: TField
): Partial<Record<TField, number>> =>
  properties[name] === undefined
    ? {}
    : ({
        [field]: integerProperty(properties, name, 0, 1, 3_600_000),
      } as Partial<Record<TField, number>>);

const saslOptions = (
  binding: Binding,
  resolve: (text: string) => string
): SASLOptions | undefined => {
  const { authentication } = binding.kafka;
  if (!authentication.securityProtocol.startsWith('SASL_')) return undefined;
  const username = resolve(authentication.username ?? '');
  const password = resolve(authentication.password ?? '');
  switch (authentication.saslMechanism) {
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      throw new LocalKafkaConfigError(
        'sasl.mechanism',
        `${authentication.saslMechanism ?? 'GSSAPI'} is not supported by the local runtime (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are)`
      );
  }
};

const tlsOptions = (
  binding: Binding,
  resolve: (text: string) => string
): KafkaConfig['ssl'] => {
  const { authentication } = binding.kafka;
  if (!authentication.securityProtocol.endsWith('SSL')) return undefined;
  const tls = authentication.tls;
  if (tls === undefined) return true;
  return {
    ...(tls.truststoreCertificates === undefined
      ? {}
      : { ca: [resolve(tls.truststoreCertificates)] }),
    ...(tls.keystoreCertificateChain === undefined
      ? {}
      : { cert: resolve(tls.keystoreCertificateChain) }),
    ...(tls.keystoreKey === undefined ? {} : { key: resolve(tls.keystoreKey) }),
    ...(tls.keyPassword === undefined
      ? {}
      : { passphrase: resolve(tls.keyPassword) }),
  };
};

/**
 * The kafkajs settings of a binding: servers (or KAFKA_BOOTSTRAP_SERVERS),
 * TLS and SASL with secrets from `SECRET_<NAME>`, batch size from
 * `max.poll.records` and batching window from `fetch.max.wait.ms`.
 * Throws `LocalSecretMissingError` when a referenced secret is not set and
 * `LocalKafkaConfigError` for what kafkajs cannot do.
 *
 * @param binding - the binding as the BPMN describes it
 * @param env - the environment (SECRET_*, KAFKA_BOOTSTRAP_SERVERS)
 */
const buildLocalKafkaSettings = (
  binding: Binding,
  env: NodeJS.ProcessEnv
): LocalKafkaSettings => {
  const { kafka } = binding;
  const { resolve, missing } = createSecretResolver(env);
  const override = readLocalEnv(env).text(LocalEnv.bootstrapServers);
  const servers = (
    override ? override.split(',') : kafka.bootstrapServers.map(resolve)
  )
    .map((server) => server.trim())
    .filter((server) => server.length > 0);
  const sasl = saslOptions(binding, resolve);
  const ssl = tlsOptions(binding, resolve);
  const properties = kafka.clientProperties;
  const clientId = resolve(properties['client.id'] ?? 'kafka-inbound-local');
  if (missing.size > 0) {
    throw new LocalSecretMissingError([...missing]);
  }
  if (servers.length === 0) {
    throw new LocalKafkaConfigError(
      'topic.bootstrapServers',
      'no bootstrap servers are set'
    );
  }
  return {
    client: {
      clientId,
      brokers: servers,
      ...(ssl === undefined ? {} : { ssl }),
      ...(sasl === undefined ? {} : { sasl }),
      connectionTimeout: 3000,
      ...(properties['request.timeout.ms'] === undefined
        ? {}
        : {
            requestTimeout: integerProperty(
              properties,
              'request.timeout.ms',
              30_000,
              1000,
              600_000
            ),
          }),
      // Few quick retries: the runtime reports and reconnects itself.
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5000 },
    },
    servers,
    serversOverridden: Boolean(override),
    batchSize: integerProperty(
      properties,
      'max.poll.records',
      LocalDefaults.maxPollRecords,
      1,
      10_000
    ),
    batchWindowMs: integerProperty(
      properties,
      'fetch.max.wait.ms',
      LocalDefaults.batchWindowMs,
      0,
      300_000
    ),
    // `none` has no ESM equivalent; the ESM plan maps it to TRIM_HORIZON too.
    fromBeginning: kafka.autoOffsetReset !== 'latest',
    ...optionalMs(properties, 'session.timeout.ms', 'sessionTimeoutMs'),
    ...optionalMs(properties, 'heartbeat.interval.ms', 'heartbeatIntervalMs'),
  };
};

export type { LocalKafkaSettings };
export { buildLocalKafkaSettings, createSecretResolver, secretVariableNames };

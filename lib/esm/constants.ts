import type { EsmPropertyRow } from './types.js';

/**
 * Prefix of every tag key the platform puts on what it creates (ESMs,
 * binding secrets): the provisioner's role may tag with these keys only.
 */
const TAG_KEY_PREFIX = 'kafka-inbound:';

/** Tag keys every ESM carries; the provisioner finds its ESMs by them. */
const EsmTagKeys = {
  processId: `${TAG_KEY_PREFIX}process-id`,
  bindingId: `${TAG_KEY_PREFIX}binding-id`,
  revision: `${TAG_KEY_PREFIX}revision`,
} as const;

/**
 * The three secret namespaces under the platform's secret prefix
 * (`kafka-inbound/` by default), each with its own IAM grants:
 * - platform secrets, `<prefix>camunda`: written by operators, read by both
 *   functions, never written by them;
 * - users' secrets, `<prefix>secrets/NAME`: what a BPMN references as
 *   `{{secrets.NAME}}`; written by operators, read only by the provisioner
 *   (the upload policy may limit which NAMEs a file can reference);
 * - binding secrets, `<prefix>bindings/<bindingId>/<type>` (and MSK SCRAM's
 *   `AmazonMSK_<prefix>bindings/…`): written only by the provisioner (or
 *   CloudFormation for static processes), read by the ESM and the consumer
 *   through the consumer's role.
 * A binding id is a Lambda alias name (no `/`), so the namespaces never meet.
 */
const SecretNamespaces = {
  platform: '',
  users: 'secrets/',
  bindings: 'bindings/',
  /** MSK reads SASL/SCRAM secrets only under names starting with this. */
  mskScramPrefix: 'AmazonMSK_',
  /** The platform secret with the Camunda credentials. */
  camunda: 'camunda',
} as const;

/**
 * Limits of secret names. A binding secret's ARN becomes a
 * `SourceAccessConfigurations[].URI`, at most 200 characters in the Lambda
 * API model: `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-`
 * plus 6 random characters is 48 + partition + region + name characters, so
 * with room for the longest partition (`aws-us-gov`, 10) and a region of up
 * to 20 characters a name has at most 122. Longer names are shortened with
 * a hash of the binding id, the same way wherever they are computed.
 */
const SecretNameLimits = {
  maxUriLength: 200,
  arnOverhead: 48,
  maxPartitionLength: 10,
  maxRegionLength: 20,
  maxBindingSecretName: 200 - 48 - 10 - 20,
  /** Hex characters of the binding id hash in a shortened name. */
  hashLength: 12,
  /** Longest platform secret prefix (room for a shortened binding id). */
  maxSecretPrefixLength: 40,
  /** Characters Secrets Manager accepts in a name. */
  namePattern: /^[A-Za-z0-9/_+=.@-]+$/,
} as const;

/** Kafka `auto.offset.reset` → ESM `StartingPosition` (`none`: see docs/esm-mapping.md). */
const StartingPositionByReset = {
  earliest: 'TRIM_HORIZON',
  latest: 'LATEST',
  none: 'TRIM_HORIZON',
} as const;

/** SASL mechanism → the SourceAccessConfiguration type holding its secret. */
const SaslAccessType = {
  PLAIN: 'BASIC_AUTH',
  'SCRAM-SHA-256': 'SASL_SCRAM_256_AUTH',
  'SCRAM-SHA-512': 'SASL_SCRAM_512_AUTH',
} as const;

/**
 * Prefix of the placeholder a plan's access configurations hold
 * (`secret:<name>`) until the secret exists and `withSecretArns` puts its ARN.
 */
const SECRET_PLACEHOLDER_PREFIX = 'secret:';

/** ESM limits from the Lambda API model. */
const EsmLimits = {
  maxBatchSize: 10_000,
  maxBatchingWindowSeconds: 300,
  maxBootstrapServers: 10,
  maxConsumerGroupIdLength: 200,
  maxRetryAttempts: 10_000,
  minRecordAgeSeconds: 60,
  maxRecordAgeSeconds: 604_800,
  defaultMinimumPollers: 1,
  defaultMaximumPollers: 200,
  /** SourceAccessConfigurations: at most 22 entries in the Lambda API model. */
  maxSourceAccessConfigurations: 22,
  /**
   * Most entries a binding's own authentication adds (SASL or a client
   * certificate, and a root CA); the platform's VPC entries get the rest.
   */
  maxBindingAccessConfigurations: 2,
  /** SchemaRegistryConfig.AccessConfigs (CloudFormation: at most 2). */
  maxSchemaRegistryAccessConfigs: 2,
  /** The ESM's own batching window default for Kafka. */
  defaultBatchingWindowMs: 500,
} as const;

const notHonoured = (property: string, note: string): EsmPropertyRow => ({
  property,
  class: 'notHonoured',
  note,
});

const connectorDefault = (
  property: string,
  value: string,
  note: string
): EsmPropertyRow => ({
  property,
  class: 'irrelevant',
  irrelevantWhenEquals: value,
  note,
});

/**
 * What every Kafka consumer property and binding field becomes on the ESM.
 * Rows whose property ends in `.*` match by prefix; a property no row matches
 * is not honoured. The table in docs/esm-mapping.md is generated from this data.
 */
const esmPropertyTable: readonly EsmPropertyRow[] = [
  {
    property: 'bootstrap.servers',
    class: 'mapped',
    esmField:
      'EventSourceArn (known MSK cluster) or SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS',
    note: 'MSK when a server matches a known cluster; at most 10 servers.',
  },
  {
    property: 'topic.topicName',
    class: 'mapped',
    esmField: 'Topics',
    note: 'Exactly one topic per ESM (create-only).',
  },
  {
    property: 'group.id',
    class: 'mapped',
    esmField: '*KafkaEventSourceConfig.ConsumerGroupId',
    note: '1–200 characters of [a-zA-Z0-9-/*:_+=.@]; create-only.',
  },
  {
    property: 'auto.offset.reset',
    class: 'mapped',
    esmField: 'StartingPosition',
    note: 'earliest → TRIM_HORIZON, latest → LATEST, none → TRIM_HORIZON with a warning (the ESM cannot fail on a missing offset). Used only when the group has no committed offsets.',
  },
  {
    property: 'offsets',
    class: 'mapped',
    esmField: 'StartingPosition = TRIM_HORIZON',
    note: 'The ESM cannot seek: the consumer skips records below each partition’s offset; offsets below the committed position do not replay (warning).',
  },
  {
    property: 'max.poll.records',
    class: 'mapped',
    esmField: 'BatchSize',
    note: '1–10000; out-of-range values are clamped with a warning.',
  },
  {
    property: 'fetch.max.wait.ms',
    class: 'mapped',
    esmField: 'MaximumBatchingWindowInSeconds',
    note: 'Whole seconds 0–300, rounded with a warning; 500 (the ESM default) leaves the field unset.',
  },
  {
    property: 'security.protocol',
    class: 'mapped',
    esmField: 'SourceAccessConfigurations',
    note: 'SASL always runs over TLS on the ESM: SASL_PLAINTEXT gives a warning.',
  },
  {
    property: 'sasl.mechanism',
    class: 'mapped',
    esmField: 'SourceAccessConfigurations[].Type',
    note: 'PLAIN → BASIC_AUTH, SCRAM-SHA-256/512 → SASL_SCRAM_256_AUTH/SASL_SCRAM_512_AUTH, AWS_MSK_IAM → no secret (execution role), OAUTHBEARER → error.',
  },
  {
    property: 'sasl.jaas.config',
    class: 'mapped',
    esmField: 'per-binding secret {username, password}',
    note: 'username/password are read from the login module options (double or single quotes) when the authentication fields are empty; with username and password, Camunda’s PLAIN line also serves SCRAM-SHA-256/512 (Kafka reads the credentials from either login module).',
  },
  {
    property: 'sasl.client.callback.handler.class',
    class: 'irrelevant',
    note: 'Only meaningful with AWS_MSK_IAM, which the ESM does with the execution role.',
  },
  {
    property: 'ssl.keystore.type',
    class: 'mapped',
    esmField: 'CLIENT_CERTIFICATE_TLS_AUTH secret',
    note: 'Only PEM keystores can be carried into the secret.',
  },
  {
    property: 'ssl.keystore.certificate.chain',
    class: 'mapped',
    esmField: 'CLIENT_CERTIFICATE_TLS_AUTH secret `certificate`',
    note: 'PEM chain: client, intermediates, root.',
  },
  {
    property: 'ssl.keystore.key',
    class: 'mapped',
    esmField: 'CLIENT_CERTIFICATE_TLS_AUTH secret `privateKey`',
    note: 'PKCS#8 PEM (PBES1 encryption only).',
  },
  {
    property: 'ssl.key.password',
    class: 'mapped',
    esmField: 'CLIENT_CERTIFICATE_TLS_AUTH secret `privateKeyPassword`',
    note: 'Optional.',
  },
  {
    property: 'ssl.truststore.type',
    class: 'mapped',
    esmField: 'SERVER_ROOT_CA_CERTIFICATE secret',
    note: 'Only PEM truststores can be carried into the secret.',
  },
  {
    property: 'ssl.truststore.certificates',
    class: 'mapped',
    esmField: 'SERVER_ROOT_CA_CERTIFICATE secret `certificate`',
    note: 'Self-managed clusters only; MSK uses Amazon Trust Services certificates.',
  },
  notHonoured(
    'ssl.keystore.location',
    'The ESM cannot read files: give the keystore as PEM (ssl.keystore.type=PEM).'
  ),
  notHonoured(
    'ssl.keystore.password',
    'JKS/PKCS12 keystores are not supported by the ESM: give it as PEM.'
  ),
  notHonoured(
    'ssl.truststore.location',
    'The ESM cannot read files: give the CA as PEM (ssl.truststore.type=PEM).'
  ),
  notHonoured(
    'ssl.truststore.password',
    'JKS/PKCS12 truststores are not supported by the ESM: give it as PEM.'
  ),
  notHonoured(
    'ssl.endpoint.identification.algorithm',
    'The ESM’s TLS host name verification cannot be configured.'
  ),
  notHonoured('ssl.*', 'The ESM’s TLS settings cannot be configured.'),
  notHonoured('sasl.*', 'The ESM’s SASL client cannot be configured.'),
  {
    property: 'enable.auto.commit',
    class: 'irrelevant',
    note: 'The ESM commits after each batch, up to the first reported failure.',
  },
  {
    property: 'key.deserializer',
    class: 'irrelevant',
    note: 'The ESM delivers bytes (base64); the consumer decodes keys as strings.',
  },
  {
    property: 'value.deserializer',
    class: 'irrelevant',
    note: 'The ESM delivers bytes (base64); the consumer decodes per the schema strategy.',
  },
  {
    property: 'schema.registry.url',
    class: 'mapped',
    esmField: '*KafkaEventSourceConfig.SchemaRegistryConfig.SchemaRegistryURI',
    note: 'From the schema strategy (provisioned mode; SOURCE format, value validation; a Glue registry ARN gives JSON). On-demand ESMs cannot use a registry: the consumer decodes (warning).',
  },
  {
    property: 'basic.auth.credentials.source',
    class: 'mapped',
    esmField: 'SchemaRegistryConfig.AccessConfigs BASIC_AUTH secret',
    note: 'URL (default: user info of the registry URL), USER_INFO or SASL_INHERIT; others are an error.',
  },
  {
    property: 'basic.auth.user.info',
    class: 'mapped',
    esmField: 'BASIC_AUTH secret {username, password}',
    note: '`user:password` (also as schema.registry.basic.auth.user.info).',
  },
  {
    property: 'schema.registry.basic.auth.user.info',
    class: 'mapped',
    esmField: 'BASIC_AUTH secret {username, password}',
    note: 'The prefixed spelling of basic.auth.user.info.',
  },
  {
    property: 'schema.registry.basic.auth.credentials.source',
    class: 'mapped',
    esmField: 'SchemaRegistryConfig.AccessConfigs BASIC_AUTH secret',
    note: 'The prefixed spelling of basic.auth.credentials.source.',
  },
  {
    property: 'schema.registry.ssl.truststore.certificates',
    class: 'mapped',
    esmField:
      'SchemaRegistryConfig.AccessConfigs SERVER_ROOT_CA_CERTIFICATE secret',
    note: 'PEM CA certificates of the registry.',
  },
  {
    property: 'schema.registry.ssl.keystore.certificate.chain',
    class: 'mapped',
    esmField:
      'SchemaRegistryConfig.AccessConfigs CLIENT_CERTIFICATE_TLS_AUTH secret',
    note: 'PEM client certificate chain for the registry, with schema.registry.ssl.keystore.key.',
  },
  {
    property: 'schema.registry.ssl.keystore.key',
    class: 'mapped',
    esmField: 'CLIENT_CERTIFICATE_TLS_AUTH secret `privateKey`',
    note: 'PKCS#8 PEM.',
  },
  {
    property: 'schema.registry.ssl.key.password',
    class: 'mapped',
    esmField: 'CLIENT_CERTIFICATE_TLS_AUTH secret `privateKeyPassword`',
    note: 'Optional.',
  },
  notHonoured(
    'schema.registry.*',
    'Other registry client settings cannot be configured (files and bearer tokens are an error at validation).'
  ),
  notHonoured(
    'bearer.auth.*',
    'Bearer-token registry authentication cannot be carried (an error at validation).'
  ),
  {
    property: 'json.value.type',
    class: 'irrelevant',
    note: 'A Java deserializer setting the connector forces.',
  },
  {
    property: 'retention.ms',
    class: 'irrelevant',
    note: 'A topic setting the connector forces; meaningless for a consumer.',
  },
  connectorDefault(
    'session.timeout.ms',
    '45000',
    'The ESM’s pollers manage their own group session.'
  ),
  connectorDefault(
    'heartbeat.interval.ms',
    '3000',
    'The ESM’s pollers manage their own heartbeats.'
  ),
  connectorDefault(
    'client.dns.lookup',
    'use_all_dns_ips',
    'The ESM resolves broker names itself.'
  ),
  connectorDefault(
    'default.api.timeout.ms',
    '60000',
    'The ESM’s client timeouts cannot be configured.'
  ),
  connectorDefault(
    'request.timeout.ms',
    '30000',
    'The ESM’s client timeouts cannot be configured.'
  ),
  connectorDefault('acks', 'all', 'A producer setting.'),
  connectorDefault('delivery.timeout.ms', '45000', 'A producer setting.'),
  connectorDefault('max.block.ms', '60000', 'A producer setting.'),
  connectorDefault('linger.ms', '0', 'A producer setting.'),
  notHonoured('client.id', 'The ESM names its own Kafka clients.'),
  notHonoured(
    'max.poll.interval.ms',
    'The ESM bounds processing by the function timeout (at most 14 minutes).'
  ),
  notHonoured(
    'max.partition.fetch.bytes',
    'The ESM fetches on its own; a batch is capped at 6 MB.'
  ),
  notHonoured(
    'fetch.max.bytes',
    'The ESM fetches on its own; a batch is capped at 6 MB.'
  ),
  notHonoured('fetch.min.bytes', 'The ESM fetches on its own.'),
  notHonoured(
    'isolation.level',
    'The ESM’s isolation level cannot be configured.'
  ),
  notHonoured(
    'partition.assignment.strategy',
    'The ESM’s pollers own partition assignment.'
  ),
  notHonoured(
    'group.instance.id',
    'Static membership is not available on the ESM.'
  ),
  notHonoured('auto.commit.interval.ms', 'The ESM commits after each batch.'),
];

export {
  EsmLimits,
  EsmTagKeys,
  esmPropertyTable,
  SaslAccessType,
  SECRET_PLACEHOLDER_PREFIX,
  SecretNameLimits,
  SecretNamespaces,
  StartingPositionByReset,
  TAG_KEY_PREFIX,
};

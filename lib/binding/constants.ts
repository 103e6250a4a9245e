import type { ElementKind } from '../bpmn/types.js';
import { FEEL_LIMITS } from '../feel/index.js';
import { CREDENTIAL_NAME } from '../text/index.js';

/** Template ids of Camunda's Kafka inbound element templates. */
const KAFKA_TEMPLATE_IDS = {
  noneStart: 'io.camunda.connectors.inbound.KAFKA.v1',
  messageStart: 'io.camunda.connectors.inbound.KafkaMessageStart.v1',
  intermediate: 'io.camunda.connectors.inbound.KafkaIntermediate.v1',
  boundary: 'io.camunda.connectors.inbound.KafkaBoundary.v1',
  receive: 'io.camunda.connectors.inbound.KafkaReceive.v1',
} as const;

/** Defaults the Camunda connector runtime applies. */
const CONNECTOR_DEFAULTS = {
  messageTtl: 'PT1H',
  messageTtlMs: 3_600_000,
  autoOffsetReset: 'latest',
  groupIdPrefix: 'kafka-inbound-connector-',
} as const;

/**
 * Step 3 of Camunda's client property precedence
 * (`KafkaPropertiesUtil.assembleKafkaClientProperties`): the defaults it
 * sets for producer and consumer alike, in its order.
 */
const DEFAULT_CLIENT_PROPERTIES = {
  'session.timeout.ms': '45000',
  'client.dns.lookup': 'use_all_dns_ips',
  acks: 'all',
  'delivery.timeout.ms': '45000',
  'max.block.ms': '60000',
  'linger.ms': '0',
  'request.timeout.ms': '30000',
  'heartbeat.interval.ms': '3000',
  'default.api.timeout.ms': '60000',
} as const;

/**
 * Client properties the connector always sets itself after
 * `additionalProperties` (`KafkaPropertyTransformer.getKafkaProperties`),
 * whatever those say.
 */
const FORCED_CLIENT_PROPERTIES = [
  'auto.offset.reset',
  'enable.auto.commit',
  'retention.ms',
  'key.deserializer',
  'value.deserializer',
  'schema.registry.url',
  'json.value.type',
] as const;

/** The JSON value type Camunda gives Confluent's JSON Schema deserializer. */
const JSON_VALUE_TYPE = 'com.fasterxml.jackson.databind.JsonNode';

/** Deserializers for step 1, by schema strategy. */
const DESERIALIZERS = {
  string: 'org.apache.kafka.common.serialization.StringDeserializer',
  byteArray: 'org.apache.kafka.common.serialization.ByteArrayDeserializer',
  avroRegistry: 'io.confluent.kafka.serializers.KafkaAvroDeserializer',
  jsonRegistry:
    'io.confluent.kafka.serializers.json.KafkaJsonSchemaDeserializer',
} as const;

/**
 * An AWS Glue Schema Registry ARN given as the registry "URL": the ESM
 * decodes such records (provisioned mode), beyond what Camunda offers.
 */
const GLUE_REGISTRY_ARN =
  /^arn:aws[a-zA-Z-]*:glue:[a-z]{2}(?:-gov)?-[a-z]+-\d:\d{12}:registry\/[a-zA-Z0-9_.$#-]{1,255}$/;

/** Client properties of Confluent's schema registry client that kafka-inbound reads. */
const REGISTRY_PROPERTIES = {
  credentialsSource: 'basic.auth.credentials.source',
  userInfo: 'basic.auth.user.info',
  prefixedUserInfo: 'schema.registry.basic.auth.user.info',
  prefixedCredentialsSource: 'schema.registry.basic.auth.credentials.source',
  truststoreCertificates: 'schema.registry.ssl.truststore.certificates',
  keystoreCertificateChain: 'schema.registry.ssl.keystore.certificate.chain',
  keystoreKey: 'schema.registry.ssl.keystore.key',
  keyPassword: 'schema.registry.ssl.key.password',
} as const;

/** Every connector property name the Kafka templates (all ids, versions 1–8) write. */
const KNOWN_PROPERTIES = [
  'inbound.type',
  'inbound.activationCondition',
  'kafkaConnectionConfiguration',
  'authenticationType',
  'authentication.username',
  'authentication.password',
  'topic.bootstrapServers',
  'topic.topicName',
  'groupId',
  'additionalProperties',
  'offsets',
  'autoOffsetReset',
  'serializationType',
  'avro.schema',
  'schemaStrategy.type',
  'schemaStrategy.schema',
  'schemaStrategy.schemaType',
  'schemaStrategy.schemaRegistryUrl',
  'activationCondition',
  'consumeUnmatchedEvents',
  'correlationRequired',
  'correlationKeyExpression',
  'messageIdExpression',
  'messageTtl',
  'deduplicationModeManualFlag',
  'deduplicationId',
  'deduplicationMode',
  'resultVariable',
  'resultExpression',
] as const;

/**
 * Properties that do not take part in the "same subscription" comparison of
 * a deduplication group (Camunda's `PROPERTIES_EXCLUDED_FROM_DEDUPLICATION`).
 */
const DEDUPLICATION_EXCLUDED_PROPERTIES = [
  'inbound.type',
  'deduplicationId',
  'deduplicationMode',
  'deduplicationModeManualFlag',
  'messageIdExpression',
  'correlationKeyExpression',
  'activationCondition',
  'inbound.activationCondition',
  'messageTtl',
  'correlationRequired',
  'resultExpression',
  'resultVariable',
  'consumeUnmatchedEvents',
  'synchronousResponse',
] as const;

/**
 * Client property names whose values are credentials (Kafka and Confluent
 * names: passwords, passphrases, secrets, tokens, keys, user info — lib/text
 * CREDENTIAL_NAME — and JAAS lines; `basic.auth.credentials.source` names
 * where credentials come from, it is none): masked when a binding is
 * printed or stored, and a warning when typed into the BPMN as text.
 */
const CREDENTIAL_PROPERTY = new RegExp(
  `${CREDENTIAL_NAME.source}|\\.jaas\\.`,
  'i'
);

/** Lambda alias names: 1–128 of `[A-Za-z0-9_-]`, not all digits. */
const BINDING_ID_LIMITS = { maxLength: 128, hashLength: 10 } as const;

/**
 * Generated consumer group ids are kept within what a Lambda event source
 * mapping accepts (`ConsumerGroupId`: 1–200 characters of this set).
 */
const GROUP_ID_LIMITS = {
  maxLength: 200,
  allowed: /^[a-zA-Z0-9\-/*:_+=.@]+$/,
  hashLength: 10,
} as const;

/**
 * Bounds on connector FEEL expressions, which run once per Kafka record:
 * the length lib/feel accepts (64 KiB is far above any hand-written
 * expression), and the evaluation budget, which iterations over literal
 * lists and ranges must fit (FEEL_LIMITS in lib/feel, docs/feel.md).
 */
const FEEL_SAFETY_LIMITS = {
  maxExpressionLength: FEEL_LIMITS.maxLength,
  maxStaticSteps: FEEL_LIMITS.evaluationSteps,
} as const;

/** How messages name each kind of Kafka element. */
const ELEMENT_KIND_LABELS: Readonly<Record<ElementKind, string>> = {
  noneStartEvent: 'a none start event',
  messageStartEvent: 'a message start event',
  intermediateCatchEvent: 'an intermediate catch event',
  boundaryEvent: 'a boundary event',
  receiveTask: 'a receive task',
};

export {
  BINDING_ID_LIMITS,
  CONNECTOR_DEFAULTS,
  CREDENTIAL_PROPERTY,
  DEDUPLICATION_EXCLUDED_PROPERTIES,
  DEFAULT_CLIENT_PROPERTIES,
  DESERIALIZERS,
  ELEMENT_KIND_LABELS,
  FEEL_SAFETY_LIMITS,
  FORCED_CLIENT_PROPERTIES,
  GLUE_REGISTRY_ARN,
  GROUP_ID_LIMITS,
  JSON_VALUE_TYPE,
  KAFKA_TEMPLATE_IDS,
  KNOWN_PROPERTIES,
  REGISTRY_PROPERTIES,
};

import type { ElementKind, KafkaElement, Problem } from '../bpmn/types.js';
import { isFeelExpression } from '../feel/index.js';
import { createAvroReader } from '../kafka/createAvroReader.js';
import { buildClientProperties } from './buildClientProperties.js';
import { checkFeelSyntax } from './checkFeelSyntax.js';
import {
  CONNECTOR_DEFAULTS,
  GLUE_REGISTRY_ARN,
  KAFKA_TEMPLATE_IDS,
  KNOWN_PROPERTIES,
} from './constants.js';
import { evaluateFeelLiteral } from './evaluateFeelLiteral.js';
import { findLiteralCredentials } from './findLiteralCredentials.js';
import {
  findClusterSecretReferences,
  scanSecretReferences,
} from './findSecretReferences.js';
import { parseAdditionalProperties } from './parseAdditionalProperties.js';
import { parseBootstrapServers } from './parseBootstrapServers.js';
import { parseIsoDuration } from './parseIsoDuration.js';
import { parseOffsets } from './parseOffsets.js';
import { readRegistryAccess } from './readRegistryAccess.js';
import type {
  AutoOffsetReset,
  BindingElement,
  KafkaSettings,
  SchemaStrategy,
} from './types.js';

/** One Kafka element read and validated, before it joins a binding. */
interface ReadElement {
  readonly source: KafkaElement;
  readonly element: BindingElement;
  readonly deduplicationId?: string;
  /**
   * How the element shares a subscription (Camunda's deduplicationMode):
   * `manual` by deduplication id, `auto` with the elements of its process
   * whose connector properties are identical, `element` (no mode: older
   * templates) on its own.
   */
  readonly deduplication: 'manual' | 'auto' | 'element';
  /** Absent when the element's Kafka settings have errors. */
  readonly kafka?: KafkaSettings;
  readonly secrets: readonly string[];
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const DEDUPLICATION_ID = /^[a-zA-Z0-9_-]+$/;
// Control and format characters (NUL, bidi overrides, zero-width joiners)
// would reach Camunda as part of a variable name that no one can read.
const VARIABLE_NAME = /^[^\s=.\p{Cc}\p{Cf}][^\s\p{Cc}\p{Cf}]*$/u;
const AUTO_OFFSET_RESETS: readonly AutoOffsetReset[] = [
  'none',
  'latest',
  'earliest',
];
const KNOWN = new Set<string>(KNOWN_PROPERTIES);
const TEMPLATE_KINDS: Readonly<Record<string, readonly ElementKind[]>> = {
  [KAFKA_TEMPLATE_IDS.noneStart]: ['noneStartEvent'],
  [KAFKA_TEMPLATE_IDS.messageStart]: ['messageStartEvent'],
  [KAFKA_TEMPLATE_IDS.intermediate]: ['intermediateCatchEvent'],
  [KAFKA_TEMPLATE_IDS.boundary]: ['boundaryEvent'],
  [KAFKA_TEMPLATE_IDS.receive]: ['receiveTask'],
};
const KIND_LABELS: Readonly<Record<ElementKind, string>> = {
  noneStartEvent: 'a none start event',
  messageStartEvent: 'a message start event',
  intermediateCatchEvent: 'an intermediate catch event',
  boundaryEvent: 'a boundary event',
  receiveTask: 'a receive task',
};
// Fields of KafkaConnectorProperties without @FEEL: Camunda binds their text
// as is, "=" included.
const NOT_FEEL_IN_CAMUNDA = new Set([
  'topic.topicName',
  'groupId',
  'authentication.username',
  'authentication.password',
]);
const FEEL_PROPERTIES = [
  'activationCondition',
  'inbound.activationCondition',
  'correlationKeyExpression',
  'messageIdExpression',
  'resultExpression',
] as const;

/**
 * Read one Kafka element's connector properties and report every problem
 * with the element id and property name.
 *
 * @param source - the element as parsed from the BPMN
 */
const readElement = (source: KafkaElement): ReadElement => {
  const { elementId, kind } = source;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (property: string | undefined, message: string) =>
    errors.push({ elementId, ...(property ? { property } : {}), message });
  const warn = (property: string | undefined, message: string) =>
    warnings.push({ elementId, ...(property ? { property } : {}), message });
  const raw = (name: string): string | undefined => {
    const value = source.properties[name]?.trim();
    return value === '' ? undefined : value;
  };
  /** A plain value, or a FEEL string literal (`="text"`). */
  const plain = (name: string): string | undefined => {
    const value = raw(name);
    if (value === undefined || !isFeelExpression(value)) return value;
    if (NOT_FEEL_IN_CAMUNDA.has(name)) {
      warn(
        name,
        `${name} is not a FEEL property in Camunda's connector: its runtime uses the text as written (with the "="), kafka-inbound the literal's value`
      );
    }
    const literal = evaluateFeelLiteral(value);
    if (literal.ok && typeof literal.value === 'string') return literal.value;
    error(
      name,
      literal.ok
        ? `${name} must be text, or a FEEL string literal such as ="value"`
        : `${name} ${literal.message}`
    );
    return undefined;
  };
  const isMessageElement = kind !== 'noneStartEvent';

  // Template and unknown properties.
  const templateKinds = source.template
    ? TEMPLATE_KINDS[source.template.id]
    : undefined;
  if (source.template && templateKinds && !templateKinds.includes(kind)) {
    warn(
      undefined,
      `the element uses template ${source.template.id}, which is made for ${templateKinds.map((k) => KIND_LABELS[k]).join(' or ')}, not ${KIND_LABELS[kind]}`
    );
  }
  for (const name of Object.keys(source.properties)) {
    if (!KNOWN.has(name)) {
      warn(name, `unknown property "${name}" is ignored`);
    }
  }
  if (raw('inbound.activationCondition') !== undefined) {
    warn(
      'inbound.activationCondition',
      source.properties.activationCondition === undefined
        ? 'inbound.activationCondition is deprecated; use activationCondition'
        : "inbound.activationCondition is ignored because activationCondition is set (even when empty), as in Camunda's runtime"
    );
  }

  // Secrets.
  const secretNames = new Set<string>();
  for (const [name, value] of Object.entries(source.properties)) {
    for (const reference of scanSecretReferences(value)) {
      secretNames.add(reference.name);
      if (reference.form === 'legacy') {
        warn(
          name,
          `${reference.text} uses the deprecated secret syntax; write {{secrets.${reference.name}}}`
        );
      }
    }
    for (const cluster of findClusterSecretReferences(value)) {
      warn(
        name,
        `camunda.secrets.${cluster} is resolved by a Camunda 8.10+ cluster, not by kafka-inbound: the connector uses the text as written`
      );
    }
  }

  // Connection.
  if (raw('kafkaConnectionConfiguration') !== undefined) {
    error(
      'kafkaConnectionConfiguration',
      'a reusable connection credential (Camunda 8.10 kafkaConnectionConfiguration) is stored in the Camunda cluster and cannot be read by kafka-inbound; leave it empty and fill in bootstrap servers and authentication'
    );
  }
  let bootstrapServers: string[] | undefined;
  const servers = plain('topic.bootstrapServers');
  if (servers === undefined) {
    if (!errors.some((e) => e.property === 'topic.bootstrapServers')) {
      error(
        'topic.bootstrapServers',
        'bootstrap servers are empty: give a comma-separated list of host:port'
      );
    }
  } else {
    const parsed = parseBootstrapServers(servers);
    if (parsed.ok) bootstrapServers = parsed.value;
    else error('topic.bootstrapServers', parsed.message);
  }
  const topic = plain('topic.topicName');
  if (topic === undefined) {
    if (!errors.some((e) => e.property === 'topic.topicName')) {
      error('topic.topicName', 'the topic name is empty');
    }
  } else if (!TOPIC.test(topic) && scanSecretReferences(topic).length === 0) {
    error(
      'topic.topicName',
      `"${topic}" is not a valid Kafka topic name (1–249 characters of a-z, A-Z, 0-9, ".", "_", "-")`
    );
  }
  const username = plain('authentication.username');
  const password = plain('authentication.password');
  const groupId = plain('groupId');
  let additional: Record<string, string> = {};
  const additionalRaw = raw('additionalProperties');
  if (additionalRaw !== undefined) {
    const parsed = parseAdditionalProperties(additionalRaw);
    if (parsed.ok) additional = parsed.value;
    else error('additionalProperties', parsed.message);
  }
  for (const literal of findLiteralCredentials(password, additional)) {
    warn(
      literal.property,
      `${literal.holder} is typed into the BPMN as plain text: anyone who can read the file or the deployed process sees it. Reference a secret instead ({{secrets.NAME}}), as Camunda's documentation asks; kafka-inbound masks the value (***) wherever it prints or stores the binding`
    );
  }
  let offsets: readonly (number | null)[] | undefined;
  const offsetsRaw = raw('offsets');
  if (offsetsRaw !== undefined) {
    const parsed = parseOffsets(offsetsRaw);
    if (parsed.ok) offsets = parsed.value;
    else error('offsets', parsed.message);
  }
  const resetRaw = raw('autoOffsetReset');
  if (resetRaw === undefined) {
    warn(
      'autoOffsetReset',
      `autoOffsetReset is not set: kafka-inbound uses ${CONNECTOR_DEFAULTS.autoOffsetReset}; Camunda's connector refuses to start without it (@NotNull)`
    );
  }
  // Camunda's object mapper reads enums case-insensitively.
  const resetText = (
    resetRaw ?? CONNECTOR_DEFAULTS.autoOffsetReset
  ).toLowerCase();
  const autoOffsetReset = AUTO_OFFSET_RESETS.find((r) => r === resetText);
  if (!autoOffsetReset) {
    error(
      'autoOffsetReset',
      `"${resetRaw}" is not an auto offset reset; use none, latest or earliest`
    );
  } else if (autoOffsetReset === 'none' && !offsets) {
    warn(
      'autoOffsetReset',
      'auto offset reset "none" without offsets: consuming fails while the consumer group has no committed offset'
    );
  }

  // Schema.
  const schema = readSchema(raw, plain, error, warn);

  // Activation, correlation, output.
  for (const name of FEEL_PROPERTIES) {
    const value = raw(name);
    if (value === undefined) continue;
    const problem = checkFeelSyntax(value);
    if (problem) error(name, problem);
  }
  // Camunda: Boolean.parseBoolean of the value as written.
  const consumeRaw = source.properties.consumeUnmatchedEvents;
  const consumeUnmatchedEvents = consumeRaw?.toLowerCase() === 'true';
  if (
    consumeRaw !== undefined &&
    !consumeUnmatchedEvents &&
    consumeRaw.toLowerCase() !== 'false'
  ) {
    warn(
      'consumeUnmatchedEvents',
      `"${consumeRaw.slice(0, 60)}" is not true or false: it counts as false (unmatched records are not consumed), as in Camunda's runtime`
    );
  }
  const requiredRaw = raw('correlationRequired');
  if (
    requiredRaw !== undefined &&
    requiredRaw !== 'required' &&
    requiredRaw !== 'notRequired'
  ) {
    error(
      'correlationRequired',
      `"${requiredRaw}" is not required or notRequired`
    );
  }
  // correlationRequired is a modeler toggle: Camunda's runtime never reads
  // it. A message start event publishes with the expression's key, or "".
  const correlationRequired =
    kind === 'intermediateCatchEvent' ||
    kind === 'boundaryEvent' ||
    kind === 'receiveTask' ||
    (kind === 'messageStartEvent' &&
      (requiredRaw === 'required' || source.inEventSubProcess === true));
  const correlationKeyExpression = raw('correlationKeyExpression');
  const subscriptionKey =
    source.subscriptionCorrelationKey?.trim() || undefined;
  if (kind === 'messageStartEvent' && !source.inEventSubProcess) {
    if (requiredRaw === 'required' && correlationKeyExpression === undefined) {
      warn(
        'correlationKeyExpression',
        'correlationRequired is "required" but no correlation key expression is set: every record is published with the correlation key "" (as Camunda\'s runtime does)'
      );
    }
  } else if (correlationRequired) {
    const why =
      kind === 'messageStartEvent'
        ? 'a message start event of an event sub-process'
        : KIND_LABELS[kind];
    if (correlationKeyExpression === undefined) {
      error(
        'correlationKeyExpression',
        `${why} needs a correlation key expression (evaluated on the Kafka message)`
      );
    }
    if (subscriptionKey === undefined && source.messageRef !== undefined) {
      error(
        'correlationKey',
        `${why} needs the message subscription's correlation key (zeebe:subscription correlationKey, evaluated on the process instance)`
      );
    }
  }
  if (subscriptionKey && isFeelExpression(subscriptionKey)) {
    const problem = checkFeelSyntax(subscriptionKey);
    if (problem) error('correlationKey', problem);
  }
  if (isMessageElement) {
    if (source.messageRef === undefined) {
      error(
        'messageRef',
        'the element references no message (bpmn:Message); a Kafka message element needs one with a name'
      );
    } else if (!source.messageName?.trim()) {
      error(
        'messageName',
        `message "${source.messageRef}" has no name; the connector publishes under the message name`
      );
    } else if (isFeelExpression(source.messageName)) {
      error(
        'messageName',
        `message name ${source.messageName} is a FEEL expression; the connector publishes under a fixed name, so use a plain name`
      );
    }
  }
  // Camunda reads messageTtl of message elements only (Duration.parse).
  const messageTtlRaw = isMessageElement ? raw('messageTtl') : undefined;
  let messageTtlMs: number = CONNECTOR_DEFAULTS.messageTtlMs;
  if (messageTtlRaw !== undefined) {
    const parsed = parseIsoDuration(messageTtlRaw);
    if (!parsed.ok) error('messageTtl', `message TTL: ${parsed.message}`);
    else {
      messageTtlMs = parsed.value;
      if (messageTtlMs < 0) {
        warn(
          'messageTtl',
          `message TTL ${messageTtlRaw} is negative: it is sent as ${messageTtlMs} ms (as Camunda's runtime does), so Zeebe does not buffer the message`
        );
      }
    }
  } else if (!isMessageElement && raw('messageTtl') !== undefined) {
    warn(
      'messageTtl',
      'messageTtl is ignored on a none start event (it creates a process instance)'
    );
  }
  const resultVariable = raw('resultVariable');
  if (resultVariable !== undefined && !VARIABLE_NAME.test(resultVariable)) {
    error(
      'resultVariable',
      `"${resultVariable.slice(0, 60)}" is not a variable name (no spaces, control or invisible formatting characters, no leading "=" or ".")`
    );
  }

  // Deduplication: only deduplicationMode counts (Camunda's
  // InboundConnectorElement.deduplicationId); the manual flag is a modeler
  // toggle.
  const modeRaw = raw('deduplicationMode');
  const deduplicationIdRaw = raw('deduplicationId');
  if (modeRaw !== undefined && modeRaw !== 'MANUAL' && modeRaw !== 'AUTO') {
    error(
      'deduplicationMode',
      `"${modeRaw}" is not MANUAL or AUTO (Camunda: "Invalid deduplicationMode property")`
    );
  }
  let deduplicationId: string | undefined;
  if (modeRaw === 'MANUAL') {
    if (deduplicationIdRaw === undefined) {
      error(
        'deduplicationId',
        'manual deduplication is on but the deduplication id is empty'
      );
    } else if (!DEDUPLICATION_ID.test(deduplicationIdRaw)) {
      error(
        'deduplicationId',
        `"${deduplicationIdRaw}" is not a deduplication id: use only letters, digits, "-" and "_"`
      );
    } else {
      deduplicationId = deduplicationIdRaw;
    }
  } else if (deduplicationIdRaw !== undefined) {
    warn(
      'deduplicationId',
      `deduplicationId is ignored because deduplicationMode is ${modeRaw ?? 'not set'} (as in Camunda's runtime)`
    );
  }
  const deduplication: ReadElement['deduplication'] =
    modeRaw === 'MANUAL' ? 'manual' : modeRaw === 'AUTO' ? 'auto' : 'element';

  // Present, even empty, activationCondition wins over the deprecated one
  // (InboundConnectorElement.activationCondition); blank activates.
  const activationCondition =
    source.properties.activationCondition !== undefined
      ? raw('activationCondition')
      : raw('inbound.activationCondition');
  const messageIdExpression = raw('messageIdExpression');
  const resultExpression = raw('resultExpression');
  const element: BindingElement = {
    elementId,
    ...(source.elementName ? { elementName: source.elementName } : {}),
    kind,
    ...(isMessageElement && source.messageName
      ? { messageName: source.messageName }
      : {}),
    ...(source.attachedToRef ? { attachedToRef: source.attachedToRef } : {}),
    ...(activationCondition ? { activationCondition } : {}),
    // Without the property (old templates) Camunda's runtime default is false.
    consumeUnmatchedEvents,
    ...(isMessageElement && correlationKeyExpression
      ? { correlationKeyExpression }
      : {}),
    ...(isMessageElement && subscriptionKey
      ? { subscriptionCorrelationKey: subscriptionKey }
      : {}),
    correlationRequired,
    ...(isMessageElement && messageIdExpression ? { messageIdExpression } : {}),
    ...(isMessageElement && messageTtlRaw ? { messageTtl: messageTtlRaw } : {}),
    messageTtlMs,
    ...(resultVariable ? { resultVariable } : {}),
    ...(resultExpression ? { resultExpression } : {}),
    ...(source.template ? { template: source.template } : {}),
  };

  let kafka: KafkaSettings | undefined;
  if (bootstrapServers && topic && autoOffsetReset && schema) {
    const client = buildClientProperties({
      elementId,
      processId: source.processId,
      bootstrapServers,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(groupId ? { groupId } : {}),
      additionalProperties: additional,
      autoOffsetReset,
      schema,
    });
    errors.push(...client.errors);
    warnings.push(...client.warnings);
    kafka = {
      bootstrapServers: client.bootstrapServers,
      topic,
      groupId: client.groupId,
      groupIdSource: client.groupIdSource,
      autoOffsetReset,
      ...(offsets ? { offsets } : {}),
      clientProperties: client.clientProperties,
      authentication: client.authentication,
      schema,
    };
    const registry = readRegistryAccess(kafka);
    for (const problem of registry.errors)
      error(problem.property, problem.message);
    for (const problem of registry.warnings)
      warn(problem.property, problem.message);
  } else if (Boolean(username) !== Boolean(password)) {
    error(
      username ? 'authentication.password' : 'authentication.username',
      'username and password must be set together (Camunda: "Username / password pair is required")'
    );
  }
  return {
    source,
    element,
    ...(deduplicationId ? { deduplicationId } : {}),
    deduplication,
    ...(kafka && errors.length === 0 ? { kafka } : {}),
    secrets: [...secretNames].sort(),
    errors,
    warnings,
  };
};

/**
 * Why a registry URL cannot be used: it must be an http(s) URL (Camunda's
 * Confluent client) or an AWS Glue registry ARN (the ESM decodes those).
 */
const registryUrlProblem = (url: string): string | undefined => {
  if (GLUE_REGISTRY_ARN.test(url)) return undefined;
  if (scanSecretReferences(url).length > 0) {
    return 'the schema registry URL holds a secret reference: the ESM needs the URL itself; keep credentials in basic.auth.user.info (additionalProperties)';
  }
  if (!URL.canParse(url)) return `"${url}" is not a URL`;
  const { protocol } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') {
    return `"${url}" is not an http(s) URL (or an AWS Glue registry ARN)`;
  }
  return undefined;
};

/** `schemaStrategy.*`, or the older `serializationType` / `avro.schema`. */
const readSchema = (
  raw: (name: string) => string | undefined,
  plain: (name: string) => string | undefined,
  error: (property: string, message: string) => void,
  warn: (property: string, message: string) => void
): SchemaStrategy | undefined => {
  /** The Avro schema as JSON text, or undefined after reporting why not. */
  const avroSchemaText = (
    property: string,
    text: string
  ): string | undefined => {
    let json = text;
    if (isFeelExpression(text)) {
      // The template asks for FEEL: `={"type": "record", …}` is a context
      // literal; Camunda binds its value (a string, or the context as JSON).
      const literal = evaluateFeelLiteral(text);
      if (!literal.ok) {
        error(property, `the Avro schema ${literal.message}`);
        return undefined;
      }
      json =
        typeof literal.value === 'string'
          ? literal.value
          : JSON.stringify(literal.value);
    }
    try {
      createAvroReader(json);
      return json;
    } catch (problem) {
      error(property, (problem as Error).message);
      return undefined;
    }
  };
  const type = raw('schemaStrategy.type');
  const serialization = raw('serializationType');
  if (type !== undefined) {
    if (serialization !== undefined) {
      warn(
        'serializationType',
        'serializationType is ignored because schemaStrategy.type is set'
      );
    }
    switch (type) {
      case 'noSchema':
        return { type: 'noSchema' };
      case 'inlineSchema': {
        const schema = raw('schemaStrategy.schema');
        if (schema === undefined) {
          error('schemaStrategy.schema', 'the inline Avro schema is empty');
          return undefined;
        }
        const json = avroSchemaText('schemaStrategy.schema', schema);
        return json === undefined
          ? undefined
          : { type: 'inlineSchema', schema: json };
      }
      case 'schemaRegistry': {
        const url = plain('schemaStrategy.schemaRegistryUrl');
        const schemaType = raw('schemaStrategy.schemaType') ?? 'avro';
        let ok = true;
        if (url === undefined) {
          error(
            'schemaStrategy.schemaRegistryUrl',
            'the schema registry URL is empty'
          );
          ok = false;
        } else {
          const problem = registryUrlProblem(url);
          if (problem !== undefined) {
            error('schemaStrategy.schemaRegistryUrl', problem);
            ok = false;
          }
        }
        if (schemaType !== 'avro' && schemaType !== 'json') {
          error(
            'schemaStrategy.schemaType',
            `"${schemaType}" is not a schema type the connector reads: use avro or json`
          );
          ok = false;
        }
        return ok &&
          url !== undefined &&
          (schemaType === 'avro' || schemaType === 'json')
          ? { type: 'schemaRegistry', schemaType, schemaRegistryUrl: url }
          : undefined;
      }
      default:
        error(
          'schemaStrategy.type',
          `"${type}" is not a schema strategy; use noSchema, inlineSchema or schemaRegistry`
        );
        return undefined;
    }
  }
  if (serialization === undefined || serialization === 'json') {
    return { type: 'noSchema' };
  }
  if (serialization !== 'avro') {
    error('serializationType', `"${serialization}" is not json or avro`);
    return undefined;
  }
  // Camunda's current runtime ignores the v5 Avro settings; honouring them
  // keeps what the person modelled (an inline Avro schema).
  const schema = raw('avro.schema');
  if (schema === undefined) {
    error(
      'avro.schema',
      'serializationType is avro but the Avro schema is empty'
    );
    return undefined;
  }
  const json = avroSchemaText('avro.schema', schema);
  return json === undefined
    ? undefined
    : { type: 'inlineSchema', schema: json };
};

export type { ReadElement };
export { readElement };

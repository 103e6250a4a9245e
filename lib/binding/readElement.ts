import type { ElementKind, KafkaElement, Problem } from '../bpmn/types.js';
import { buildClientProperties } from './buildClientProperties.js';
import {
  ELEMENT_KIND_LABELS,
  KAFKA_TEMPLATE_IDS,
  KNOWN_PROPERTIES,
} from './constants.js';
import { createElementReader } from './createElementReader.js';
import {
  findClusterSecretReferences,
  scanSecretReferences,
} from './findSecretReferences.js';
import { readConnection } from './readConnection.js';
import { readCorrelation } from './readCorrelation.js';
import { readDeduplication } from './readDeduplication.js';
import { readRegistryAccess } from './readRegistryAccess.js';
import { readSchema } from './readSchema.js';
import type { BindingElement, KafkaSettings } from './types.js';

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

const KNOWN = new Set<string>(KNOWN_PROPERTIES);
const TEMPLATE_KINDS: Readonly<Record<string, readonly ElementKind[]>> = {
  [KAFKA_TEMPLATE_IDS.noneStart]: ['noneStartEvent'],
  [KAFKA_TEMPLATE_IDS.messageStart]: ['messageStartEvent'],
  [KAFKA_TEMPLATE_IDS.intermediate]: ['intermediateCatchEvent'],
  [KAFKA_TEMPLATE_IDS.boundary]: ['boundaryEvent'],
  [KAFKA_TEMPLATE_IDS.receive]: ['receiveTask'],
};

/**
 * Read one Kafka element's connector properties and report every problem
 * with the element id and property name.
 *
 * @param source - the element as parsed from the BPMN
 */
const readElement = (source: KafkaElement): ReadElement => {
  const { elementId, kind } = source;
  const reader = createElementReader(source);
  const { errors, warnings, error, warn, raw } = reader;
  const isMessageElement = kind !== 'noneStartEvent';

  // Template and unknown properties.
  const templateKinds = source.template
    ? TEMPLATE_KINDS[source.template.id]
    : undefined;
  if (source.template && templateKinds && !templateKinds.includes(kind)) {
    warn(
      undefined,
      `the element uses template ${source.template.id}, which is made for ${templateKinds.map((k) => ELEMENT_KIND_LABELS[k]).join(' or ')}, not ${ELEMENT_KIND_LABELS[kind]}`
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

  const connection = readConnection(reader);
  const schema = readSchema(reader);
  const correlation = readCorrelation(reader);
  const { deduplicationId, deduplication } = readDeduplication(reader);

  const {
    activationCondition,
    correlationKeyExpression,
    subscriptionKey,
    messageIdExpression,
    messageTtl,
    resultVariable,
    resultExpression,
  } = correlation;
  const element: BindingElement = {
    elementId,
    ...(source.elementName ? { elementName: source.elementName } : {}),
    kind,
    ...(isMessageElement && source.messageName
      ? { messageName: source.messageName }
      : {}),
    ...(source.attachedToRef ? { attachedToRef: source.attachedToRef } : {}),
    ...(activationCondition ? { activationCondition } : {}),
    consumeUnmatchedEvents: correlation.consumeUnmatchedEvents,
    ...(isMessageElement && correlationKeyExpression
      ? { correlationKeyExpression }
      : {}),
    ...(isMessageElement && subscriptionKey
      ? { subscriptionCorrelationKey: subscriptionKey }
      : {}),
    correlationRequired: correlation.correlationRequired,
    ...(isMessageElement && messageIdExpression ? { messageIdExpression } : {}),
    ...(isMessageElement && messageTtl ? { messageTtl } : {}),
    messageTtlMs: correlation.messageTtlMs,
    ...(resultVariable ? { resultVariable } : {}),
    ...(resultExpression ? { resultExpression } : {}),
    ...(source.template ? { template: source.template } : {}),
  };

  const {
    bootstrapServers,
    topic,
    username,
    password,
    groupId,
    offsets,
    autoOffsetReset,
  } = connection;
  let kafka: KafkaSettings | undefined;
  if (bootstrapServers && topic && autoOffsetReset && schema) {
    const client = buildClientProperties({
      elementId,
      processId: source.processId,
      bootstrapServers,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(groupId ? { groupId } : {}),
      additionalProperties: connection.additionalProperties,
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

export type { ReadElement };
export { readElement };

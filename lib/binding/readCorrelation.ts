import { isFeelExpression } from '../feel/index.js';
import { checkFeelSyntax } from './checkFeelSyntax.js';
import { CONNECTOR_DEFAULTS, ELEMENT_KIND_LABELS } from './constants.js';
import type { ElementReader } from './createElementReader.js';
import { parseIsoDuration } from './parseIsoDuration.js';

/** What an element does with a record: activation, correlation, output. */
interface ElementCorrelation {
  readonly activationCondition?: string;
  readonly consumeUnmatchedEvents: boolean;
  readonly correlationRequired: boolean;
  readonly correlationKeyExpression?: string;
  /** `zeebe:subscription` correlationKey, trimmed. */
  readonly subscriptionKey?: string;
  readonly messageIdExpression?: string;
  /** `messageTtl` as written, of a message element. */
  readonly messageTtl?: string;
  readonly messageTtlMs: number;
  readonly resultVariable?: string;
  readonly resultExpression?: string;
}

// Control and format characters (NUL, bidi overrides, zero-width joiners)
// would reach Camunda as part of a variable name that no one can read.
const VARIABLE_NAME = /^[^\s=.\p{Cc}\p{Cf}][^\s\p{Cc}\p{Cf}]*$/u;
const FEEL_PROPERTIES = [
  'activationCondition',
  'inbound.activationCondition',
  'correlationKeyExpression',
  'messageIdExpression',
  'resultExpression',
] as const;

/**
 * Reads an element's activation condition, correlation (key expression,
 * subscription key, message name, message id and TTL) and output (result
 * variable and expression), reporting each problem to the reader.
 *
 * @param reader - the element's properties and problems
 */
const readCorrelation = ({
  source,
  raw,
  error,
  warn,
}: ElementReader): ElementCorrelation => {
  const { kind } = source;
  const isMessageElement = kind !== 'noneStartEvent';
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
        : ELEMENT_KIND_LABELS[kind];
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
  return {
    // Present, even empty, activationCondition wins over the deprecated one
    // (InboundConnectorElement.activationCondition); blank activates.
    activationCondition:
      source.properties.activationCondition !== undefined
        ? raw('activationCondition')
        : raw('inbound.activationCondition'),
    // Without the property (old templates) Camunda's runtime default is false.
    consumeUnmatchedEvents,
    correlationRequired,
    correlationKeyExpression,
    subscriptionKey,
    messageIdExpression: raw('messageIdExpression'),
    messageTtl: messageTtlRaw,
    messageTtlMs,
    resultVariable,
    resultExpression: raw('resultExpression'),
  };
};

export type { ElementCorrelation };
export { readCorrelation };

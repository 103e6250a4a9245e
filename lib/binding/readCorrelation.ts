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
  /** `messageTtl` as written. */
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
}: ElementReader): ElementCorrelation => {
  const { kind } = source;
  const isMessageElement = kind !== 'noneStartEvent';
  for (const name of FEEL_PROPERTIES) {
    const value = raw(name);
    if (value === undefined) continue;
    const problem = checkFeelSyntax(value);
    if (problem) error(name, problem);
  }
  const consumeRaw = raw('consumeUnmatchedEvents');
  if (
    consumeRaw !== undefined &&
    consumeRaw !== 'true' &&
    consumeRaw !== 'false'
  ) {
    error('consumeUnmatchedEvents', `"${consumeRaw}" is not true or false`);
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
  const correlationRequired =
    kind === 'intermediateCatchEvent' ||
    kind === 'boundaryEvent' ||
    kind === 'receiveTask' ||
    (kind === 'messageStartEvent' &&
      (requiredRaw === 'required' || source.inEventSubProcess === true));
  const correlationKeyExpression = raw('correlationKeyExpression');
  const subscriptionKey =
    source.subscriptionCorrelationKey?.trim() || undefined;
  if (correlationRequired) {
    const why =
      kind === 'messageStartEvent'
        ? source.inEventSubProcess
          ? 'a message start event of an event sub-process'
          : 'a message start event with correlation required'
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
  const messageTtl = raw('messageTtl');
  let messageTtlMs: number = CONNECTOR_DEFAULTS.messageTtlMs;
  if (messageTtl !== undefined) {
    const parsed = parseIsoDuration(messageTtl);
    if (parsed.ok) messageTtlMs = parsed.value;
    else error('messageTtl', `message TTL: ${parsed.message}`);
  }
  const resultVariable = raw('resultVariable');
  if (resultVariable !== undefined && !VARIABLE_NAME.test(resultVariable)) {
    error(
      'resultVariable',
      `"${resultVariable.slice(0, 60)}" is not a variable name (no spaces, control or invisible formatting characters, no leading "=" or ".")`
    );
  }
  return {
    activationCondition:
      raw('activationCondition') ?? raw('inbound.activationCondition'),
    // Without the property (old templates) Camunda's runtime default is false.
    consumeUnmatchedEvents: consumeRaw === 'true',
    correlationRequired,
    correlationKeyExpression,
    subscriptionKey,
    messageIdExpression: raw('messageIdExpression'),
    messageTtl,
    messageTtlMs,
    resultVariable,
    resultExpression: raw('resultExpression'),
  };
};

export type { ElementCorrelation };
export { readCorrelation };

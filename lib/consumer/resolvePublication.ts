import { describeError } from '../common/index.js';
import { evaluateString } from '../feel/index.js';
import type { KafkaMessage } from '../kafka/types.js';
import type { CompiledElement } from './compileBinding.js';
import { DEFAULT_MESSAGE_TTL_MS } from './constants.js';
import { poison, type RecordPoison } from './outcomes.js';
import { requiresCorrelationKey } from './selectElement.js';

/** What a publish needs beyond the variables. */
interface Publication {
  readonly kind: 'publication';
  readonly name: string;
  readonly correlationKey: string;
  readonly messageId: string;
  readonly timeToLive: number;
}

/** A FEEL result usable as a key or id: text, or a number written as text. */
const resolveCorrelationKey = (
  compiled: CompiledElement,
  context: Record<string, unknown>
): string | RecordPoison => {
  const { element, correlationKey } = compiled;
  const required = requiresCorrelationKey(element);
  let key: string | undefined = '';
  let problem = 'no correlation key expression is set';
  if (correlationKey !== undefined) {
    const result = evaluateString(correlationKey, context);
    key = result.error === undefined ? result.value : undefined;
    problem =
      result.error !== undefined
        ? `the expression failed: ${describeError(result.error)}`
        : key === ''
          ? 'the expression returned an empty string'
          : 'the expression returned null';
  }
  if (key !== undefined && key !== '') return key;
  // A message start event without `correlationRequired` takes "" (Camunda).
  if (!required) return '';
  return poison(
    'correlation-key-missing',
    `No correlation key for element ${element.elementId}: ${problem}`,
    element.elementId
  );
};

const resolveMessageId = (
  compiled: CompiledElement,
  message: KafkaMessage,
  context: Record<string, unknown>
): string | RecordPoison => {
  const { element, messageId } = compiled;
  if (messageId === undefined) {
    return `${message.topic}-${message.partition}-${message.offset}`;
  }
  const result = evaluateString(messageId, context);
  if (result.error !== undefined) {
    return poison(
      'message-id-failed',
      `Message id expression failed: ${describeError(result.error)}`,
      element.elementId
    );
  }
  const id = result.value;
  // A set expression that yields nothing is a modelling error: falling back
  // to the default id would silently change what deduplicates.
  if (id === undefined || id === '') {
    return poison(
      'message-id-failed',
      'Message id expression returned no text',
      element.elementId
    );
  }
  return id;
};

/**
 * Message name, correlation key (required except for a message start event
 * without `correlationRequired`), message id (expression, else
 * `<topic>-<partition>-<offset>`) and time to live (element, else PT1H).
 *
 * @param compiled - The selected message element.
 * @param message - The decoded record.
 * @param context - The FEEL context (message fields).
 */
const resolvePublication = (
  compiled: CompiledElement,
  message: KafkaMessage,
  context: Record<string, unknown>
): Publication | RecordPoison => {
  const { element } = compiled;
  const correlationKey = resolveCorrelationKey(compiled, context);
  if (typeof correlationKey !== 'string') return correlationKey;
  const messageId = resolveMessageId(compiled, message, context);
  if (typeof messageId !== 'string') return messageId;
  const ttl = element.messageTtlMs;
  return {
    kind: 'publication',
    name: element.messageName ?? '',
    correlationKey,
    messageId,
    timeToLive: Number.isFinite(ttl) && ttl >= 0 ? ttl : DEFAULT_MESSAGE_TTL_MS,
  };
};

export type { Publication };
export { resolvePublication };

import type { KafkaMessage } from '../kafka/types.js';
import type { CompiledElement } from './compileBinding.js';
import { DEFAULT_MESSAGE_TTL_MS } from './constants.js';
import { evaluateText } from './evaluateText.js';
import { poison, type RecordPoison } from './outcomes.js';

/** What a publish needs beyond the variables. */
interface Publication {
  readonly kind: 'publication';
  readonly name: string;
  readonly correlationKey: string;
  readonly messageId: string;
  readonly timeToLive: number;
}

/**
 * The correlation key as Camunda's `InboundCorrelationHandler` gets it: the
 * expression's text (an empty string included). When the expression is
 * absent, fails or yields `null` (or a list), a message start event takes
 * `""` (`correlationKey.orElse("")`, whatever `correlationRequired` says);
 * any other message element cannot be published ("Wasn't able to obtain
 * correlation key for expression …").
 */
const resolveCorrelationKey = (
  compiled: CompiledElement,
  context: Record<string, unknown>
): string | RecordPoison => {
  const { element, correlationKey } = compiled;
  const outcome =
    correlationKey === undefined
      ? ({ kind: 'failed', problem: 'no expression is set' } as const)
      : evaluateText(correlationKey, context);
  if (outcome.kind === 'text') return outcome.text;
  if (element.kind === 'messageStartEvent') return '';
  return poison(
    'correlation-key-missing',
    `Wasn't able to obtain correlation key for expression ${element.correlationKeyExpression ?? '(none)'}: ${outcome.kind === 'null' ? 'the expression returned null' : outcome.problem}`,
    element.elementId
  );
};

/**
 * The message id: the expression's text when `messageIdExpression` is set
 * (an empty string included: Zeebe then checks no uniqueness), else
 * `<topic>-<partition>-<offset>`. An expression that fails, yields a list,
 * or yields `null` (Camunda's client cannot send a null id) makes the
 * record poison — never silently another id.
 */
const resolveMessageId = (
  compiled: CompiledElement,
  message: KafkaMessage,
  context: Record<string, unknown>
): string | RecordPoison => {
  const { element, messageId } = compiled;
  if (messageId === undefined) {
    return `${message.topic}-${message.partition}-${message.offset}`;
  }
  const outcome = evaluateText(messageId, context);
  if (outcome.kind === 'text') return outcome.text;
  return poison(
    'message-id-failed',
    `Message expression could not be evaluated: ${element.messageIdExpression ?? ''}: ${outcome.kind === 'null' ? 'the expression returned null' : outcome.problem}`,
    element.elementId
  );
};

/**
 * Message name, message id, correlation key and time to live, resolved in
 * Camunda's order (message id first).
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
  const messageId = resolveMessageId(compiled, message, context);
  if (typeof messageId !== 'string') return messageId;
  const correlationKey = resolveCorrelationKey(compiled, context);
  if (typeof correlationKey !== 'string') return correlationKey;
  const ttl = element.messageTtlMs;
  return {
    kind: 'publication',
    name: element.messageName ?? '',
    correlationKey,
    messageId,
    timeToLive: Number.isFinite(ttl) ? ttl : DEFAULT_MESSAGE_TTL_MS,
  };
};

export type { Publication };
export { resolvePublication };

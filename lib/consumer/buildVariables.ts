import { checkVariablesSize } from '../camunda/checkVariablesSize.js';
import { describeError } from '../common/index.js';
import { evaluateResultExpression } from '../feel/index.js';
import type { KafkaMessage } from '../kafka/types.js';
import type { CompiledElement } from './compileBinding.js';
import { poison, type RecordPoison } from './outcomes.js';

/**
 * Camunda's runtime refuses a result expression whose JSON contains this
 * text anywhere (`ConnectorResultHandler.FORBIDDEN_LITERALS`: the marker of
 * its intrinsic functions).
 */
const FORBIDDEN_LITERAL = 'camunda.function.type';

/**
 * Whether a key or string anywhere in a JSON-like value contains `text`; for
 * a text without JSON escapes that is whether its JSON contains it.
 */
const containsText = (value: unknown, text: string): boolean => {
  if (typeof value === 'string') return value.includes(text);
  if (Array.isArray(value)) return value.some((v) => containsText(v, text));
  if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      if (key.includes(text) || containsText(entry, text)) return true;
    }
  }
  return false;
};

/** The variables to send (undefined: send none), or why the record is poison. */
type VariablesOutcome =
  | {
      readonly kind: 'variables';
      readonly variables: Record<string, unknown> | undefined;
    }
  | RecordPoison;

/**
 * `{ [resultVariable]: message }` merged with the result expression's
 * context (its keys win); none when neither is set. The expression sees the
 * message fields and `response` (the message), must yield a context without
 * the text `camunda.function.type`, and null adds nothing. Over `maxBytes`
 * the record is poison.
 *
 * @param compiled - The selected element.
 * @param message - The decoded record.
 * @param maxBytes - Camunda's variables limit.
 */
const buildVariables = (
  compiled: CompiledElement,
  message: KafkaMessage,
  maxBytes: number
): VariablesOutcome => {
  const { element, result } = compiled;
  let variables: Record<string, unknown> | undefined;
  if (element.resultVariable !== undefined && element.resultVariable !== '') {
    // A computed key creates an own property, even for `__proto__`.
    variables = { [element.resultVariable]: message };
  }
  if (result !== undefined) {
    // As in Camunda, the expression sees the message and `response`.
    const outcome = evaluateResultExpression(result, {
      ...message,
      response: message,
    });
    if (outcome.error !== undefined) {
      return poison(
        'result-expression-failed',
        `Result expression failed: ${describeError(outcome.error)}`,
        element.elementId
      );
    }
    if (
      outcome.variables !== undefined &&
      containsText(outcome.variables, FORBIDDEN_LITERAL)
    ) {
      return poison(
        'result-expression-failed',
        `Result expression failed: The connector result contains a forbidden literal '${FORBIDDEN_LITERAL}'`,
        element.elementId
      );
    }
    if (outcome.variables !== undefined) {
      // Spread defines own properties: a `__proto__` entry stays data.
      variables = { ...variables, ...outcome.variables };
    }
  }
  if (variables === undefined) return { kind: 'variables', variables };
  const size = checkVariablesSize(variables, maxBytes);
  if (!size.ok) {
    return poison('variables-too-large', size.reason, element.elementId);
  }
  return { kind: 'variables', variables };
};

export { buildVariables };

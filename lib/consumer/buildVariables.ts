import { checkVariablesSize } from '../camunda/checkVariablesSize.js';
import { describeError } from '../common/index.js';
import { evaluateResultExpression } from '../feel/index.js';
import type { KafkaMessage } from '../kafka/types.js';
import type { CompiledElement } from './compileBinding.js';
import { poison, type RecordPoison } from './outcomes.js';

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
 * message fields and `response` (the message), must yield a context, and
 * null adds nothing. Over `maxBytes` the record is poison.
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

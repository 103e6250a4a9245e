import { checkVariablesSize } from '../camunda/checkVariablesSize.js';
import type { KafkaMessage } from '../kafka/types.js';
import type { CompiledElement } from './compileBinding.js';
import { describeError } from './describeError.js';
import { poison, type RecordPoison } from './outcomes.js';

/** The variables to send (undefined: send none), or why the record is poison. */
type VariablesOutcome =
  | {
      readonly kind: 'variables';
      readonly variables: Record<string, unknown> | undefined;
    }
  | RecordPoison;

/** A FEEL context as feelin returns it: a plain object, not a list or a temporal. */
const isContext = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

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
    let value: unknown;
    try {
      ({ value } = result.evaluate({ ...message, response: message }));
    } catch (error) {
      return poison(
        'result-expression-failed',
        `Result expression failed: ${describeError(error)}`,
        element.elementId
      );
    }
    if (isContext(value)) {
      // Spread defines own properties: a `__proto__` entry stays data.
      variables = { ...variables, ...value };
    } else if (value !== null && value !== undefined) {
      const type = Array.isArray(value) ? 'a list' : typeof value;
      return poison(
        'result-expression-failed',
        `Result expression must return a context, got ${type}`,
        element.elementId
      );
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

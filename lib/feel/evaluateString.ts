import { asFeelError, FeelResultTypeError } from './errors.js';
import type {
  CompiledFeel,
  FeelContext,
  StringExpressionResult,
} from './types.js';
import { typeName } from './values/values.js';

/**
 * Evaluate a correlation key or message id expression. A string is used as
 * is; a finite number or a boolean becomes its text (`123` → `"123"`, as
 * Camunda's connector converts the FEEL result to the string Zeebe needs);
 * `null` (also what an unknown variable gives) leaves `value` absent, and
 * the caller decides (required correlation key → poison record; message id
 * → the default `<topic>-<partition>-<offset>`). Lists, contexts and other
 * values are an error. An empty string is returned as such.
 *
 * @param expression - the compiled expression
 * @param message - the FEEL context (the Kafka message)
 */
const evaluateString = (
  expression: CompiledFeel,
  message: FeelContext
): StringExpressionResult => {
  try {
    const { value, warnings } = expression.evaluate(message);
    if (value === null || value === undefined) {
      return { warnings };
    }
    if (typeof value === 'string') {
      return { value, warnings };
    }
    if (
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      return { value: String(value), warnings };
    }
    const actual = typeName(value);
    return {
      warnings,
      error: new FeelResultTypeError(
        `The expression '${expression.expression}' must return a string, got a ${actual}`,
        expression.expression,
        { expected: 'string', actual, warnings }
      ),
    };
  } catch (error) {
    return {
      warnings: [],
      error: asFeelError(error, 'String expression', expression.expression),
    };
  }
};

export { evaluateString };

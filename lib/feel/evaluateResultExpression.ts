import { asFeelError, FeelResultTypeError } from './errors.js';
import type {
  CompiledFeel,
  FeelContext,
  ResultExpressionResult,
} from './types.js';
import { isContext, typeName } from './values/values.js';

/**
 * Evaluate a result expression with Camunda's rule: a context becomes
 * variables; `null` adds nothing; anything else (a string, a list, a
 * number) is an error for that record ("Result expression must return a
 * JSON object"). Warnings do not fail it: a missing field just becomes
 * `null` inside the context, as in Camunda.
 *
 * The returned context may share nested objects with `message` (the fast
 * path does not copy); treat both as read-only.
 *
 * @param expression - the compiled result expression
 * @param message - the FEEL context (the Kafka message)
 */
const evaluateResultExpression = (
  expression: CompiledFeel,
  message: FeelContext
): ResultExpressionResult => {
  try {
    const { value, warnings } = expression.evaluate(message);
    if (value === null || value === undefined) {
      return { warnings };
    }
    if (isContext(value)) {
      return { variables: value, warnings };
    }
    const actual = typeName(value);
    return {
      warnings,
      error: new FeelResultTypeError(
        `The result expression '${expression.expression}' must return a context, got a ${actual}`,
        expression.expression,
        { expected: 'context', actual, warnings }
      ),
    };
  } catch (error) {
    return {
      warnings: [],
      error: asFeelError(error, 'Result expression', expression.expression),
    };
  }
};

export { evaluateResultExpression };

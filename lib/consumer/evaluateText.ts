import { describeError } from '../common/index.js';
import { toCamundaText } from './toCamundaText.js';
import type { CompiledExpression } from './types.js';

/** A correlation key or message id expression's outcome for one record. */
type TextOutcome =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'null' }
  | { readonly kind: 'failed'; readonly problem: string };

/**
 * Evaluates a correlation key or message id expression and converts the
 * result the way Camunda's runtime does (see {@link toCamundaText}). FEEL
 * warnings do not fail it (they made a part `null`); a throwing evaluation
 * or a result that cannot be text (a list) does.
 *
 * @param expression - the compiled expression
 * @param context - the FEEL context (the message fields)
 */
const evaluateText = (
  expression: CompiledExpression,
  context: Record<string, unknown>
): TextOutcome => {
  let value: unknown;
  try {
    ({ value } = expression.evaluate(context));
  } catch (error) {
    return {
      kind: 'failed',
      problem: `the expression failed: ${describeError(error)}`,
    };
  }
  const text = toCamundaText(value, context);
  switch (text.kind) {
    case 'text':
      return text;
    case 'null':
      return text;
    case 'notText':
      return {
        kind: 'failed',
        problem: `the expression returned a ${text.type}, which is not text`,
      };
  }
};

export type { TextOutcome };
export { evaluateText };

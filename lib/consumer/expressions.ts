import { evaluate } from 'feelin';
import type { CompiledExpression, ExpressionCompiler } from './types.js';

/**
 * Camunda stores FEEL with one leading `=`; feelin would return undefined
 * for it, so trim, drop one `=`, trim again (as Camunda's wrapper does).
 */
const stripFeel = (source: string): string => {
  const trimmed = source.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
};

/**
 * Default compiler until lib/feel is wired in: feelin with the `camunda`
 * dialect, parsed on each evaluation (feelin cannot evaluate a parsed tree).
 * Syntax errors throw from `evaluate`.
 *
 * @param source - FEEL as written in the BPMN.
 */
const compileExpression: ExpressionCompiler = (
  source: string
): CompiledExpression => {
  const expression = stripFeel(source);
  return {
    evaluate: (context) => evaluate(expression, context, 'camunda'),
  };
};

/** Whether the source holds an expression at all (blank or `=` alone: no). */
const isBlankExpression = (source: string | undefined): boolean =>
  source === undefined || stripFeel(source) === '';

export { compileExpression, isBlankExpression, stripFeel };

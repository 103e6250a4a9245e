import { compileFeel, isBlankFeel, stripFeelPrefix } from '../feel/index.js';
import type { ExpressionCompiler } from './types.js';

/**
 * The consumer's FEEL: lib/feel's Camunda-compatible compiler, which parses
 * once and runs the common subset as compiled closures. Syntax errors throw
 * `FeelSyntaxError` at compile time.
 */
const compileExpression: ExpressionCompiler = compileFeel;

/** Whether the source holds an expression at all (blank or `=` alone: no). */
const isBlankExpression = (source: string | undefined): boolean =>
  isBlankFeel(source);

export { compileExpression, isBlankExpression, stripFeelPrefix as stripFeel };

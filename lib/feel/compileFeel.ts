import type { Tree } from '@lezer/common';
import { describeError } from '../common/index.js';
import { BUILTINS, type BuiltinTable } from './builtins/index.js';
import { BUILTIN_NAMES } from './builtins/names.js';
import { FEEL_LIMITS } from './constants.js';
import { FeelError, FeelEvaluationError, FeelSyntaxError } from './errors.js';
import { compileTree } from './evaluator/compileTree.js';
import {
  type BudgetLimits,
  Env,
  type Scope,
  SoftFailure,
} from './evaluator/runtime.js';
import { parseFeel } from './parseFeel.js';
import { isBlankFeel, stripFeelPrefix } from './stripFeelPrefix.js';
import type { CompiledFeel, FeelContext, FeelEvaluation } from './types.js';

/** Options of {@link compileFeel}. */
interface CompileOptions {
  /** Budget units of one evaluation (default FEEL_LIMITS.evaluationSteps). */
  readonly steps?: number;
}

const toError = (error: unknown, expression: string): FeelError => {
  if (error instanceof FeelError) return error;
  if (error instanceof SoftFailure) {
    return new FeelEvaluationError(
      `failed to evaluate expression '${expression}': ${error.message}`,
      expression
    );
  }
  if (error instanceof RangeError) {
    // the stack ran out (FEEL functions calling each other deeply)
    return new FeelEvaluationError(
      `The evaluation of '${expression.slice(0, 100)}' nested too deeply`,
      expression,
      { cause: error }
    );
  }
  const message = describeError(error);
  return new FeelEvaluationError(
    `FEEL evaluation of '${expression.slice(0, 100)}' failed: ${message}`,
    expression,
    { cause: error }
  );
};

/**
 * Parse a FEEL expression once (feelin's parser, Camunda dialect) and
 * compile it to closures with feel-scala's semantics: the one evaluator of
 * lib/feel. Parsing is linear in the length of the expression; expressions
 * longer or nested deeper than FEEL_LIMITS are refused. Every evaluation
 * runs within a budget (FEEL_LIMITS.evaluationSteps): an evaluation that
 * would exceed it throws FeelBudgetError.
 *
 * @param source - the expression, with or without its leading `=`
 * @param options - the evaluation budget
 * @throws FeelSyntaxError when the expression is blank or does not parse
 * @throws FeelLimitError when it is too long or nested too deeply
 * @example
 * ```ts
 * const condition = compileFeel('=value.itemId = "a4f6j2"');
 * condition.evaluate({ value: { itemId: 'a4f6j2' } }).value; // true
 * ```
 */
const compileFeel = (
  source: string,
  options: CompileOptions = {}
): CompiledFeel => compileParsed(source, options, BUILTINS).compiled;

/** No built-in functions: what {@link inspectFeel} compiles with. */
const NO_BUILTINS: BuiltinTable = Object.freeze(Object.create(null));

const compileParsed = (
  source: string,
  options: CompileOptions,
  builtins: BuiltinTable
): { compiled: CompiledFeel; tree: Tree } => {
  const expression = stripFeelPrefix(source);
  if (expression === '') {
    throw new FeelSyntaxError('The FEEL expression is empty', expression, {
      from: 0,
      to: 0,
    });
  }
  const tree = parseFeel(expression, BUILTIN_NAMES);
  const evaluator = compileTree(tree, expression, builtins);
  const limits: BudgetLimits = {
    steps: options.steps ?? FEEL_LIMITS.evaluationSteps,
    callDepth: FEEL_LIMITS.callDepth,
  };
  const evaluate = (context: FeelContext): FeelEvaluation => {
    const env = new Env(limits, expression);
    const scope: Scope = { vars: context, parent: undefined };
    try {
      const value = evaluator(scope, env);
      return {
        value: value === undefined ? null : value,
        warnings: env.warnings,
      };
    } catch (error) {
      throw toError(error, expression);
    }
  };
  return { compiled: { source, expression, evaluate }, tree };
};

/**
 * Parse and compile an expression for validation: what
 * {@link compileFeel} does, with the same errors, also returning the parse
 * tree for static checks. The compiled expression has no built-in
 * functions (a call finds no function, a temporal literal such as
 * `date("2024-01-01")` is `null`): validation evaluates literals only
 * (contexts, lists, strings, numbers), and compiling throws the same
 * errors with or without them — so the provisioner, which only validates,
 * does not bundle the function library.
 *
 * @param source - the expression, with or without its leading `=`
 * @throws FeelSyntaxError when it does not parse
 * @throws FeelLimitError when it is too long or nested too deeply
 */
const inspectFeel = (source: string): { compiled: CompiledFeel; tree: Tree } =>
  compileParsed(source, {}, NO_BUILTINS);

/**
 * {@link compileFeel} for optional properties: `undefined` when the source
 * is absent or blank (including a lone `=`).
 *
 * @param source - the property value, if any
 * @throws FeelSyntaxError when the expression does not parse
 */
const compileOptionalFeel = (
  source: string | undefined | null
): CompiledFeel | undefined =>
  source === undefined || source === null || isBlankFeel(source)
    ? undefined
    : compileFeel(source);

export { type CompileOptions, compileFeel, compileOptionalFeel, inspectFeel };

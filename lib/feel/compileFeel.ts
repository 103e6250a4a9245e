import { evaluate, parseExpression } from 'feelin';
import { camundaBuiltins } from './camundaBuiltins.js';
import { compileTree, type Evaluator } from './compileTree.js';
import { FEEL_DIALECT } from './constants.js';
import {
  FeelError,
  FeelEvaluationError,
  FeelSyntaxError,
  FeelUnsupportedError,
} from './errors.js';
import { findSyntaxError } from './findSyntaxError.js';
import {
  FeelBailout,
  isJsonLike,
  isPlainObject,
  type Scope,
} from './semantics.js';
import { isBlankFeel, stripFeelPrefix } from './stripFeelPrefix.js';
import type {
  CompiledFeel,
  FeelContext,
  FeelEvaluation,
  FeelWarning,
} from './types.js';

// The Camunda built-ins sit below the caller's variables, as they do in the
// context handed to feelin: a variable of the same name wins.
const BUILTIN_SCOPE: Scope = { vars: camundaBuiltins, parent: undefined };

const toError = (error: unknown, expression: string): FeelError => {
  if (error instanceof FeelError && error.expression === expression) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FeelEvaluationError(
    `FEEL evaluation of '${expression}' failed: ${message}`,
    expression,
    { cause: error }
  );
};

// The fast path reads the caller's objects in place, so it only takes
// contexts feelin would not convert (no Dates or class instances at the top,
// no implicit input value `?`).
const isFastContext = (context: FeelContext): boolean => {
  if (!isPlainObject(context) || Object.hasOwn(context, '?')) {
    return false;
  }
  for (const key in context) {
    if (!isJsonLike(context[key])) {
      return false;
    }
  }
  return true;
};

const evaluateWithFeelin = (
  expression: string,
  context: FeelContext
): FeelEvaluation => {
  const { value, warnings } = evaluate(
    expression,
    { ...camundaBuiltins, ...context },
    FEEL_DIALECT
  );
  return {
    value,
    warnings: warnings.map(
      ({ type, message, position }): FeelWarning => ({
        type,
        message,
        position,
      })
    ),
  };
};

const compileEvaluator = (
  tree: ReturnType<typeof parseExpression>,
  expression: string
): { evaluator?: Evaluator; fallbackReason?: string } => {
  try {
    return { evaluator: compileTree(tree, expression) };
  } catch (error) {
    if (error instanceof FeelUnsupportedError) {
      return { fallbackReason: error.message };
    }
    throw error;
  }
};

/**
 * Parse a FEEL expression once (Camunda dialect, Camunda built-ins known to
 * the parser) and compile it to closures when it stays within the fast
 * path's subset; otherwise it runs on feelin's interpreter.
 *
 * @param source - the expression, with or without its leading `=`
 * @throws FeelSyntaxError when the expression is blank or does not parse
 * @example
 * ```ts
 * const condition = compileFeel('=value.itemId = "a4f6j2"');
 * condition.evaluate({ value: { itemId: 'a4f6j2' } }).value; // true
 * ```
 */
const compileFeel = (source: string): CompiledFeel => {
  const expression = stripFeelPrefix(source);
  if (expression === '') {
    throw new FeelSyntaxError('The FEEL expression is empty', expression, {
      from: 0,
      to: 0,
    });
  }
  const tree = parseExpression(expression, camundaBuiltins, FEEL_DIALECT);
  const syntaxError = findSyntaxError(tree, expression);
  if (syntaxError) {
    throw syntaxError;
  }
  const { evaluator, fallbackReason } = compileEvaluator(tree, expression);
  const evaluateExpression = (context: FeelContext): FeelEvaluation => {
    try {
      if (evaluator && isFastContext(context)) {
        const warnings: FeelWarning[] = [];
        try {
          const scope: Scope = { vars: context, parent: BUILTIN_SCOPE };
          return { value: evaluator(scope, warnings), warnings };
        } catch (error) {
          if (!(error instanceof FeelBailout)) {
            throw error;
          }
        }
      }
      return evaluateWithFeelin(expression, context);
    } catch (error) {
      throw toError(error, expression);
    }
  };
  return {
    source,
    expression,
    compiled: evaluator !== undefined,
    ...(fallbackReason === undefined ? {} : { fallbackReason }),
    evaluate: evaluateExpression,
  };
};

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

export { compileFeel, compileOptionalFeel };

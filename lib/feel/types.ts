import type { FeelError } from './errors.js';

/** The warning types FEEL evaluation reports (feel-scala's failure types). */
type FeelWarningType =
  | 'NO_VARIABLE_FOUND'
  | 'NO_CONTEXT_ENTRY_FOUND'
  | 'NO_PROPERTY_FOUND'
  | 'NOT_COMPARABLE'
  | 'INVALID_TYPE'
  | 'INVALID_ARGUMENTS'
  | 'NO_FUNCTION_FOUND'
  | 'FUNCTION_INVOCATION_FAILURE'
  | 'UNSUPPORTED';

/** A character range in the expression (without its leading `=`). */
interface FeelPosition {
  readonly from: number;
  readonly to: number;
}

/**
 * Something that went wrong but did not stop the evaluation: FEEL turned it
 * into `null` (an unknown variable, `"a" + 1`, a failed function call).
 */
interface FeelWarning {
  readonly type: FeelWarningType;
  readonly message: string;
  readonly position: FeelPosition;
}

/** The variables an expression is evaluated against. */
type FeelContext = Readonly<Record<string, unknown>>;

/** What one evaluation produced. */
interface FeelEvaluation {
  /** JSON-like value; FEEL contexts are plain objects, lists arrays. */
  readonly value: unknown;
  readonly warnings: readonly FeelWarning[];
}

/**
 * A FEEL expression parsed and compiled once, to be evaluated many times.
 */
interface CompiledFeel {
  /** The source as given (possibly with its leading `=`). */
  readonly source: string;
  /** The expression that is evaluated: trimmed, one leading `=` removed. */
  readonly expression: string;
  /**
   * Evaluate against a context.
   *
   * @param context - variables; values should be JSON-like
   * @throws FeelEvaluationError when the evaluation fails (feel-scala fails
   *   it too: a failed `assert`, `?` outside a unary test), or exceeds its
   *   budget (FeelBudgetError), or a regular expression taken from the
   *   record cannot run on the linear-time engine
   */
  evaluate(context: FeelContext): FeelEvaluation;
}

/** The outcome of an activation condition for one message. */
interface ActivationResult {
  /** True only when the condition is absent, blank or exactly `true`. */
  readonly activated: boolean;
  readonly warnings: readonly FeelWarning[];
  /** Set when the evaluation threw; the record cannot be processed. */
  readonly error?: FeelError;
}

/** The outcome of a result expression for one message. */
interface ResultExpressionResult {
  /** The context to merge into the variables; absent for a `null` result. */
  readonly variables?: Record<string, unknown>;
  readonly warnings: readonly FeelWarning[];
  /** Set when the result is not a context, or the evaluation threw. */
  readonly error?: FeelError;
}

/** The outcome of a string-valued expression (correlation key, message id). */
interface StringExpressionResult {
  /** The string; absent when the expression gave `null`. */
  readonly value?: string;
  readonly warnings: readonly FeelWarning[];
  /** Set when the value cannot be a string, or the evaluation threw. */
  readonly error?: FeelError;
}

export type {
  ActivationResult,
  CompiledFeel,
  FeelContext,
  FeelEvaluation,
  FeelPosition,
  FeelWarning,
  FeelWarningType,
  ResultExpressionResult,
  StringExpressionResult,
};

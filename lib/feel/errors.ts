import type { FeelPosition, FeelWarning } from './types.js';

/**
 * Base class of every error the FEEL module raises.
 */
class FeelError extends Error {
  /** The FEEL expression (without its leading `=`). */
  public readonly expression: string;

  public constructor(
    message: string,
    expression: string,
    options?: ErrorOptions
  ) {
    super(message, options);
    this.name = 'FeelError';
    this.expression = expression;
  }
}

/**
 * The expression does not parse.
 */
class FeelSyntaxError extends FeelError {
  /** Where in the expression the parser gave up. */
  public readonly position: FeelPosition;

  public constructor(
    message: string,
    expression: string,
    position: FeelPosition,
    options?: ErrorOptions
  ) {
    super(message, expression, options);
    this.name = 'FeelSyntaxError';
    this.position = position;
  }
}

/**
 * Evaluating the expression threw (an `assert` that failed, or an operation
 * feelin rejects by throwing, such as `x < true`).
 */
class FeelEvaluationError extends FeelError {
  public constructor(
    message: string,
    expression: string,
    options?: ErrorOptions
  ) {
    super(message, expression, options);
    this.name = 'FeelEvaluationError';
  }
}

/**
 * The evaluation used up its budget (steps: loop iterations, list elements
 * and string characters created, function calls). The record that caused
 * it cannot be evaluated; the expression itself is valid.
 */
class FeelBudgetError extends FeelEvaluationError {
  public constructor(message: string, expression: string) {
    super(message, expression);
    this.name = 'FeelBudgetError';
  }
}

/**
 * The Camunda built-in `assert(value, condition, cause?)` failed: the
 * evaluation fails, as in feel-scala.
 */
class FeelAssertionError extends FeelEvaluationError {
  public constructor(message: string, expression = '', options?: ErrorOptions) {
    super(message, expression, options);
    this.name = 'FeelAssertionError';
  }
}

/**
 * The expression is larger or nested deeper than lib/feel accepts (it is
 * refused before or right after parsing, in bounded time).
 */
class FeelLimitError extends FeelError {
  public constructor(message: string, expression: string) {
    super(message, expression);
    this.name = 'FeelLimitError';
  }
}

/**
 * The expression evaluated, but its value cannot be used where it is used
 * (a result expression that is not a context, a correlation key that is a
 * list, ...).
 */
class FeelResultTypeError extends FeelError {
  /** What the place needed (`context`, `string`). */
  public readonly expected: string;
  /** The FEEL type of the value the expression produced. */
  public readonly actual: string;
  /** Warnings of the evaluation, to explain how the value came about. */
  public readonly warnings: readonly FeelWarning[];

  public constructor(
    message: string,
    expression: string,
    details: {
      expected: string;
      actual: string;
      warnings: readonly FeelWarning[];
    },
    options?: ErrorOptions
  ) {
    super(message, expression, options);
    this.name = 'FeelResultTypeError';
    this.expected = details.expected;
    this.actual = details.actual;
    this.warnings = details.warnings;
  }
}

/**
 * A thrown evaluation error as a FeelError: kept when it is one, otherwise
 * wrapped with `what` failed (the original as the cause).
 *
 * @param error - what the evaluation threw
 * @param what - the kind of expression, e.g. `Activation condition`
 * @param expression - the evaluated expression
 */
const asFeelError = (
  error: unknown,
  what: string,
  expression: string
): FeelError =>
  error instanceof FeelError
    ? error
    : new FeelEvaluationError(`${what} failed`, expression, { cause: error });

export {
  asFeelError,
  FeelAssertionError,
  FeelBudgetError,
  FeelError,
  FeelEvaluationError,
  FeelLimitError,
  FeelResultTypeError,
  FeelSyntaxError,
};

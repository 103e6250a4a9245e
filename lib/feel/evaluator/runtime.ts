// What an evaluation carries: the scope chain (variables and functions are
// separate namespaces, as in feel-scala), the warnings, and the budget.
import { FeelBudgetError } from '../errors.js';
import type { FeelPosition, FeelWarning, FeelWarningType } from '../types.js';
import type { FeelFunctionValue } from '../values/values.js';

/** One level of names; inner levels shadow outer ones. @internal */
interface Scope {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly fns?: Readonly<Record<string, readonly FeelFunctionValue[]>>;
  readonly parent: Scope | undefined;
}

/** The limits of one evaluation. @internal */
interface BudgetLimits {
  /**
   * Units one evaluation may spend: one per iteration of a loop (`for`,
   * `some`/`every`, a filter, a built-in walking a list), one per list
   * element or context entry created, one per 16 characters of string
   * built, one per call of a built-in, four per call of a FEEL-defined function.
   */
  readonly steps: number;
  /** Nested calls of FEEL-defined functions. */
  readonly callDepth: number;
}

/** State of one evaluation. @internal */
class Env {
  public readonly warnings: FeelWarning[] = [];
  private remaining: number;
  public callDepth = 0;

  public constructor(
    public readonly limits: BudgetLimits,
    public readonly expression: string
  ) {
    this.remaining = limits.steps;
  }

  /** Spend `units`; throws FeelBudgetError when the budget is used up. */
  public charge(units: number): void {
    this.remaining -= units;
    if (this.remaining < 0) {
      throw new FeelBudgetError(
        `The FEEL expression used up its evaluation budget of ${this.limits.steps.toLocaleString('en-US')} steps (loops, list elements, string characters); the record is not evaluated further`,
        this.expression
      );
    }
  }

  /** Spend for a string of `length` characters. */
  public chargeString(length: number): void {
    if (length > 16) this.charge(length >> 4);
  }

  public warn(
    type: FeelWarningType,
    message: string,
    position: FeelPosition
  ): void {
    if (this.warnings.length < 100) {
      this.warnings.push({ type, message, position });
    }
  }
}

/**
 * feel-scala's ValError: an evaluation error that the operations which
 * "return null on error" turn into `null`, and that fails the evaluation
 * when it reaches the top. @internal
 */
class SoftFailure {
  public constructor(public readonly message: string) {}
}

const hasOwn = Object.hasOwn;

/** The value of a variable, or `undefined`. @internal */
const lookupVariable = (scope: Scope, name: string): unknown => {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (hasOwn(s.vars, name)) {
      const value = s.vars[name];
      return value === undefined ? null : value;
    }
  }
  return undefined;
};

/** The functions of a name, innermost scope first. @internal */
const lookupFunctions = (scope: Scope, name: string): FeelFunctionValue[] => {
  const found: FeelFunctionValue[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const fns = s.fns;
    if (fns && hasOwn(fns, name)) {
      found.push(...(fns[name] ?? []));
    }
  }
  return found;
};

export {
  type BudgetLimits,
  Env,
  lookupFunctions,
  lookupVariable,
  type Scope,
  SoftFailure,
};

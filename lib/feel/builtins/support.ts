// Helpers shared by the built-in functions (feel-scala's BuiltinFunction).
import type { Env } from '../evaluator/runtime.js';
import { SoftFailure } from '../evaluator/runtime.js';
import { display, FeelFunctionValue } from '../values/values.js';

type Builtins = Record<string, FeelFunctionValue[]>;

/**
 * A built-in function. `invoke` returns `undefined` when it does not take
 * the arguments it got; that becomes feel-scala's "Illegal arguments"
 * failure (a warning and `null` at the call).
 */
const builtin = (
  params: readonly string[],
  invoke: (args: unknown[], env: Env) => unknown,
  varArgs = false
): FeelFunctionValue =>
  new FeelFunctionValue(
    params,
    (args, env) => {
      const result = invoke(args, env);
      if (result === undefined) throw illegalArguments(args);
      return result;
    },
    varArgs
  );

const illegalArguments = (args: readonly unknown[]): SoftFailure =>
  new SoftFailure(
    `Illegal arguments: ${args.map((a) => `'${display(a)}'`).join(', ')}`
  );

/** A failure with feel-scala's message. */
const fail = (message: string): never => {
  throw new SoftFailure(message);
};

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isString = (value: unknown): value is string => typeof value === 'string';
const isList = (value: unknown): value is unknown[] => Array.isArray(value);

/** BigDecimal.intValue: truncated towards zero. */
const intValue = (n: number): number => {
  const t = Math.trunc(n);
  return t === 0 ? 0 : t;
};

/** An index into a list or string, 1-based, negative from the end. */
const position = (length: number, index: number): number =>
  index > 0 ? index - 1 : length + index;

export {
  type Builtins,
  builtin,
  fail,
  illegalArguments,
  intValue,
  isList,
  isNumber,
  isString,
  position,
};

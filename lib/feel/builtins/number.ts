// Numeric and boolean functions (feel-scala NumericBuiltinFunctions.scala,
// BooleanBuiltinFunctions.scala).
import { SoftFailure } from '../evaluator/runtime.js';
import {
  decimalAdd,
  decimalRemainder,
  ROUNDING_MODES,
  type RoundingMode,
  setScale,
} from '../values/numbers.js';
import { FeelDaysDuration, FeelYearsDuration } from '../values/temporal.js';

import {
  type Builtins,
  builtin,
  fail,
  intValue,
  isNumber,
  isString,
} from './support.js';

const scaled = (n: number, scale: number, mode: RoundingMode): number => {
  try {
    return setScale(n, intValue(scale), mode);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail(`Failed to apply rounding mode '${mode}': ${error.message}`);
  }
};

const round = (n: unknown, scale: unknown, mode: RoundingMode): unknown => {
  if (!isNumber(n) || !isNumber(scale)) return undefined;
  return scaled(n, scale, mode);
};

const rounding = (params: string[], mode: RoundingMode) =>
  builtin(params, ([n, scale]) => round(n, scale, mode));

const abs = (param: string) =>
  builtin([param], ([n]) => {
    if (isNumber(n)) return Math.abs(n);
    if (n instanceof FeelYearsDuration)
      return new FeelYearsDuration(Math.abs(n.totalMonths));
    if (n instanceof FeelDaysDuration) return n.seconds < 0 ? n.negated() : n;
    return undefined;
  });

const numberBuiltins: Builtins = {
  decimal: [
    rounding(['n', 'scale'], 'HALF_EVEN'),
    builtin(['n', 'scale', 'mode'], ([n, scale, mode]) => {
      if (!isNumber(n) || !isNumber(scale) || !isString(mode)) return undefined;
      const upper = mode.toUpperCase();
      if (!ROUNDING_MODES.has(upper)) {
        return fail(
          `Illegal argument '${mode}' for rounding mode. Must be one of: UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN, UNNECESSARY`
        );
      }
      return scaled(n, scale, upper as RoundingMode);
    }),
  ],
  floor: [
    builtin(['n'], ([n]) => round(n, 0, 'FLOOR')),
    // feel-scala names the second parameter `scala`
    rounding(['n', 'scala'], 'FLOOR'),
  ],
  ceiling: [
    builtin(['n'], ([n]) => round(n, 0, 'CEILING')),
    rounding(['n', 'scale'], 'CEILING'),
  ],
  abs: [abs('number'), abs('n')],
  modulo: [
    builtin(['dividend', 'divisor'], ([dividend, divisor]) => {
      if (!isNumber(dividend) || !isNumber(divisor)) return undefined;
      if (divisor === 0) return fail('Division by zero');
      const r = decimalRemainder(
        decimalAdd(decimalRemainder(dividend, divisor), divisor),
        divisor
      );
      return r === 0 ? 0 : r;
    }),
  ],
  sqrt: [
    builtin(['number'], ([n]) => {
      if (!isNumber(n)) return undefined;
      return n < 0 ? null : Math.sqrt(n);
    }),
  ],
  log: [
    builtin(['number'], ([n]) => {
      if (!isNumber(n)) return undefined;
      const r = Math.log(n);
      return Number.isFinite(r) ? r : fail(`Infinite or NaN`);
    }),
  ],
  exp: [
    builtin(['number'], ([n]) => {
      if (!isNumber(n)) return undefined;
      const r = Math.exp(n);
      return Number.isFinite(r) ? r : fail(`Infinite or NaN`);
    }),
  ],
  odd: [
    builtin(['number'], ([n]) =>
      isNumber(n) ? Math.abs(n) % 2 === 1 : undefined
    ),
  ],
  even: [builtin(['number'], ([n]) => (isNumber(n) ? n % 2 === 0 : undefined))],
  'round up': [rounding(['n', 'scale'], 'UP')],
  'round down': [rounding(['n', 'scale'], 'DOWN')],
  'round half up': [rounding(['n', 'scale'], 'HALF_UP')],
  // feel-scala names the second parameter `scala`
  'round half down': [rounding(['n', 'scala'], 'HALF_DOWN')],
  'random number': [builtin([], () => Math.random())],
};

const booleanBuiltins: Builtins = {
  not: [
    builtin(['negand'], ([negand]) =>
      typeof negand === 'boolean' ? !negand : null
    ),
  ],
  'is defined': [builtin(['value'], ([value]) => value !== null)],
  'get or else': [
    builtin(
      ['value', 'default'],
      ([value, fallback]) => value ?? fallback ?? null
    ),
  ],
  assert: [
    builtin(['value', 'condition'], ([value, condition]) => {
      if (condition === true) return value;
      throw new SoftFailure('The condition is not fulfilled');
    }),
    builtin(['value', 'condition', 'cause'], ([value, condition, cause]) => {
      if (condition === true) return value;
      if (isString(cause)) throw new SoftFailure(cause);
      return undefined;
    }),
  ],
};

export { booleanBuiltins, numberBuiltins };

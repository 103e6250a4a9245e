// List functions (feel-scala ListBuiltinFunctions.scala).
import { type Env, SoftFailure } from '../evaluator/runtime.js';
import {
  decimalAdd,
  decimalDivide,
  decimalMultiply,
  decimalSubtract,
} from '../values/numbers.js';
import {
  compareValues,
  display,
  FeelFunctionValue,
  isComparable,
  sameValue,
} from '../values/values.js';
import {
  type Builtins,
  builtin,
  fail,
  intValue,
  isList,
  isNumber,
  isString,
  position,
} from './support.js';

/** withListOfNumbers. */
const numbersOf = (list: readonly unknown[]): number[] => {
  for (const item of list) {
    if (!isNumber(item)) fail(`expected number but found '${display(item)}'`);
  }
  return list as number[];
};

const sum = (numbers: readonly number[]): number =>
  numbers.reduce((a, b) => decimalAdd(a, b), 0);

/**
 * LinkedHashSet with FEEL equality: the first of equal values, in order.
 * Strings, numbers and booleans are hashed; other values are compared with
 * the kept ones (charged per comparison).
 */
const distinct = (list: readonly unknown[], env: Env): unknown[] => {
  const kept: unknown[] = [];
  const seen = new Set<string>();
  const complex: unknown[] = [];
  for (const item of list) {
    const t = typeof item;
    if (item === null || t === 'string' || t === 'number' || t === 'boolean') {
      const key = `${t}:${String(item)}`;
      if (!seen.has(key)) {
        seen.add(key);
        kept.push(item);
      }
      continue;
    }
    env.charge(complex.length);
    if (!complex.some((k) => sameValue(k, item))) {
      complex.push(item);
      kept.push(item);
    }
  }
  return kept;
};

/** How often each value of `list` occurs (FEEL equality). */
const occurrences = (
  list: readonly unknown[],
  value: unknown,
  env: Env
): number => {
  env.charge(list.length);
  return list.filter((item) => sameValue(item, value)).length;
};

/**
 * feel-scala's `and()`/`all()` (dominant `false`) and `or()`/`any()`
 * (dominant `true`) over a list: the dominant value wins wherever it
 * stands; otherwise the other value, or null once an item is not a boolean.
 */
const combine = (
  items: readonly unknown[],
  dominant: boolean
): boolean | null => {
  let acc: boolean | null = !dominant;
  for (const item of items) {
    if (acc === dominant) return dominant;
    if (acc === !dominant && typeof item === 'boolean') acc = item;
    else if (acc === null && item === dominant) acc = dominant;
    else acc = null;
  }
  return acc;
};

/** A var-args function over one list whose items `combine` folds. */
const combining = (dominant: boolean) =>
  builtin(
    ['list'],
    ([list]) => (isList(list) ? combine(list, dominant) : undefined),
    true
  );

/**
 * A var-args function of a list of numbers (feel-scala's
 * `withListOfNumbers`): null for the empty list unless `onEmpty` says to
 * compute over it too.
 */
const ofNumbers = (
  compute: (numbers: number[]) => unknown,
  onEmpty: 'null' | 'compute' = 'null'
) =>
  builtin(
    ['list'],
    ([list]) => {
      if (!isList(list)) return undefined;
      if (list.length === 0 && onEmpty === 'null') return null;
      return compute(numbersOf(list));
    },
    true
  );

const minMax = (list: unknown, sign: 1 | -1): unknown => {
  if (!isList(list)) return undefined;
  if (list.length === 0) return null;
  if (!isComparable(list)) return fail(`${display(list)} is not comparable`);
  let best = list[0];
  for (const item of list) {
    if ((compareValues(item, best) ?? 0) * sign < 0) best = item;
  }
  return best;
};

const flatten = (list: readonly unknown[]): unknown[] =>
  list.flatMap((item) => (isList(item) ? flatten(item) : [item]));

const joinStrings = (
  env: Env,
  list: readonly unknown[],
  delimiter = '',
  prefix = '',
  suffix = ''
): string => {
  if (!list.every((item) => isString(item) || item === null)) {
    return fail(`expected a list of strings but found '${display(list)}'`);
  }
  let length = prefix.length + suffix.length;
  for (const item of list) {
    if (item !== null) length += (item as string).length + delimiter.length;
  }
  env.chargeString(length);
  return `${prefix}${list.filter((item) => item !== null).join(delimiter)}${suffix}`;
};

const listBuiltins: Builtins = {
  'list contains': [
    builtin(['list', 'element'], ([list, element]) =>
      isList(list) ? list.some((item) => sameValue(item, element)) : undefined
    ),
  ],
  count: [
    builtin(['list'], ([list]) => (isList(list) ? list.length : undefined)),
  ],
  min: [builtin(['list'], ([list]) => minMax(list, 1), true)],
  max: [builtin(['list'], ([list]) => minMax(list, -1), true)],
  sum: [ofNumbers(sum)],
  product: [
    ofNumbers((numbers) => numbers.reduce((a, b) => decimalMultiply(a, b), 1)),
  ],
  mean: [ofNumbers((numbers) => decimalDivide(sum(numbers), numbers.length))],
  median: [
    ofNumbers((numbers) => {
      const sorted = [...numbers].sort((a, b) => a - b);
      const half = Math.floor(sorted.length / 2);
      if (sorted.length % 2 === 1) return sorted[half];
      return decimalDivide(
        decimalAdd(sorted[half - 1] as number, sorted[half] as number),
        2
      );
    }),
  ],
  stddev: [
    ofNumbers((numbers) => {
      const mean = decimalDivide(sum(numbers), numbers.length);
      const d = numbers.reduce((acc, n) => {
        const diff = decimalSubtract(n, mean);
        return decimalAdd(acc, decimalMultiply(diff, diff));
      }, 0);
      return Math.sqrt(decimalDivide(d, numbers.length - 1));
    }),
  ],
  // The empty list's mode is the empty list.
  mode: [
    ofNumbers((numbers) => {
      const counts = new Map<number, number>();
      for (const n of numbers) counts.set(n, (counts.get(n) ?? 0) + 1);
      const max = Math.max(...counts.values());
      return [...counts.entries()]
        .filter(([, count]) => count === max)
        .map(([n]) => n)
        .sort((a, b) => a - b);
    }, 'compute'),
  ],
  and: [combining(false)],
  all: [combining(false)],
  or: [combining(true)],
  any: [combining(true)],
  sublist: [
    builtin(['list', 'start'], ([list, start]) => {
      if (!isList(list) || !isNumber(start)) return undefined;
      if (start === 0) return fail('start position must be a non-zero number');
      return list.slice(Math.max(0, position(list.length, intValue(start))));
    }),
    builtin(['list', 'start', 'length'], ([list, start, length]) => {
      if (!isList(list) || !isNumber(start) || !isNumber(length))
        return undefined;
      if (start === 0) return fail('start position must be a non-zero number');
      const from = position(list.length, intValue(start));
      return list.slice(
        Math.max(0, from),
        Math.max(0, from + intValue(length))
      );
    }),
  ],
  append: [
    builtin(
      ['list', 'items'],
      ([list, items], env) => {
        if (!isList(list) || !isList(items)) return undefined;
        env.charge(list.length + items.length);
        return [...list, ...items];
      },
      true
    ),
  ],
  concatenate: [
    builtin(
      ['lists'],
      ([lists], env) => {
        if (!isList(lists)) return undefined;
        const result = lists.flatMap((item) => (isList(item) ? item : [item]));
        env.charge(result.length);
        return result;
      },
      true
    ),
  ],
  'insert before': [
    builtin(['list', 'position', 'newItem'], ([list, at, item]) => {
      if (!isList(list) || !isNumber(at)) return undefined;
      if (at === 0) return fail('position must be a non-zero number');
      const index = Math.max(0, position(list.length, intValue(at)));
      return [...list.slice(0, index), item, ...list.slice(index)];
    }),
  ],
  remove: [
    builtin(['list', 'position'], ([list, at]) => {
      if (!isList(list) || !isNumber(at)) return undefined;
      if (at === 0) return fail('position must be a non-zero number');
      const index = position(list.length, intValue(at));
      const next = position(list.length, intValue(at) + 1);
      return [
        ...list.slice(0, Math.max(0, index)),
        ...list.slice(Math.max(0, next)),
      ];
    }),
  ],
  reverse: [
    builtin(['list'], ([list]) =>
      isList(list) ? [...list].reverse() : undefined
    ),
  ],
  'index of': [
    builtin(['list', 'match'], ([list, match]) => {
      if (!isList(list)) return undefined;
      const found: number[] = [];
      list.forEach((item, i) => {
        if (sameValue(item, match)) found.push(i + 1);
      });
      return found;
    }),
  ],
  union: [
    builtin(
      ['lists'],
      ([lists], env) => {
        if (!isList(lists)) return undefined;
        const items = lists.flatMap((item) => (isList(item) ? item : [item]));
        env.charge(items.length);
        return distinct(items, env);
      },
      true
    ),
  ],
  'distinct values': [
    builtin(['list'], ([list], env) => {
      if (!isList(list)) return undefined;
      env.charge(list.length);
      return distinct(list, env);
    }),
  ],
  'duplicate values': [
    builtin(['list'], ([list], env) => {
      if (!isList(list)) return undefined;
      env.charge(list.length);
      const counts = new Map<string, number>();
      for (const item of list) {
        const t = typeof item;
        if (
          item === null ||
          t === 'string' ||
          t === 'number' ||
          t === 'boolean'
        ) {
          const key = `${t}:${String(item)}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      return distinct(list, env).filter((x) => {
        const t = typeof x;
        if (x === null || t === 'string' || t === 'number' || t === 'boolean') {
          return (counts.get(`${t}:${String(x)}`) ?? 0) > 1;
        }
        return occurrences(list, x, env) > 1;
      });
    }),
  ],
  flatten: [
    builtin(['list'], ([list], env) => {
      if (!isList(list)) return undefined;
      const result = flatten(list);
      env.charge(result.length);
      return result;
    }),
  ],
  sort: [
    builtin(['list', 'precedes'], ([list, precedes], env) => {
      if (!isList(list) || !(precedes instanceof FeelFunctionValue))
        return undefined;
      if (precedes.params.length !== 2) {
        return fail(
          `expect boolean function with 2 arguments, but found '${precedes.params.length}'`
        );
      }
      env.charge(list.length);
      try {
        return [...list].sort((x, y) => {
          const before = precedes.invoke([x, y], env);
          if (typeof before !== 'boolean') {
            throw new SoftFailure(
              `expected boolean but found '${display(before)}'`
            );
          }
          if (before) return -1;
          const after = precedes.invoke([y, x], env);
          return after === true ? 1 : 0;
        });
      } catch (error) {
        if (!(error instanceof SoftFailure)) throw error;
        return fail(
          `fail to sort list by given precedes function: ${error.message}`
        );
      }
    }),
  ],
  'string join': [
    builtin(['list'], ([list], env) =>
      isList(list) ? joinStrings(env, list) : undefined
    ),
    builtin(['list', 'delimiter'], ([list, delimiter], env) => {
      if (!isList(list)) return undefined;
      if (isString(delimiter)) return joinStrings(env, list, delimiter);
      return delimiter === null ? joinStrings(env, list) : undefined;
    }),
    builtin(
      ['list', 'delimiter', 'prefix', 'suffix'],
      ([list, delimiter, prefix, suffix], env) => {
        if (!isList(list)) return undefined;
        if (isString(delimiter) && isString(prefix) && isString(suffix)) {
          return joinStrings(env, list, delimiter, prefix, suffix);
        }
        if (delimiter === null && isString(prefix) && isString(suffix)) {
          return joinStrings(env, list, '', prefix, suffix);
        }
        if (isString(delimiter) && prefix === null && suffix === null) {
          return joinStrings(env, list, delimiter);
        }
        if (delimiter === null && prefix === null && suffix === null)
          return joinStrings(env, list);
        return undefined;
      }
    ),
  ],
  'is empty': [
    builtin(['list'], ([list]) =>
      isList(list) ? list.length === 0 : undefined
    ),
  ],
  partition: [
    builtin(['list', 'size'], ([list, size]) => {
      if (!isList(list) || !isNumber(size)) return undefined;
      const n = intValue(size);
      if (n <= 0)
        return fail(
          `'size' should be greater than zero but was '${display(size)}'`
        );
      const parts: unknown[][] = [];
      for (let i = 0; i < list.length; i += n) parts.push(list.slice(i, i + n));
      return parts;
    }),
  ],
};

export { listBuiltins };

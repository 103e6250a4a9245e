// FEEL values as lib/feel represents them, with feel-scala's type names,
// equality (ValComparator), ordering (Val.compare with isComparable and
// hasSameType) and text forms (Val.toString, used in warning messages).
import { setOwn } from '../../common/index.js';
import type { Env } from '../evaluator/runtime.js';
import {
  FeelDate,
  FeelDateTime,
  FeelDaysDuration,
  FeelLocalDateTime,
  FeelLocalTime,
  FeelTime,
  FeelYearsDuration,
} from './temporal.js';

/** A function value: a built-in, or one a FEEL `function(...)` defined. */
class FeelFunctionValue {
  public constructor(
    /** Parameter names, in order. */
    public readonly params: readonly string[],
    /**
     * Called with one value per parameter (var-args: the rest as a list).
     * Throws SoftFailure for arguments it cannot take.
     */
    public readonly invoke: (args: unknown[], env: Env) => unknown,
    /** The last parameter takes the remaining positional arguments. */
    public readonly varArgs = false
  ) {}

  public toString(): string {
    return `function(${this.params.join(', ')})`;
  }

  public toJSON(): string {
    return this.toString();
  }
}

/** A range value `[a..b]`, `(a..b)`, `< b`, `>= a`. */
class FeelRange {
  public constructor(
    public readonly start: unknown,
    public readonly startIncluded: boolean,
    public readonly end: unknown,
    public readonly endIncluded: boolean
  ) {}

  public toString(): string {
    return `${this.startIncluded ? '[' : '('}${display(this.start)}..${display(this.end)}${this.endIncluded ? ']' : ')'}`;
  }

  public toJSON(): string {
    return this.toString();
  }
}

type Context = Record<string, unknown>;

const isContext = (value: unknown): value is Context =>
  value !== null &&
  typeof value === 'object' &&
  (Object.getPrototypeOf(value) === Object.prototype ||
    Object.getPrototypeOf(value) === null);

const isTemporal = (value: unknown): boolean =>
  value instanceof FeelDate ||
  value instanceof FeelLocalTime ||
  value instanceof FeelTime ||
  value instanceof FeelLocalDateTime ||
  value instanceof FeelDateTime ||
  value instanceof FeelDaysDuration ||
  value instanceof FeelYearsDuration;

/**
 * The FEEL type name feel-scala reports (`getTypeName`): both times are
 * `time`, both date-times `date and time`.
 */
const typeName = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
  }
  if (Array.isArray(value)) return 'list';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime || value instanceof FeelLocalTime)
    return 'time';
  if (value instanceof FeelDateTime || value instanceof FeelLocalDateTime) {
    return 'date and time';
  }
  if (value instanceof FeelYearsDuration) return 'years and months duration';
  if (value instanceof FeelDaysDuration) return 'days and time duration';
  if (value instanceof FeelFunctionValue) return 'function';
  if (value instanceof FeelRange) return 'range';
  if (isContext(value)) return 'context';
  return 'unknown';
};

const formatNumber = (value: number): string => {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    return value.toLocaleString('en-US', { useGrouping: false });
  }
  const text = String(value);
  if (!text.includes('e')) return text;
  // plain digits, as BigDecimal.toString for the usual magnitudes
  return value.toLocaleString('en-US', {
    useGrouping: false,
    maximumSignificantDigits: 17,
  });
};

/**
 * A value as feel-scala prints it in messages (Val.toString): strings in
 * quotes, contexts as `{a:1, b:"x"}`, lists as `[1, 2]`.
 */
const displayFull = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  return String(value);
};

/**
 * A value as feel-scala prints it in messages (Val.toString): strings in
 * quotes, contexts as `{a:1, b:"x"}`, lists as `[1, 2]`. At most `max`
 * characters (then `…`): messages stay small whatever the record holds.
 */
const display = (value: unknown, max = 300): string => {
  let out = '';
  const write = (text: string): boolean => {
    out += text;
    return out.length <= max;
  };
  const visit = (v: unknown): boolean => {
    if (Array.isArray(v)) {
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i += 1) {
        if (i > 0 && !write(', ')) return false;
        if (!visit(v[i])) return false;
      }
      return write(']');
    }
    if (isContext(v)) {
      if (!write('{')) return false;
      let first = true;
      for (const key of Object.keys(v)) {
        if (!first && !write(', ')) return false;
        first = false;
        if (!write(`${key}:`) || !visit(v[key])) return false;
      }
      return write('}');
    }
    return write(displayFull(v));
  };
  return visit(value) ? out : `${out.slice(0, max)}…`;
};

const TEMPORAL_CLASSES = [
  FeelDate,
  FeelLocalTime,
  FeelTime,
  FeelLocalDateTime,
  FeelDateTime,
  FeelDaysDuration,
  FeelYearsDuration,
] as const;

/** feel-scala's class equality: the same Val case class. */
const sameClass = (a: unknown, b: unknown): boolean => {
  const ta = typeof a;
  if (ta !== typeof b) return false;
  if (ta !== 'object') return true;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a)) return Array.isArray(b);
  for (const cls of TEMPORAL_CLASSES) {
    if (a instanceof cls) return b instanceof cls;
  }
  if (a instanceof FeelFunctionValue) return b instanceof FeelFunctionValue;
  if (a instanceof FeelRange) return b instanceof FeelRange;
  return isContext(a) && isContext(b);
};

/** feel-scala's `isComparable` (ordering with `<`). */
const isComparable = (value: unknown): boolean => {
  switch (typeof value) {
    case 'number':
    case 'string':
      return true;
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value)) {
        const head: unknown = value[0];
        return (
          value.length > 0 &&
          isComparable(head) &&
          value.every((item) => sameClass(item, head))
        );
      }
      return isTemporal(value);
    default:
      return false;
  }
};

type Comparable = { compare(other: unknown): number };

/**
 * Order two comparable values of the same class; `undefined` when they
 * cannot be ordered (feel-scala throws there).
 */
const compareValues = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (isTemporal(a) && sameClass(a, b)) {
    return (a as Comparable).compare(b);
  }
  return undefined;
};

const temporalEquals = (a: unknown, b: unknown): boolean => {
  if (a instanceof FeelDate && b instanceof FeelDate) return a.compare(b) === 0;
  if (a instanceof FeelLocalTime && b instanceof FeelLocalTime) {
    return a.nanoOfDay === b.nanoOfDay;
  }
  if (a instanceof FeelTime && b instanceof FeelTime) {
    return (
      a.time.nanoOfDay === b.time.nanoOfDay &&
      a.offset === b.offset &&
      a.zone === b.zone
    );
  }
  if (a instanceof FeelLocalDateTime && b instanceof FeelLocalDateTime) {
    return a.compare(b) === 0;
  }
  if (a instanceof FeelDateTime && b instanceof FeelDateTime) {
    // ZonedDateTime.equals: local date-time, offset and zone
    return (
      a.local.compare(b.local) === 0 &&
      a.offset === b.offset &&
      a.zone === b.zone
    );
  }
  if (a instanceof FeelDaysDuration && b instanceof FeelDaysDuration) {
    return a.compare(b) === 0;
  }
  if (a instanceof FeelYearsDuration && b instanceof FeelYearsDuration) {
    return a.totalMonths === b.totalMonths;
  }
  return false;
};

/**
 * FEEL `=` (feel-scala's ValComparator.compare): `true`/`false`, or
 * `undefined` when the values cannot be compared (different types).
 */
const feelEquals = (a: unknown, b: unknown): boolean | undefined => {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull;
  if (typeof a !== 'object' || typeof b !== 'object') {
    if (typeof a !== typeof b) return undefined;
    return a === b;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return undefined;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) {
      if (feelEquals(a[i], b[i]) !== true) return false;
    }
    return true;
  }
  if (isContext(a)) {
    if (!isContext(b)) return undefined;
    const aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    if (aKeys.length !== bKeys.length) return false;
    for (const key of aKeys) {
      if (!Object.hasOwn(b, key)) return false;
      if (feelEquals(a[key], b[key]) !== true) return false;
    }
    return true;
  }
  if (!sameClass(a, b)) return undefined;
  if (a instanceof FeelFunctionValue || a instanceof FeelRange) {
    return undefined;
  }
  return temporalEquals(a, b);
};

/** Equality as a Scala collection sees it (`==` on Val): no nulls-vs-type errors. */
const sameValue = (a: unknown, b: unknown): boolean =>
  feelEquals(a, b) === true;

/**
 * A context built by FEEL: a plain object whose keys are data, including
 * `__proto__` (lib/common's setOwn).
 */
const setEntry: (context: Context, key: string, value: unknown) => void =
  setOwn;

/** Normalise a value coming from outside (JSON-like, temporal, ...). */
const fromHost = (value: unknown): unknown => {
  if (value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
};

export {
  type Context,
  compareValues,
  display,
  displayFull,
  FeelFunctionValue,
  FeelRange,
  feelEquals,
  formatNumber,
  fromHost,
  isComparable,
  isContext,
  isTemporal,
  sameClass,
  sameValue,
  setEntry,
  typeName,
};

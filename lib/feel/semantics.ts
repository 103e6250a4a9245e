// The value semantics of feelin 8.2.0's interpreter (dist/index.js: equals,
// getFromContext, rangeIncludes, the ArithOp node), ported for the
// JSON-like values the fast path handles. Whenever a value outside that
// subset reaches an operation (temporals, ranges, functions, class
// instances), the operation throws FeelBailout and the whole evaluation is
// redone by feelin itself, so exotic cases keep feelin's exact behaviour.
import { getFeelType } from './feelinBridge.js';
import type { FeelPosition, FeelWarning, FeelWarningType } from './types.js';

/**
 * Thrown by the fast path when a value needs feelin's full semantics.
 * @internal
 */
class FeelBailout {}
const BAILOUT = new FeelBailout();

/** One level of variables; inner levels shadow outer ones. @internal */
interface Scope {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly parent: Scope | undefined;
}

const hasOwn = Object.hasOwn;
const NORMALIZE_CHARS = /[\s./\-'+*]/;

/**
 * lezer-feel's `normalizeContextKey`: spaces around operator characters,
 * single spaces, trimmed (`a  -b` and `a - b` name the same entry).
 */
const normalizeContextKey = (name: string): string =>
  name
    .replace(/\s*([./\-'+]|\*\*?)\s*/g, ' $1 ')
    .replace(/\s{2,}/g, ' ')
    .trim();

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  Object.getPrototypeOf(value) === Object.prototype;

/** Whether a value is one the fast path may pass around unexamined. */
const isJsonLike = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  Array.isArray(value) ||
  isPlainObject(value);

// feelin's last resort finds an entry whose normalised key equals the
// normalised name; rather than reproduce the order it scans merged
// contexts in, the fast path hands such (rare) cases to feelin.
const bailOnNormalizedMatch = (
  vars: Readonly<Record<string, unknown>>,
  normalized: string
): void => {
  for (const key in vars) {
    if (
      hasOwn(vars, key) &&
      NORMALIZE_CHARS.test(key) &&
      normalizeContextKey(key) === normalized
    ) {
      throw BAILOUT;
    }
  }
};

/**
 * Look a name up through the scope chain (feelin's getFromContext over the
 * merged context); `undefined` when it is not there.
 * @internal
 */
const lookupName = (
  scope: Scope,
  name: string,
  normalized: string
): unknown => {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (hasOwn(s.vars, name)) {
      return s.vars[name];
    }
  }
  if (normalized !== name) {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (hasOwn(s.vars, normalized)) {
        return s.vars[normalized];
      }
    }
  }
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    bailOnNormalizedMatch(s.vars, normalized);
  }
  return undefined;
};

/**
 * Look a name up in one context value (a path step `x.name`).
 * @internal
 */
const lookupEntry = (
  target: Readonly<Record<string, unknown>>,
  name: string,
  normalized: string
): unknown => {
  if (hasOwn(target, name)) {
    return target[name];
  }
  if (normalized !== name && hasOwn(target, normalized)) {
    return target[normalized];
  }
  bailOnNormalizedMatch(target, normalized);
  return undefined;
};

const SIMPLE_TYPES = new Set([
  'nil',
  'boolean',
  'number',
  'string',
  'list',
  'context',
]);

/** feelin's type name, bailing out on anything but JSON-like values. */
const simpleType = (value: unknown): string => {
  const type = getFeelType(value);
  if (!SIMPLE_TYPES.has(type)) {
    throw BAILOUT;
  }
  return type;
};

/**
 * FEEL `=` (feelin's `equals`): `true`, `false` or `null` when the types
 * differ. Single-element lists compare as their element.
 * @internal
 */
const feelEquals = (left: unknown, right: unknown): boolean | null => {
  if ((left === null) !== (right === null)) {
    return false;
  }
  const a = Array.isArray(left) && left.length < 2 ? left[0] : left;
  const b = Array.isArray(right) && right.length < 2 ? right[0] : right;
  const aType = simpleType(a);
  const bType = simpleType(b);
  if (aType !== bType) {
    return null;
  }
  if (aType === 'nil') {
    return true;
  }
  if (aType === 'list') {
    const aList = a as unknown[];
    const bList = b as unknown[];
    return (
      aList.length === bList.length &&
      aList.every((element, index) => feelEquals(element, bList[index]))
    );
  }
  if (aType === 'context') {
    const aContext = a as Record<string, unknown>;
    const bContext = b as Record<string, unknown>;
    const aKeys = Object.keys(aContext);
    return (
      aKeys.length === Object.keys(bContext).length &&
      aKeys.every(
        (key) =>
          hasOwn(bContext, key) && feelEquals(aContext[key], bContext[key])
      )
    );
  }
  return a === b;
};

/** Operators of ordering comparisons. @internal */
type OrderOperator = '<' | '<=' | '>' | '>=';

// feelin orders with JavaScript's relational operators on the raw values
// (`10 > "5"` is true, `"abc" >= 5` is true): reproduced as is.
const order = (a: unknown, b: unknown): number => {
  const x = a as number;
  const y = b as number;
  if (x < y) {
    return -1;
  }
  return x > y ? 1 : 0;
};

// A probe value feelin compares against a range bound.
const checkProbe = (value: unknown): void => {
  const type = simpleType(value);
  if (type === 'list' || type === 'context') {
    // feelin coerces these through toString; rare, leave it to feelin
    throw BAILOUT;
  }
};

/**
 * `left < right` and friends (feelin builds a half-open range from `right`
 * and tests `left` against it).
 * @internal
 */
const feelOrder = (
  operator: OrderOperator,
  left: unknown,
  right: unknown
): boolean | null => {
  if (right === null) {
    return null;
  }
  const rightType = getFeelType(right);
  if (rightType !== 'number' && rightType !== 'string') {
    // temporals need feelin; other types make feelin throw
    throw BAILOUT;
  }
  if (left === null || left === undefined) {
    return null;
  }
  checkProbe(left);
  const c = order(left, right);
  switch (operator) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
};

/**
 * `value between start and end` (inclusive, bounds in either order).
 * @internal
 */
const feelBetween = (
  value: unknown,
  start: unknown,
  end: unknown
): boolean | null => {
  const startType = getFeelType(start);
  const endType = getFeelType(end);
  if (
    startType !== endType ||
    (startType !== 'number' && startType !== 'string')
  ) {
    throw BAILOUT;
  }
  if (value === null || value === undefined) {
    return null;
  }
  checkProbe(value);
  const [low, high] = order(start, end) > 0 ? [end, start] : [start, end];
  return order(value, low) >= 0 && order(value, high) <= 0;
};

/**
 * `value in tests` where every test is a plain value (feelin's compareIn).
 * @internal
 */
const feelIn = (value: unknown, tests: unknown): boolean | null => {
  if (tests === null || tests === undefined) {
    return null;
  }
  const list = Array.isArray(tests) ? tests : [tests];
  for (const test of list) {
    if (typeof test === 'function') {
      throw BAILOUT;
    }
    // a plain value that is not comparable simply does not match
    if (feelEquals(test, value) === true) {
      return true;
    }
  }
  return false;
};

/** A warning at a node of the expression. @internal */
const warn = (
  warnings: FeelWarning[],
  type: FeelWarningType,
  message: string,
  position: FeelPosition
): void => {
  warnings.push({ type, message, position });
};

const ARITH_TYPES: Readonly<Record<string, readonly string[]>> = {
  '+': ['string', 'number'],
  '-': ['number'],
  '*': ['number'],
  '/': ['number'],
  '**': ['number'],
  '^': ['number'],
};
const TEMPORAL_TYPES = new Set(['date', 'time', 'date time', 'duration']);

/** Arithmetic operators. @internal */
type ArithOperator = '+' | '-' | '*' | '/' | '**' | '^';

/**
 * FEEL arithmetic with feelin's null and type rules: mismatched or
 * unsupported operand types give `null` and an INVALID_TYPE warning.
 * @internal
 */
const feelArithmetic = (
  operator: ArithOperator,
  left: unknown,
  right: unknown,
  warnings: FeelWarning[],
  position: FeelPosition
): unknown => {
  const invalid = (): null => {
    warn(
      warnings,
      'INVALID_TYPE',
      `Can't apply '${operator}' to ${getFeelType(left)} and ${getFeelType(right)}`,
      position
    );
    return null;
  };
  if (Array.isArray(left) || Array.isArray(right)) {
    return invalid();
  }
  const leftType = getFeelType(left);
  if (TEMPORAL_TYPES.has(leftType)) {
    throw BAILOUT;
  }
  const allowed = ARITH_TYPES[operator] ?? [];
  if (leftType !== getFeelType(right) || !allowed.includes(leftType)) {
    return invalid();
  }
  const a = left as number;
  const b = right as number;
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b ? a / b : null;
    default:
      return a ** b;
  }
};

/** feelin's `isTruthy` (if/then/else): anything but `false` and `null`. */
const isTruthy = (value: unknown): boolean => value !== false && value !== null;

export {
  type ArithOperator,
  BAILOUT,
  FeelBailout,
  feelArithmetic,
  feelBetween,
  feelEquals,
  feelIn,
  feelOrder,
  isJsonLike,
  isPlainObject,
  isTruthy,
  lookupEntry,
  lookupName,
  normalizeContextKey,
  type OrderOperator,
  type Scope,
  warn,
};

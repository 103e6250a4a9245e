// The FEEL evaluator: compiles lezer-feel's parse tree (feelin's parser)
// into closures with the semantics of feel-scala's FeelInterpreter
// (camunda/feel-scala, src/main/scala/org/camunda/feel/impl/interpreter/
// FeelInterpreter.scala): three-valued logic, null and type rules for
// comparisons and arithmetic, list and context equality, filters, `for`,
// quantifiers, ranges, named and positional parameters, and the same
// warnings ("suppressed failures") with the same messages.
//
// feel-scala's ValError (an error the "null on error" operations absorb)
// is a thrown SoftFailure here; errors that fail the whole evaluation
// (assert, budget, `?` outside a unary test) are thrown FeelErrors.
import type { SyntaxNode, Tree } from '@lezer/common';
import type { BuiltinTable } from '../builtins/index.js';
import {
  FeelAssertionError,
  FeelEvaluationError,
  FeelLimitError,
  FeelSyntaxError,
} from '../errors.js';
import { parseFeelString } from '../parseFeelString.js';
import type { FeelPosition } from '../types.js';
import {
  decimalAdd,
  decimalDivide,
  decimalMultiply,
  decimalPower,
  decimalSubtract,
} from '../values/numbers.js';
import {
  temporalProperty,
  temporalPropertyNames,
} from '../values/properties.js';
import {
  FeelDate,
  FeelDateTime,
  FeelDaysDuration,
  FeelLocalDateTime,
  FeelLocalTime,
  FeelTime,
  FeelYearsDuration,
  parseTemporalLiteral,
} from '../values/temporal.js';
import {
  compareValues,
  display,
  FeelFunctionValue,
  FeelRange,
  feelEquals,
  isComparable,
  isContext,
  sameClass,
  setEntry,
  typeName,
} from '../values/values.js';
import {
  type Env,
  lookupFunctions,
  lookupVariable,
  type Scope,
  SoftFailure,
} from './runtime.js';

/** A compiled expression. @internal */
type Evaluator = (scope: Scope, env: Env) => unknown;

interface Compiled {
  readonly ev: Evaluator;
  /** The node the value comes from (parentheses removed). */
  readonly node: SyntaxNode;
}

const INPUT_VARIABLE = 'cellInput';

/** Function names parseFeel rewrote so that lezer-feel parses them. */
const ALIASES: Readonly<Record<string, string>> = { ánd: 'and', ór: 'or' };

/** Words feel-scala does not take as a variable name on their own. */
const RESERVED = new Set([
  'null',
  'true',
  'false',
  'function',
  'in',
  'return',
  'then',
  'else',
  'satisfies',
  'and',
  'or',
  'of',
  'not',
  'between',
  'instance',
]);
const INPUT_SYMBOL = '?';

const NOT_FULFILLED = Symbol('not fulfilled');

// ---------- value helpers (feel-scala's withX helpers) ----------

const expectedType = (
  env: Env,
  at: FeelPosition,
  type: string,
  value: unknown
): SoftFailure => {
  const message = `Expected ${type} but found '${display(value)}'`;
  env.warn('INVALID_TYPE', message, at);
  return new SoftFailure(message);
};

/** withValOrNull: a SoftFailure becomes `null`. */
const orNull =
  (ev: Evaluator): Evaluator =>
  (scope, env) => {
    try {
      return ev(scope, env);
    } catch (error) {
      if (error instanceof SoftFailure) return null;
      throw error;
    }
  };

// ---------- arithmetic (addOp, subOp, mulOp, divOp) ----------

const add = (x: unknown, y: unknown): unknown => {
  if (typeof x === 'number' && typeof y === 'number') return decimalAdd(x, y);
  if (typeof x === 'string' && typeof y === 'string') return x + y;
  if (y instanceof FeelDaysDuration) {
    if (x instanceof FeelLocalTime) return x.plus(y.seconds, y.nanos);
    if (x instanceof FeelTime) return x.plus(y.seconds, y.nanos);
    if (x instanceof FeelLocalDateTime) return x.plus(y.seconds, y.nanos);
    if (x instanceof FeelDateTime) return x.plus(y.seconds, y.nanos);
    if (x instanceof FeelDaysDuration) return x.plus(y);
    if (x instanceof FeelDate) {
      return new FeelLocalDateTime(x, new FeelLocalTime(0)).plus(
        y.seconds,
        y.nanos
      ).date;
    }
  }
  if (y instanceof FeelYearsDuration) {
    if (x instanceof FeelLocalDateTime) return x.plusMonths(y.totalMonths);
    if (x instanceof FeelDateTime) return x.plusMonths(y.totalMonths);
    if (x instanceof FeelYearsDuration)
      return new FeelYearsDuration(x.totalMonths + y.totalMonths);
    if (x instanceof FeelDate) return x.plusMonths(y.totalMonths);
  }
  if (x instanceof FeelYearsDuration || x instanceof FeelDaysDuration) {
    if (
      y instanceof FeelLocalDateTime ||
      y instanceof FeelDateTime ||
      y instanceof FeelDate ||
      (x instanceof FeelDaysDuration &&
        (y instanceof FeelLocalTime || y instanceof FeelTime))
    ) {
      return add(y, x);
    }
  }
  return undefined;
};

const subtract = (x: unknown, y: unknown): unknown => {
  if (typeof x === 'number' && typeof y === 'number')
    return decimalSubtract(x, y);
  if (x instanceof FeelLocalTime && y instanceof FeelLocalTime) {
    const nanos = x.nanoOfDay - y.nanoOfDay;
    return new FeelDaysDuration(Math.trunc(nanos / 1e9), nanos % 1e9);
  }
  if (x instanceof FeelTime && y instanceof FeelTime) {
    // ZonedTime.between: the absolute difference
    const nanos = Math.abs(x.utcNanos - y.utcNanos);
    return new FeelDaysDuration(Math.trunc(nanos / 1e9), nanos % 1e9);
  }
  if (x instanceof FeelLocalDateTime && y instanceof FeelLocalDateTime) {
    return new FeelDaysDuration(
      x.epochSecond - y.epochSecond,
      x.time.nano - y.time.nano
    );
  }
  if (x instanceof FeelDateTime && y instanceof FeelDateTime) {
    return new FeelDaysDuration(
      x.epochSecond - y.epochSecond,
      x.local.time.nano - y.local.time.nano
    );
  }
  if (x instanceof FeelDate && y instanceof FeelDate) {
    return new FeelDaysDuration((x.epochDay - y.epochDay) * 86_400);
  }
  if (y instanceof FeelDaysDuration) {
    if (x instanceof FeelDaysDuration) return x.plus(y.negated());
    return add(x, y.negated());
  }
  if (y instanceof FeelYearsDuration) {
    if (x instanceof FeelYearsDuration) {
      return new FeelYearsDuration(x.totalMonths - y.totalMonths);
    }
    if (
      x instanceof FeelLocalDateTime ||
      x instanceof FeelDateTime ||
      x instanceof FeelDate
    ) {
      return add(x, new FeelYearsDuration(-y.totalMonths));
    }
  }
  return undefined;
};

const intValue = (n: number): number => Math.trunc(n) | 0;

const multiply = (x: unknown, y: unknown): unknown => {
  if (typeof x === 'number' && typeof y === 'number')
    return decimalMultiply(x, y);
  if (typeof x === 'number' && y instanceof FeelYearsDuration) {
    return new FeelYearsDuration(y.totalMonths * intValue(x));
  }
  if (typeof x === 'number' && y instanceof FeelDaysDuration) {
    const n = intValue(x);
    return new FeelDaysDuration(y.seconds * n, y.nanos * n);
  }
  if (
    typeof y === 'number' &&
    (x instanceof FeelYearsDuration || x instanceof FeelDaysDuration)
  ) {
    return multiply(y, x);
  }
  return undefined;
};

const divide = (x: unknown, y: unknown): unknown => {
  if (typeof x === 'number' && typeof y === 'number') {
    return y === 0 ? undefined : decimalDivide(x, y);
  }
  if (x instanceof FeelYearsDuration && typeof y === 'number' && y !== 0) {
    return new FeelYearsDuration(intValue(x.totalMonths / y));
  }
  if (
    x instanceof FeelYearsDuration &&
    y instanceof FeelYearsDuration &&
    y.totalMonths !== 0
  ) {
    return decimalDivide(x.totalMonths, y.totalMonths);
  }
  if (
    x instanceof FeelDaysDuration &&
    y instanceof FeelDaysDuration &&
    !y.isZero
  ) {
    return decimalDivide(x.totalMillis, y.totalMillis);
  }
  if (x instanceof FeelDaysDuration && typeof y === 'number' && y !== 0) {
    return FeelDaysDuration.ofMillis(intValue(x.totalMillis / y));
  }
  return undefined;
};

const ARITHMETIC: Readonly<
  Record<
    string,
    {
      op: (x: unknown, y: unknown) => unknown;
      message: (x: string, y: string) => string;
    }
  >
> = {
  '+': { op: add, message: (x, y) => `Can't add '${y}' to '${x}'` },
  '-': { op: subtract, message: (x, y) => `Can't subtract '${y}' from '${x}'` },
  '*': { op: multiply, message: (x, y) => `Can't multiply '${x}' by '${y}'` },
  '/': { op: divide, message: (x, y) => `Can't divide '${x}' by '${y}'` },
};

// ---------- comparisons ----------

/** checkEquality: `=`, with NOT_COMPARABLE for values of different types. */
const checkEquality = (
  env: Env,
  at: FeelPosition,
  x: unknown,
  y: unknown
): boolean | null => {
  const result = feelEquals(x, y);
  if (result === undefined) {
    env.warn(
      'NOT_COMPARABLE',
      `Can't compare '${display(x)}' with '${display(y)}'`,
      at
    );
    return null;
  }
  return result;
};

type Order = '<' | '<=' | '>' | '>=';

const orderHolds = (operator: Order, c: number): boolean => {
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

/** dualOp: `<` and friends, `null` (with a warning) unless comparable and of the same type. */
const checkOrder = (
  env: Env,
  at: FeelPosition,
  operator: Order,
  x: unknown,
  y: unknown
): boolean | null => {
  if (!isComparable(x) || !isComparable(y) || !sameClass(x, y)) {
    env.warn(
      'NOT_COMPARABLE',
      `Can't compare '${display(x)}' with '${display(y)}'`,
      at
    );
    return null;
  }
  const c = compareValues(x, y);
  if (c === undefined) {
    throw new FeelEvaluationError(
      `${display(x)} can not be compared to ${display(y)}`,
      env.expression
    );
  }
  return orderHolds(operator, c);
};

// ---------- paths ----------

const contextKeysMessage = (
  context: Readonly<Record<string, unknown>>
): string => {
  const keys = Object.keys(context);
  return keys.length === 0
    ? 'The context is empty'
    : `Available keys: ${keys.map((k) => `'${k}'`).join(', ')}`;
};

const pathStep = (
  env: Env,
  at: FeelPosition,
  value: unknown,
  key: string
): unknown => {
  if (isContext(value)) {
    if (Object.hasOwn(value, key)) {
      const entry = value[key];
      return entry === undefined ? null : entry;
    }
    env.warn(
      'NO_CONTEXT_ENTRY_FOUND',
      `No context entry found with key '${key}'. ${contextKeysMessage(value)}`,
      at
    );
    return null;
  }
  if (Array.isArray(value)) {
    env.charge(value.length);
    return value.map((item) => pathStep(env, at, item, key));
  }
  if (value === null || value === undefined) {
    env.warn(
      'NO_CONTEXT_ENTRY_FOUND',
      `No context entry found with key '${key}'. The context is null`,
      at
    );
    return null;
  }
  const property = temporalProperty(value, key);
  if (property !== undefined) return property;
  const names = temporalPropertyNames(value)
    .map((n) => `'${n}'`)
    .join(', ');
  env.warn(
    'NO_PROPERTY_FOUND',
    `No property found with name '${key}' of value '${display(value)}'. Available properties: ${names}`,
    at
  );
  return null;
};

// ---------- logic (atLeastOneValue, allValues) ----------

const asBooleanOrNull = (
  env: Env,
  at: FeelPosition,
  value: unknown
): boolean | null => {
  if (typeof value === 'boolean') return value;
  expectedType(env, at, 'boolean', value);
  return null;
};

/** feel-scala's atLeastOneValue over lazily evaluated items. */
const atLeastOne = (
  env: Env,
  at: FeelPosition,
  items: Iterable<() => unknown>
): boolean | null => {
  let acc: boolean | null = false;
  for (const item of items) {
    if (acc === true) return true;
    if (acc === null) {
      const value = softValue(item);
      acc = value === true ? true : null;
    } else {
      acc = asBooleanOrNull(env, at, softValue(item));
    }
  }
  return acc;
};

/** feel-scala's allValues over lazily evaluated items. */
const allOf = (
  env: Env,
  at: FeelPosition,
  items: Iterable<() => unknown>
): boolean | null => {
  let acc: boolean | null = true;
  for (const item of items) {
    if (acc === false) return false;
    if (acc === null) {
      const value = softValue(item);
      acc = value === false ? false : null;
    } else {
      acc = asBooleanOrNull(env, at, softValue(item));
    }
  }
  return acc;
};

/** The value of an item; a SoftFailure counts as an error value (not boolean). */
const softValue = (item: () => unknown): unknown => {
  try {
    return item();
  } catch (error) {
    if (error instanceof SoftFailure) return error;
    throw error;
  }
};

// ---------- the compiler ----------

/**
 * Compile a parsed FEEL expression (already checked for syntax errors and
 * depth).
 *
 * @param tree - lezer-feel tree of the expression
 * @param source - the expression text the tree was parsed from
 * @param builtins - the built-in functions calls resolve to (BUILTINS);
 *   compiling does not call them except to fold a temporal literal such as
 *   `date("2024-01-01")`, which becomes `null` without them
 * @internal
 */
const compileTree = (
  tree: Tree,
  source: string,
  builtins: BuiltinTable
): Evaluator => {
  const text = (node: SyntaxNode): string => source.slice(node.from, node.to);
  const positionOf = (node: SyntaxNode): FeelPosition => ({
    from: node.from,
    to: node.to,
  });
  const childrenOf = (node: SyntaxNode): SyntaxNode[] => {
    const children: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (!c.type.isSkipped) children.push(c);
    }
    return children;
  };
  const unsupported = (node: SyntaxNode, what?: string): never => {
    throw new FeelLimitError(
      `${what ?? `The FEEL construct ${node.name}`} (at ${node.from}) is not supported`,
      source
    );
  };
  const child = (
    children: SyntaxNode[],
    index: number,
    of: SyntaxNode
  ): SyntaxNode =>
    children[index] ?? unsupported(of, `An incomplete ${of.name}`);

  // Identifier / BacktickIdentifier parts joined by one space.
  const nameOf = (node: SyntaxNode): string =>
    childrenOf(node)
      .map((part) => {
        if (part.name === 'BacktickIdentifier')
          return text(part).replace(/^`|`$/g, '');
        if (part.name === 'Name' || part.name === 'ParameterName')
          return nameOf(part);
        return text(part);
      })
      .join(' ');

  const stripParentheses = (node: SyntaxNode): SyntaxNode => {
    let current = node;
    while (current.name === 'ParenthesizedExpression') {
      const inner = childrenOf(current)[1];
      if (!inner) break;
      current = inner;
    }
    return current;
  };

  const withNode = (node: SyntaxNode, ev: Evaluator): Compiled => ({
    node,
    ev,
  });
  const constant = (node: SyntaxNode, value: unknown): Compiled =>
    withNode(node, () => value);

  const compileNumber = (node: SyntaxNode): Compiled =>
    constant(node, Number(text(node).replace(/\s+/g, '')));

  const compileVariable = (node: SyntaxNode): Compiled => {
    const name = nameOf(node);
    const at = positionOf(node);
    return withNode(node, (scope, env) => {
      const value = lookupVariable(scope, name);
      if (value !== undefined) return value;
      env.warn(
        'NO_VARIABLE_FOUND',
        `No variable found with name '${name}'`,
        at
      );
      return null;
    });
  };

  const compileInputSymbol = (node: SyntaxNode): Compiled =>
    withNode(node, (scope, env) => {
      const value = lookupVariable(scope, INPUT_SYMBOL);
      if (value !== undefined) return value;
      throw new FeelEvaluationError(
        `failed to evaluate expression '${env.expression}': No input value available. '?' can only be used inside an unary-test expression.`,
        env.expression
      );
    });

  // A qualified name `a.b.c` (feel-scala's Ref): a missing root variable
  // gives one warning and null, without looking at the rest.
  const qualifiedNames = (
    node: SyntaxNode
  ): { root: SyntaxNode; names: SyntaxNode[] } | undefined => {
    const names: SyntaxNode[] = [];
    let current = node;
    while (current.name === 'PathExpression') {
      const children = childrenOf(current);
      const pathName = children[2];
      const target = children[0];
      if (!pathName || !target) return undefined;
      names.unshift(pathName);
      current = target;
    }
    return current.name === 'VariableName'
      ? { root: current, names }
      : undefined;
  };

  const compilePath = (node: SyntaxNode): Compiled => {
    const qualified = qualifiedNames(node);
    if (qualified) {
      const root = compileVariableLookup(qualified.root);
      const steps = qualified.names.map((n) => ({
        key: nameOf(n),
        at: positionOf(n),
      }));
      const rootName = nameOf(qualified.root);
      const rootAt = positionOf(qualified.root);
      return withNode(node, (scope, env) => {
        let value = root(scope);
        if (value === undefined) {
          env.warn(
            'NO_VARIABLE_FOUND',
            `No variable found with name '${rootName}'`,
            rootAt
          );
          return null;
        }
        for (const step of steps)
          value = pathStep(env, step.at, value, step.key);
        return value;
      });
    }
    const children = childrenOf(node);
    const target = compile(child(children, 0, node));
    const pathName = child(children, 2, node);
    const key = nameOf(pathName);
    const at = positionOf(pathName);
    return withNode(node, (scope, env) =>
      pathStep(env, at, target.ev(scope, env), key)
    );
  };

  const compileVariableLookup = (
    node: SyntaxNode
  ): ((scope: Scope) => unknown) => {
    const name = nameOf(node);
    return (scope) => lookupVariable(scope, name);
  };

  const filterScope = (scope: Scope, item: unknown): Scope => {
    const itemScope: Scope = { vars: { item }, parent: scope };
    return isContext(item) ? { vars: item, parent: itemScope } : itemScope;
  };

  const indexOf = (list: readonly unknown[], index: number): unknown => {
    const i = index > 0 ? index - 1 : list.length + index;
    if (i < 0 || i >= list.length || !Number.isInteger(i)) {
      const whole = Math.trunc(i);
      return whole >= 0 && whole < list.length ? list[whole] : null;
    }
    const value = list[i];
    return value === undefined ? null : value;
  };

  const compileFilter = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const target = compile(child(children, 0, node));
    const filterNode = stripParentheses(child(children, 2, node));
    const filter = compile(filterNode);
    const at = positionOf(node);
    const isLiteralIndex =
      filterNode.name === 'NumericLiteral' ||
      (filterNode.name === 'ArithmeticExpression' &&
        childrenOf(filterNode).length === 2 &&
        childrenOf(filterNode)[1]?.name === 'NumericLiteral');
    const isItemFilter =
      (filterNode.name === 'Comparison' &&
        childrenOf(filterNode)[1]?.name === 'CompareOp' &&
        text(childrenOf(filterNode)[1] as SyntaxNode) !== '!=') ||
      filterNode.name === 'FunctionInvocation';

    const byItem = (
      list: readonly unknown[],
      scope: Scope,
      env: Env
    ): unknown => {
      if (list.length === 0) return [];
      const evalItem = (item: unknown): unknown =>
        filter.ev(filterScope(scope, item), env);
      env.charge(list.length);
      const head = evalItem(list[0]);
      if (typeof head === 'number') return indexOf(list, head);
      const kept: unknown[] = [];
      if (head === true) kept.push(list[0]);
      for (let i = 1; i < list.length; i += 1) {
        let result: unknown;
        try {
          result = evalItem(list[i]);
        } catch (error) {
          if (!(error instanceof SoftFailure)) throw error;
          result = NOT_FULFILLED;
        }
        if (result === true) kept.push(list[i]);
      }
      return kept;
    };

    return withNode(
      node,
      orNull((scope, env) => {
        const value = target.ev(scope, env);
        if (!Array.isArray(value)) throw expectedType(env, at, 'list', value);
        if (isLiteralIndex) {
          if (value.length === 0) return null;
          return indexOf(value, filter.ev(scope, env) as number);
        }
        if (isItemFilter) return byItem(value, scope, env);
        const whole = filter.ev(scope, env);
        if (typeof whole === 'number') return indexOf(value, whole);
        return byItem(value, scope, env);
      })
    );
  };

  // ----- unary tests (`x in ...`) -----

  const compileUnaryTest = (
    node: SyntaxNode
  ): ((input: unknown, scope: Scope, env: Env) => unknown) => {
    if (node.name === 'PositiveUnaryTests') {
      const tests = childrenOf(node).map(compileUnaryTest);
      const at = positionOf(node);
      return (input, scope, env) =>
        atLeastOne(
          env,
          at,
          tests.map((t) => () => t(input, scope, env))
        );
    }
    if (node.name === 'PositiveUnaryTest') {
      const inner = stripParentheses(child(childrenOf(node), 0, node));
      return compileUnaryTest(inner);
    }
    if (node.name === 'SimplePositiveUnaryTest') {
      return compileSimpleTest(node);
    }
    if (node.name === 'BooleanLiteral') {
      const value = text(node) === 'true';
      const at = positionOf(node);
      return (input, _scope, env) => checkEquality(env, at, input, value);
    }
    // UnaryTestExpression
    const expression = compile(node);
    const at = positionOf(node);
    return (input, scope, env) => {
      const inner: Scope = { vars: { [INPUT_SYMBOL]: input }, parent: scope };
      const x = expression.ev(inner, env);
      if (x === true) return true;
      if (
        Array.isArray(x) &&
        x.some((item) => feelEquals(item, input) === true)
      )
        return true;
      const equal = checkEquality(env, at, input, x);
      if (equal === true) return true;
      if (x === false || Array.isArray(x)) return false;
      return equal === null ? null : false;
    };
  };

  const compileSimpleTest = (
    node: SyntaxNode
  ): ((input: unknown, scope: Scope, env: Env) => unknown) => {
    const children = childrenOf(node);
    const first = child(children, 0, node);
    const at = positionOf(node);
    if (first.name === 'Interval') {
      const range = compileIntervalBounds(first);
      return (input, scope, env) => {
        const { start, end } = range.bounds(scope, env);
        if (
          !isComparable(input) ||
          !isComparable(start) ||
          !isComparable(end) ||
          !sameClass(input, start) ||
          !sameClass(input, end)
        ) {
          env.warn(
            'NOT_COMPARABLE',
            `Can't compare '${display(input)}' with '${display(start)}' and '${display(end)}'`,
            at
          );
          return null;
        }
        const low = compareValues(input, start) ?? 0;
        const high = compareValues(input, end) ?? 0;
        return (
          (range.startIncluded ? low >= 0 : low > 0) &&
          (range.endIncluded ? high <= 0 : high < 0)
        );
      };
    }
    const operator = text(first) as Order;
    const endpoint = compile(child(children, 1, node));
    return (input, scope, env) =>
      checkOrder(env, at, operator, input, endpoint.ev(scope, env));
  };

  const compileIntervalBounds = (node: SyntaxNode) => {
    const children = childrenOf(node);
    const open = text(child(children, 0, node));
    const close = text(child(children, children.length - 1, node));
    const dots = children.findIndex((c) => c.name === '..');
    const start = compile(child(children, dots - 1, node));
    const end = compile(child(children, dots + 1, node));
    return {
      startIncluded: open === '[',
      endIncluded: close === ']',
      bounds: (scope: Scope, env: Env) => ({
        start: start.ev(scope, env),
        end: end.ev(scope, env),
      }),
      text: text(node),
    };
  };

  const VALID_RANGE_TYPES = [
    (v: unknown) => typeof v === 'number',
    (v: unknown) => v instanceof FeelDate,
    (v: unknown) => v instanceof FeelTime,
    (v: unknown) => v instanceof FeelLocalTime,
    (v: unknown) => v instanceof FeelDateTime,
    (v: unknown) => v instanceof FeelLocalDateTime,
    (v: unknown) => v instanceof FeelYearsDuration,
    (v: unknown) => v instanceof FeelDaysDuration,
  ];

  /** An interval as a value (a range argument such as `before([1..5], 10)`). */
  const compileRange = (node: SyntaxNode): Compiled => {
    const range = compileIntervalBounds(node);
    const at = positionOf(node);
    return withNode(node, (scope, env) => {
      const { start, end } = range.bounds(scope, env);
      if (!VALID_RANGE_TYPES.some((test) => test(start) && test(end))) {
        const message = `Invalid range definition '${range.text}'`;
        env.warn('INVALID_TYPE', message, at);
        throw new SoftFailure(message);
      }
      return new FeelRange(start, range.startIncluded, end, range.endIncluded);
    });
  };

  /** A simple positive unary test as an expression (against `cellInput`). */
  const compileStandaloneTest = (node: SyntaxNode): Compiled => {
    const test = compileSimpleTest(node);
    const at = positionOf(node);
    return withNode(node, (scope, env) => {
      let input = lookupVariable(scope, INPUT_VARIABLE);
      if (input === undefined) {
        env.warn('NO_VARIABLE_FOUND', 'No input value found.', at);
        input = null;
      }
      return test(input, scope, env);
    });
  };

  const compileComparison = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const left = compile(child(children, 0, node));
    const operatorNode = child(children, 1, node);
    const at = positionOf(node);
    if (operatorNode.name === 'in') {
      const testNode =
        children.length >= 5
          ? child(children, 3, node)
          : child(children, 2, node);
      const test = compileUnaryTest(testNode);
      return withNode(node, (scope, env) => {
        const input = left.ev(scope, env);
        const inner: Scope = {
          vars: { [INPUT_VARIABLE]: input, [INPUT_SYMBOL]: input },
          parent: scope,
        };
        return test(input, inner, env);
      });
    }
    if (operatorNode.name === 'between') {
      const low = compile(child(children, 2, node));
      const high = compile(child(children, 4, node));
      return withNode(node, (scope, env) =>
        allOf(env, at, [
          () =>
            checkOrder(env, at, '>=', left.ev(scope, env), low.ev(scope, env)),
          () =>
            checkOrder(env, at, '<=', left.ev(scope, env), high.ev(scope, env)),
        ])
      );
    }
    const operator = text(operatorNode);
    const right = compile(child(children, 2, node));
    if (operator === '=' || operator === '!=') {
      const negate = operator === '!=';
      return withNode(node, (scope, env) => {
        const x = left.ev(scope, env);
        const result = checkEquality(env, at, x, right.ev(scope, env));
        if (!negate) return result;
        return result === null ? null : !result;
      });
    }
    if (
      operator === '<' ||
      operator === '<=' ||
      operator === '>' ||
      operator === '>='
    ) {
      return withNode(node, (scope, env) => {
        const x = left.ev(scope, env);
        return checkOrder(env, at, operator, x, right.ev(scope, env));
      });
    }
    return unsupported(operatorNode, `The operator ${operator}`);
  };

  const compileLogic = (node: SyntaxNode, and: boolean): Compiled => {
    const children = childrenOf(node);
    const left = compile(child(children, 0, node));
    const right = compile(child(children, 2, node));
    const at = positionOf(node);
    return withNode(node, (scope, env) => {
      const items = [() => left.ev(scope, env), () => right.ev(scope, env)];
      return and ? allOf(env, at, items) : atLeastOne(env, at, items);
    });
  };

  const compileArithmetic = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const last = children[children.length - 1];
    if (children.length === 3 && last?.name === 'InstanceOfExpression') {
      // lezer-feel binds `2 * 3 instance of number` as `2 * (3 instance of
      // number)`; feel-scala tests the type of `2 * 3`
      return compileInstanceOf(last, (valueNode) =>
        compileArithmeticOf(node, [
          child(children, 0, node),
          child(children, 1, node),
          valueNode,
        ])
      );
    }
    return compileArithmeticOf(node, children);
  };

  const compileArithmeticOf = (
    node: SyntaxNode,
    children: SyntaxNode[]
  ): Compiled => {
    const at = positionOf(node);
    if (children.length === 2) {
      const value = compile(child(children, 1, node));
      return withNode(
        node,
        orNull((scope, env) => {
          const x = value.ev(scope, env);
          if (typeof x !== 'number') throw expectedType(env, at, 'number', x);
          return x === 0 ? 0 : -x;
        })
      );
    }
    const left = compile(child(children, 0, node));
    const right = compile(child(children, 2, node));
    const operator = text(child(children, 1, node));
    if (operator === '**' || operator === '^') {
      return withNode(
        node,
        orNull((scope, env) => {
          const x = left.ev(scope, env);
          const y = right.ev(scope, env);
          if (typeof x !== 'number') throw expectedType(env, at, 'number', x);
          if (typeof y !== 'number') throw expectedType(env, at, 'number', y);
          const result = decimalPower(x, y);
          return Number.isFinite(result) ? result : null;
        })
      );
    }
    const arithmetic =
      ARITHMETIC[operator] ?? unsupported(node, `The operator ${operator}`);
    return withNode(
      node,
      orNull((scope, env) => {
        const x = left.ev(scope, env);
        const y = right.ev(scope, env);
        const result = arithmetic.op(x, y);
        if (result === undefined) {
          const message = arithmetic.message(display(x), display(y));
          env.warn('INVALID_TYPE', message, at);
          throw new SoftFailure(message);
        }
        if (typeof result === 'string') env.chargeString(result.length);
        return result;
      })
    );
  };

  const compileIf = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const condition = compile(child(children, 1, node));
    const then = compile(child(children, 3, node));
    const otherwise = compile(child(children, 5, node));
    const at = positionOf(child(children, 1, node));
    return withNode(node, (scope, env) => {
      const value = condition.ev(scope, env);
      if (typeof value !== 'boolean') expectedType(env, at, 'boolean', value);
      return value === true ? then.ev(scope, env) : otherwise.ev(scope, env);
    });
  };

  const compileInstanceOf = (
    node: SyntaxNode,
    compileValue?: (valueNode: SyntaxNode) => Compiled
  ): Compiled => {
    const children = childrenOf(node);
    const valueNode = child(children, 0, node);
    const value = compileValue ? compileValue(valueNode) : compile(valueNode);
    const type = text(child(children, 3, node))
      .replace(/[\s_]+/g, ' ')
      .replace('fúnction', 'function');
    return withNode(node, (scope, env) => {
      const x = value.ev(scope, env);
      const actual = typeName(x);
      switch (type) {
        case 'Any':
          return x !== null;
        case 'date time':
          return actual === 'date and time';
        case 'year-month-duration':
          return actual === 'years and months duration';
        case 'day-time-duration':
          return actual === 'days and time duration';
        default:
          return type === actual;
      }
    });
  };

  // ----- iteration (`for`, `some`, `every`) -----

  interface IterationSource {
    readonly name: string;
    readonly source: (scope: Scope, env: Env) => unknown;
  }

  const compileIterators = (node: SyntaxNode): IterationSource[] =>
    childrenOf(node).map((inExpression) => {
      const parts = childrenOf(inExpression);
      const name = nameOf(child(parts, 0, inExpression));
      const context = child(parts, 2, inExpression);
      const contextParts = childrenOf(context);
      const dots = contextParts.findIndex((c) => c.name === '..');
      if (dots >= 0) {
        const start = compile(child(contextParts, dots - 1, context));
        const end = compile(child(contextParts, dots + 1, context));
        const at = positionOf(context);
        return {
          name,
          source: (scope, env) => {
            const x = start.ev(scope, env);
            if (typeof x !== 'number') throw expectedType(env, at, 'number', x);
            const y = end.ev(scope, env);
            if (typeof y !== 'number') throw expectedType(env, at, 'number', y);
            const size = Math.floor(Math.abs(y - x)) + 1;
            env.charge(size);
            const step = x <= y ? 1 : -1;
            const values: number[] = new Array(size);
            for (let i = 0; i < size; i += 1)
              values[i] = decimalAdd(x, i * step);
            return values;
          },
        };
      }
      const source = compile(child(contextParts, 0, context));
      return { name, source: source.ev };
    });

  /** withCartesianProduct: all sources are lists, else INVALID_TYPE. */
  /**
   * withCartesianProduct: every source must be a list (else INVALID_TYPE);
   * `visit` gets one scope per combination, the first iterator outermost,
   * and stops the iteration by returning false.
   */
  const iterate = (
    iterators: readonly IterationSource[],
    at: FeelPosition,
    scope: Scope,
    env: Env,
    visit: (iteration: Scope) => boolean
  ): void => {
    const lists = iterators.map((it) => {
      const value = it.source(scope, env);
      if (!Array.isArray(value)) throw expectedType(env, at, 'list', value);
      return value as readonly unknown[];
    });
    let total = lists.length === 0 ? 0 : 1;
    for (const list of lists) total *= list.length;
    env.charge(Math.min(total, Number.MAX_SAFE_INTEGER));
    if (total === 0) return;
    if (lists.length === 1) {
      const name = (iterators[0] as IterationSource).name;
      for (const item of lists[0] as readonly unknown[]) {
        const vars: Record<string, unknown> = {};
        setEntry(vars, name, item);
        if (!visit({ vars, parent: scope })) return;
      }
      return;
    }
    const indexes = lists.map(() => 0);
    for (;;) {
      const vars: Record<string, unknown> = {};
      for (let i = 0; i < lists.length; i += 1) {
        setEntry(
          vars,
          (iterators[i] as IterationSource).name,
          (lists[i] as readonly unknown[])[indexes[i] as number]
        );
      }
      if (!visit({ vars, parent: scope })) return;
      let k = lists.length - 1;
      while (k >= 0) {
        indexes[k] = (indexes[k] as number) + 1;
        if ((indexes[k] as number) < (lists[k] as readonly unknown[]).length)
          break;
        indexes[k] = 0;
        k -= 1;
      }
      if (k < 0) return;
    }
  };

  const compileFor = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const iterators = compileIterators(child(children, 1, node));
    const bodyNode = child(children, 3, node);
    const body = compile(bodyNode);
    const at = positionOf(node);
    // `partial` (the results so far) is copied for each iteration only when
    // the body can refer to it; each copy counts against the budget
    const usesPartial = /\bpartial\b/.test(text(bodyNode));
    return withNode(
      node,
      orNull((scope, env) => {
        const results: unknown[] = [];
        iterate(iterators, at, scope, env, (iteration) => {
          if (usesPartial) {
            env.charge(results.length);
            setEntry(
              iteration.vars as Record<string, unknown>,
              'partial',
              results.slice()
            );
          }
          results.push(body.ev(iteration, env));
          return true;
        });
        return results;
      })
    );
  };

  const compileQuantified = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const every = text(child(children, 0, node)) === 'every';
    const iterators = compileIterators(child(children, 1, node));
    const condition = compile(child(children, 3, node));
    const at = positionOf(node);
    // feel-scala's atLeastOneValue / allValues, one item at a time
    const stop = !every;
    return withNode(
      node,
      orNull((scope, env) => {
        let acc: boolean | null = !stop;
        iterate(iterators, at, scope, env, (iteration) => {
          const value = softValue(() => condition.ev(iteration, env));
          if (acc === null) acc = value === stop ? stop : null;
          else acc = asBooleanOrNull(env, at, value);
          return acc !== stop;
        });
        return acc;
      })
    );
  };

  // ----- literals and structures -----

  const compileContext = (node: SyntaxNode): Compiled => {
    const entries = childrenOf(node)
      .filter((c) => c.name === 'ContextEntry')
      .map((entry) => {
        const parts = childrenOf(entry);
        const keyNode = child(childrenOf(child(parts, 0, entry)), 0, entry);
        const key =
          keyNode.name === 'StringLiteral'
            ? parseFeelString(text(keyNode))
            : keyNode.name === 'Name'
              ? text(keyNode).trim()
              : text(keyNode);
        return { key, value: compile(child(parts, 1, entry)) };
      });
    return withNode(node, (scope, env) => {
      env.charge(entries.length);
      const result: Record<string, unknown> = {};
      const fns: Record<string, FeelFunctionValue[]> = {};
      const inner: Scope = { vars: result, fns, parent: scope };
      for (const { key, value } of entries) {
        const v = value.ev(inner, env);
        if (v instanceof FeelFunctionValue) {
          fns[key] = [v];
        }
        setEntry(result, key, v);
      }
      return result;
    });
  };

  const compileList = (node: SyntaxNode): Compiled => {
    const elements = childrenOf(node)
      .filter((c) => c.name !== '[' && c.name !== ']')
      .map(compile);
    return withNode(node, (scope, env) => {
      env.charge(elements.length);
      return elements.map((e) => e.ev(scope, env));
    });
  };

  const compileFunctionDefinition = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const parameters = children.find((c) => c.name === 'FormalParameters');
    const params = parameters
      ? childrenOf(parameters).map((p) => nameOf(child(childrenOf(p), 0, p)))
      : [];
    const bodyNode = children.find((c) => c.name === 'FunctionBody');
    const bodyChildren = bodyNode ? childrenOf(bodyNode) : [];
    if (bodyChildren[0]?.name === 'external') {
      return withNode(
        node,
        () =>
          new FeelFunctionValue(params, () => {
            throw new SoftFailure('External functions are not supported');
          })
      );
    }
    const body = compile(child(bodyChildren, 0, bodyNode ?? node));
    return withNode(
      node,
      (scope) =>
        new FeelFunctionValue(params, (args, env) => {
          env.charge(4); // a call allocates a scope and its arguments
          if (env.callDepth >= env.limits.callDepth) {
            throw new FeelEvaluationError(
              `FEEL functions call each other more than ${env.limits.callDepth} levels deep`,
              env.expression
            );
          }
          const vars: Record<string, unknown> = {};
          params.forEach((p, i) => {
            setEntry(vars, p, args[i] ?? null);
          });
          env.callDepth += 1;
          try {
            return body.ev({ vars, parent: scope }, env);
          } finally {
            env.callDepth -= 1;
          }
        })
    );
  };

  // ----- function invocation -----

  type Arguments =
    | { readonly kind: 'positional'; readonly values: Compiled[] }
    | {
        readonly kind: 'named';
        readonly values: { name: string; value: Compiled }[];
      };

  const compileArgument = (node: SyntaxNode): Compiled => {
    const inner = stripParentheses(node);
    if (inner.name === 'SimplePositiveUnaryTest') {
      const first = childrenOf(inner)[0];
      if (first?.name === 'Interval') return compileRange(first);
    }
    return compile(node);
  };

  const compileArguments = (node: SyntaxNode | undefined): Arguments => {
    if (!node) return { kind: 'positional', values: [] };
    if (node.name === 'NamedParameters') {
      return {
        kind: 'named',
        values: childrenOf(node).map((parameter) => {
          const parts = childrenOf(parameter);
          return {
            name: nameOf(child(parts, 0, parameter)).replace(/\s+/g, ' '),
            value: compileArgument(child(parts, 1, parameter)),
          };
        }),
      };
    }
    return {
      kind: 'positional',
      values: childrenOf(node).map(compileArgument),
    };
  };

  const findOverload = (
    functions: readonly FeelFunctionValue[],
    args: Arguments
  ): FeelFunctionValue | undefined => {
    if (args.kind === 'positional') {
      const count = args.values.length;
      return (
        functions.find(
          (f) =>
            f.params.length === count || (f.varArgs && f.params.length < count)
        ) ?? functions.find((f) => f.varArgs && f.params.length === count + 1)
      );
    }
    const names = args.values.map((v) => v.name);
    return functions.find((f) => names.every((n) => f.params.includes(n)));
  };

  const argumentValues = (
    fn: FeelFunctionValue,
    args: Arguments,
    scope: Scope,
    env: Env
  ): unknown[] => {
    if (args.kind === 'named') {
      const given = new Map<string, unknown>();
      for (const { name, value } of args.values)
        given.set(name, value.ev(scope, env));
      return fn.params.map((p) => (given.has(p) ? given.get(p) : null));
    }
    const values = args.values;
    if (fn.varArgs && fn.params.length > 0) {
      const size = fn.params.length - 1;
      const fixed = values.slice(0, size).map((v) => v.ev(scope, env));
      const rest = values.slice(size).map((v) => v.ev(scope, env));
      const varArgs =
        size === 0 && rest.length === 1 && Array.isArray(rest[0])
          ? rest[0]
          : rest;
      return [...fixed, varArgs];
    }
    return values.map((v) => v.ev(scope, env));
  };

  const invoke = (
    name: string,
    fn: FeelFunctionValue,
    args: Arguments,
    scope: Scope,
    env: Env,
    at: FeelPosition
  ): unknown => {
    const values = argumentValues(fn, args, scope, env);
    env.charge(1);
    try {
      const result = fn.invoke(values, env);
      // what a call creates counts against the budget: a string by its
      // length, a list by its size
      if (typeof result === 'string') env.chargeString(result.length);
      else if (Array.isArray(result)) env.charge(result.length);
      return result === undefined ? null : result;
    } catch (error) {
      if (!(error instanceof SoftFailure)) throw error;
      if (name === 'assert') {
        throw new FeelAssertionError(error.message, env.expression);
      }
      env.warn(
        'FUNCTION_INVOCATION_FAILURE',
        `Failed to invoke function '${name}': ${error.message}`,
        at
      );
      return null;
    }
  };

  const noFunction = (name: string, args: Arguments): string =>
    args.kind === 'positional'
      ? `No function found with name '${name}' and ${args.values.length} parameters`
      : `No function found with name '${name}' and parameters: ${args.values.map((v) => v.name).join(',')}`;

  const compileInvocation = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const targetNode = child(children, 0, node);
    const args = compileArguments(
      children.find(
        (c) => c.name === 'NamedParameters' || c.name === 'PositionalParameters'
      )
    );
    const at = positionOf(node);
    if (targetNode.name === 'PathExpression') {
      // a.b(1): a function `b` of the context `a`
      const pathChildren = childrenOf(targetNode);
      const contextExpression = compile(child(pathChildren, 0, targetNode));
      const name = nameOf(child(pathChildren, 2, targetNode));
      return withNode(node, (scope, env) => {
        const context = contextExpression.ev(scope, env);
        if (!isContext(context))
          throw expectedType(env, at, 'context', context);
        const member = context[name];
        const candidates = member instanceof FeelFunctionValue ? [member] : [];
        const fn = findOverload(candidates, args);
        if (!fn) {
          const message = noFunction(name, args);
          env.warn('NO_FUNCTION_FOUND', message, at);
          throw new SoftFailure(message);
        }
        return invoke(name, fn, args, scope, env, at);
      });
    }
    const name =
      targetNode.name === 'VariableName' ||
      targetNode.name === 'SpecialFunctionName'
        ? nameOf(targetNode) || text(targetNode).replace(/\s+/g, ' ')
        : unsupported(targetNode, 'Calling the value of an expression');
    const overloads = builtins[ALIASES[name] ?? name];
    return withNode(
      node,
      orNull((scope, env) => {
        const local = lookupFunctions(scope, name);
        const fn = findOverload(
          local.length > 0
            ? [...(overloads ?? []), ...local]
            : (overloads ?? []),
          args
        );
        if (!fn) {
          const message = noFunction(name, args);
          env.warn('NO_FUNCTION_FOUND', message, at);
          throw new SoftFailure(message);
        }
        return invoke(name, fn, args, scope, env, at);
      })
    );
  };

  const compileDateTimeLiteral = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    const first = child(children, 0, node);
    if (first.name === 'AtLiteral') {
      const literal = child(childrenOf(first), 0, first);
      const value = parseTemporalLiteral(parseFeelString(text(literal)));
      return constant(node, value ?? null);
    }
    const name = text(first).replace(/\s+/g, ' ');
    const parameters = children.find(
      (c) => c.name === 'PositionalParameters' || c.name === 'NamedParameters'
    );
    const only =
      parameters && parameters.name === 'PositionalParameters'
        ? childrenOf(parameters)
        : [];
    if (only.length === 1 && only[0]?.name === 'StringLiteral') {
      // a temporal literal: parsed once, null when invalid (feel-scala's parser)
      const fn = builtins[name]?.find((f) => f.params.length === 1);
      const textValue = parseFeelString(text(only[0]));
      const value = literalTemporal(builtins, name, textValue);
      if (value !== undefined || !fn) return constant(node, value ?? null);
    }
    const args = compileArguments(parameters);
    const at = positionOf(node);
    return withNode(
      node,
      orNull((scope, env) => {
        const fn = findOverload(builtins[name] ?? [], args);
        if (!fn) {
          const message = noFunction(name, args);
          env.warn('NO_FUNCTION_FOUND', message, at);
          throw new SoftFailure(message);
        }
        return invoke(name, fn, args, scope, env, at);
      })
    );
  };

  const compile = (node: SyntaxNode): Compiled => {
    switch (node.name) {
      case 'Expression':
        return compile(child(childrenOf(node), 0, node));
      case 'ParenthesizedExpression':
        return compile(child(childrenOf(node), 1, node));
      case 'NumericLiteral':
        return compileNumber(node);
      case 'StringLiteral': {
        const value = parseFeelString(text(node));
        return constant(node, value);
      }
      case 'BooleanLiteral':
        return constant(node, text(node) === 'true');
      case 'null':
        return constant(node, null);
      case 'VariableName':
        if (RESERVED.has(text(node))) {
          throw new FeelSyntaxError(
            `FEEL syntax error in '${source}': '${text(node)}' is a reserved word`,
            source,
            positionOf(node)
          );
        }
        return compileVariable(node);
      case '?':
        return compileInputSymbol(node);
      case 'PathExpression':
        return compilePath(node);
      case 'FilterExpression':
        return compileFilter(node);
      case 'Comparison':
        return compileComparison(node);
      case 'Disjunction':
        return compileLogic(node, false);
      case 'Conjunction':
        return compileLogic(node, true);
      case 'ArithmeticExpression':
        return compileArithmetic(node);
      case 'IfExpression':
        return compileIf(node);
      case 'InstanceOfExpression':
        return compileInstanceOf(node);
      case 'ForExpression':
        return compileFor(node);
      case 'QuantifiedExpression':
        return compileQuantified(node);
      case 'Context':
        return compileContext(node);
      case 'List':
        return compileList(node);
      case 'FunctionDefinition':
        return compileFunctionDefinition(node);
      case 'FunctionInvocation':
        return compileInvocation(node);
      case 'DateTimeLiteral':
        return compileDateTimeLiteral(node);
      case 'SimplePositiveUnaryTest':
        return compileStandaloneTest(node);
      case 'Interval':
        return compileRange(node);
      default:
        return unsupported(node);
    }
  };

  return compile(tree.topNode).ev;
};

const literalTemporal = (
  builtins: BuiltinTable,
  name: string,
  value: string
): unknown => {
  const fn = builtins[name]?.find((f) => f.params.length === 1);
  if (!fn) return undefined;
  try {
    return fn.invoke([value], undefined as unknown as Env);
  } catch {
    return null;
  }
};

export { compileTree, type Evaluator };

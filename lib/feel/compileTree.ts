// Compiles a lezer-feel parse tree into JavaScript closures, node by node
// in the shape of feelin 8.2.0's own evaluator (evalNode): same child
// order, same evaluation order (so warnings come in the same order), same
// static "type tags" that decide how a filter `list[...]` behaves. Nodes
// outside the supported subset raise FeelUnsupportedError at compile time
// (the expression then runs on feelin); values outside the JSON-like subset
// raise a bailout at run time (that evaluation then runs on feelin).
import { FeelFunction, type parseExpression } from 'feelin';
import { FeelUnsupportedError } from './errors.js';
import {
  getFeelinBuiltin,
  getFeelType,
  isInvocationFailure,
} from './feelinBridge.js';
import { parseFeelString } from './parseFeelString.js';
import {
  type ArithOperator,
  BAILOUT,
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
} from './semantics.js';
import type { FeelPosition, FeelWarning } from './types.js';

type Tree = ReturnType<typeof parseExpression>;
type SyntaxNode = Tree['topNode'];

/** A compiled expression: evaluates in a scope, collecting warnings. */
type Evaluator = (scope: Scope, warnings: FeelWarning[]) => unknown;

interface Compiled {
  readonly ev: Evaluator;
  /** feelin's static type tag of the node (undefined for untagged nodes). */
  readonly type: string | undefined;
}

const ARITH_OPERATORS = new Set(['+', '-', '*', '/', '**', '^']);
const ORDER_OPERATORS = new Set(['<', '<=', '>', '>=']);
const INDEX_FILTER_TYPES = new Set(['number', 'boolean', 'any']);

const wrappedFunctions = new WeakMap<object, FeelFunction>();

// feelin's wrapFunction, for the values the fast path meets.
const toFeelFunction = (target: unknown): FeelFunction | null => {
  if (!target) {
    return null;
  }
  if (target instanceof FeelFunction) {
    return target;
  }
  if (typeof target === 'function') {
    const cached = wrappedFunctions.get(target);
    if (cached) {
      return cached;
    }
    const names: unknown = (target as { $args?: unknown }).$args;
    if (!Array.isArray(names)) {
      // feelin would parse the JS source for parameter names
      throw BAILOUT;
    }
    const wrapped = new FeelFunction(
      target as (...args: unknown[]) => unknown,
      names as string[]
    );
    wrappedFunctions.set(target, wrapped);
    return wrapped;
  }
  if (getFeelType(target) === 'range') {
    throw BAILOUT;
  }
  return null;
};

const hasQuestionMark = (scope: Scope): boolean => {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (Object.hasOwn(s.vars, '?')) {
      return true;
    }
  }
  return false;
};

const constant = (value: unknown, type: string): Compiled => ({
  ev: () => value,
  type,
});

/**
 * Compile a parsed FEEL expression (already checked for syntax errors).
 *
 * @param tree - lezer-feel tree from `parseExpression`
 * @param source - the expression text the tree was parsed from
 * @throws FeelUnsupportedError when the expression uses FEEL the fast path
 *   does not implement
 * @internal
 */
const compileTree = (tree: Tree, source: string): Evaluator => {
  const unsupported = (node: SyntaxNode, what?: string): never => {
    throw new FeelUnsupportedError(
      `Not on the fast path: ${what ?? node.name} ` +
        `at ${node.from}-${node.to}`,
      source
    );
  };
  const text = (node: SyntaxNode): string => source.slice(node.from, node.to);
  const positionOf = (node: SyntaxNode): FeelPosition => ({
    from: node.from,
    to: node.to,
  });
  const childrenOf = (node: SyntaxNode): SyntaxNode[] => {
    const children: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (!c.type.isSkipped) {
        children.push(c);
      }
    }
    return children;
  };
  const child = (children: SyntaxNode[], index: number): SyntaxNode =>
    children[index] ?? unsupported(children[0] ?? tree.topNode, 'shape');

  // Identifier / BacktickIdentifier children joined by one space.
  const nameOf = (node: SyntaxNode): string =>
    childrenOf(node)
      .map((part) => {
        if (part.name === 'Identifier') {
          return text(part);
        }
        if (part.name === 'BacktickIdentifier') {
          return text(part).replace(/`/g, '');
        }
        return unsupported(part);
      })
      .join(' ');

  const compileVariable = (node: SyntaxNode): Compiled => {
    const name = nameOf(node);
    const normalized = normalizeContextKey(name);
    const builtin = getFeelinBuiltin(name);
    const position = positionOf(node);
    return {
      type: 'any',
      ev: (scope, warnings) => {
        const value = lookupName(scope, name, normalized);
        if (value !== undefined) {
          return value;
        }
        if (builtin) {
          return builtin;
        }
        warn(
          warnings,
          'NO_VARIABLE_FOUND',
          `Variable '${name}' not found`,
          position
        );
        return null;
      },
    };
  };

  const compilePath = (children: SyntaxNode[]): Compiled => {
    const target = compile(child(children, 0));
    const pathName = child(children, 2);
    if (pathName.name !== 'PathName') {
      unsupported(pathName);
    }
    const name = nameOf(pathName);
    const normalized = normalizeContextKey(name);
    const position = positionOf(pathName);
    const step = (value: unknown, warnings: FeelWarning[]): unknown => {
      if (isPlainObject(value)) {
        const entry = lookupEntry(value, name, normalized);
        if (entry !== undefined) {
          return entry;
        }
        warn(
          warnings,
          'NO_CONTEXT_ENTRY_FOUND',
          `Key '${name}' not found`,
          position
        );
        return null;
      }
      if (
        value === null ||
        value === undefined ||
        typeof value === 'boolean' ||
        typeof value === 'number' ||
        typeof value === 'string'
      ) {
        warn(
          warnings,
          'NO_PROPERTY_FOUND',
          `Property '${name}' not found`,
          position
        );
        return null;
      }
      // lists of lists, temporals (`.year`), functions: feelin's business
      throw BAILOUT;
    };
    return {
      type: 'any',
      ev: (scope, warnings) => {
        const value = target.ev(scope, warnings);
        if (Array.isArray(value)) {
          return value.map((element) => step(element, warnings));
        }
        return step(value, warnings);
      },
    };
  };

  const compileFilter = (children: SyntaxNode[]): Compiled => {
    const target = compile(child(children, 0));
    const filter = compile(child(children, 2));
    const filterType = filter.type;
    const indexFilter = (
      list: unknown[],
      whole: unknown,
      scope: Scope,
      warnings: FeelWarning[]
    ): unknown => {
      const index = filter.ev(scope, warnings);
      if (typeof index === 'boolean') {
        return index ? whole : [];
      }
      if (typeof index !== 'number') {
        return [];
      }
      const value = list[index < 0 ? list.length + index : index - 1];
      return value === undefined ? null : value;
    };
    const testFilter = (
      list: unknown[],
      scope: Scope,
      warnings: FeelWarning[]
    ): unknown[] => {
      const kept: unknown[] = [];
      for (const element of list) {
        if (!isJsonLike(element)) {
          throw BAILOUT;
        }
        // feelin: Object.assign({}, context, { item }, element)
        const itemScope: Scope = { vars: { item: element }, parent: scope };
        const elementScope: Scope = isPlainObject(element)
          ? { vars: element, parent: itemScope }
          : itemScope;
        const result = filter.ev(elementScope, warnings);
        if (typeof result === 'function' || getFeelType(result) === 'range') {
          throw BAILOUT;
        }
        const entry = result === true ? element : result;
        if (isTruthy(entry)) {
          kept.push(entry);
        }
      }
      return kept;
    };
    return {
      type: 'any',
      ev: (scope, warnings) => {
        const value = target.ev(scope, warnings);
        if (value === null) {
          return null;
        }
        const list = Array.isArray(value) ? value : [value];
        if (filterType !== undefined && INDEX_FILTER_TYPES.has(filterType)) {
          return indexFilter(list, value, scope, warnings);
        }
        if (filterType === 'string') {
          const match = filter.ev(scope, warnings);
          return list.filter((element) => element === match);
        }
        if (filterType === 'test') {
          return testFilter(list, scope, warnings);
        }
        return null;
      },
    };
  };

  const compileUnaryTest = (node: SyntaxNode): Compiled => {
    if (node.name === 'PositiveUnaryTests') {
      const tests = childrenOf(node).map(compileUnaryTest);
      return {
        type: undefined,
        ev: (scope, warnings) => tests.map((t) => t.ev(scope, warnings)),
      };
    }
    if (node.name !== 'PositiveUnaryTest') {
      return unsupported(node);
    }
    const inner = compile(child(childrenOf(node), 0));
    if (inner.type !== 'boolean') {
      return { type: undefined, ev: inner.ev };
    }
    return {
      type: undefined,
      ev: (scope, warnings) => {
        // a boolean test against the implicit input value `?`
        if (hasQuestionMark(scope)) {
          throw BAILOUT;
        }
        return inner.ev(scope, warnings);
      },
    };
  };

  const compileComparison = (children: SyntaxNode[]): Compiled => {
    const left = compile(child(children, 0));
    const operatorNode = child(children, 1);
    if (operatorNode.name === 'in') {
      const tests = compileUnaryTest(
        children.length === 5 ? child(children, 3) : child(children, 2)
      );
      return {
        type: 'test',
        ev: (scope, warnings) =>
          feelIn(left.ev(scope, warnings), tests.ev(scope, warnings)),
      };
    }
    if (operatorNode.name === 'between') {
      const start = compile(child(children, 2));
      const end = compile(child(children, 4));
      return {
        type: 'test',
        ev: (scope, warnings) => {
          const low = start.ev(scope, warnings);
          const high = end.ev(scope, warnings);
          if (low === null || high === null) {
            return null;
          }
          return feelBetween(left.ev(scope, warnings), low, high);
        },
      };
    }
    if (operatorNode.name !== 'CompareOp') {
      return unsupported(operatorNode);
    }
    const operator = text(operatorNode);
    const right = compile(child(children, 2));
    if (operator === '=' || operator === '!=') {
      const negate = operator === '!=';
      return {
        type: 'test',
        ev: (scope, warnings) => {
          const a = left.ev(scope, warnings);
          const result = feelEquals(a, right.ev(scope, warnings));
          return negate && result !== null ? !result : result;
        },
      };
    }
    if (!ORDER_OPERATORS.has(operator)) {
      return unsupported(operatorNode, `operator ${operator}`);
    }
    return {
      type: 'test',
      ev: (scope, warnings) => {
        const a = left.ev(scope, warnings);
        return feelOrder(
          operator as OrderOperator,
          a,
          right.ev(scope, warnings)
        );
      },
    };
  };

  const compileLogic = (children: SyntaxNode[], and: boolean): Compiled => {
    const left = compile(child(children, 0));
    const right = compile(child(children, 2));
    return {
      type: 'test',
      // FEEL three-valued logic; feelin evaluates both sides
      ev: (scope, warnings) => {
        const l = left.ev(scope, warnings);
        const r = right.ev(scope, warnings);
        const a = typeof l === 'boolean' ? l : null;
        const b = typeof r === 'boolean' ? r : null;
        if (and) {
          if (a === false || b === false) {
            return false;
          }
          return a === true && b === true ? true : null;
        }
        if (a === true || b === true) {
          return true;
        }
        return a === false && b === false ? false : null;
      },
    };
  };

  const compileArithmetic = (children: SyntaxNode[]): Compiled => {
    const unary = children.length === 2;
    const operatorNode = child(children, unary ? 0 : 1);
    const operator = text(operatorNode);
    if (operatorNode.name !== 'ArithOp' || !ARITH_OPERATORS.has(operator)) {
      return unsupported(operatorNode);
    }
    const op = operator as ArithOperator;
    const position = positionOf(operatorNode);
    if (unary) {
      const value = compile(child(children, 1));
      return {
        type: value.type,
        ev: (scope, warnings) =>
          feelArithmetic(op, 0, value.ev(scope, warnings), warnings, position),
      };
    }
    const left = compile(child(children, 0));
    const right = compile(child(children, 2));
    return {
      type: left.type === right.type ? left.type : 'any',
      ev: (scope, warnings) => {
        const a = left.ev(scope, warnings);
        return feelArithmetic(
          op,
          a,
          right.ev(scope, warnings),
          warnings,
          position
        );
      },
    };
  };

  const compileIf = (children: SyntaxNode[]): Compiled => {
    const condition = compile(child(children, 1));
    const then = compile(child(children, 3));
    const otherwise = compile(child(children, 5));
    return {
      type: then.type === otherwise.type ? then.type : 'any',
      ev: (scope, warnings) =>
        isTruthy(condition.ev(scope, warnings))
          ? then.ev(scope, warnings)
          : otherwise.ev(scope, warnings),
    };
  };

  const compileContext = (children: SyntaxNode[]): Compiled => {
    const entries = children.slice(1, -1).map((entry) => {
      const parts = childrenOf(entry);
      const keyNode = child(childrenOf(child(parts, 0)), 0);
      if (entry.name !== 'ContextEntry' || parts.length !== 2) {
        unsupported(entry);
      }
      let key: string;
      if (keyNode.name === 'StringLiteral') {
        key = parseFeelString(text(keyNode));
      } else if (keyNode.name === 'Name') {
        key = text(keyNode).replace(/\s{2,}/g, ' ');
      } else {
        key = unsupported(keyNode);
      }
      return { key, value: compile(child(parts, 1)) };
    });
    return {
      type: undefined,
      ev: (scope, warnings) => {
        // later entries see the earlier ones
        const result: Record<string, unknown> = {};
        const inner: Scope = { vars: result, parent: scope };
        for (const { key, value } of entries) {
          result[key] = value.ev(inner, warnings);
        }
        return result;
      },
    };
  };

  const compileList = (children: SyntaxNode[]): Compiled => {
    const elements = children.slice(1, -1).map(compile);
    return {
      type: undefined,
      ev: (scope, warnings) => elements.map((e) => e.ev(scope, warnings)),
    };
  };

  const compileParameters = (node: SyntaxNode): Evaluator => {
    if (node.name === 'PositionalParameters') {
      const values = childrenOf(node).map(compile);
      return (scope, warnings) => values.map((v) => v.ev(scope, warnings));
    }
    if (node.name !== 'NamedParameters') {
      return unsupported(node);
    }
    const named = childrenOf(node).map((parameter) => {
      const parts = childrenOf(parameter);
      const nameNode = child(parts, 0);
      if (parameter.name !== 'NamedParameter' || parts.length !== 2) {
        unsupported(parameter);
      }
      const name = childrenOf(nameNode)
        .map((part) => text(part).replace(/\s{2,}/g, ' '))
        .join(' ');
      return { name, value: compile(child(parts, 1)) };
    });
    return (scope, warnings) => {
      const args: Record<string, unknown> = {};
      for (const { name, value } of named) {
        args[name] = value.ev(scope, warnings);
      }
      return args;
    };
  };

  const compileInvocation = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    if (children.length !== 4) {
      return unsupported(node);
    }
    const target = compile(child(children, 0));
    const parameters = compileParameters(child(children, 2));
    const position = positionOf(node);
    return {
      type: 'any',
      ev: (scope, warnings) => {
        const value = target.ev(scope, warnings);
        const fn = toFeelFunction(value);
        if (!fn) {
          warn(
            warnings,
            'NO_FUNCTION_FOUND',
            `Cannot invoke ${getFeelType(value)}`,
            position
          );
          return null;
        }
        const result: unknown = fn.invoke(parameters(scope, warnings));
        if (isInvocationFailure(result)) {
          warn(warnings, result.warning, result.template, position);
          return null;
        }
        return result;
      },
    };
  };

  const compile = (node: SyntaxNode): Compiled => {
    const children = childrenOf(node);
    switch (node.name) {
      case 'Expression':
        return { type: undefined, ev: compile(child(children, 0)).ev };
      case 'ParenthesizedExpression':
        return compile(child(children, 1));
      case 'NumericLiteral': {
        const literal = text(node);
        const value = literal.includes('.')
          ? Number.parseFloat(literal)
          : Number.parseInt(literal, 10);
        return constant(value, 'number');
      }
      case 'StringLiteral':
        return constant(parseFeelString(text(node)), 'string');
      case 'BooleanLiteral':
        return constant(text(node) === 'true', 'boolean');
      case 'null':
        return constant(null, 'nil');
      case 'VariableName':
        return compileVariable(node);
      case 'PathExpression':
        return compilePath(children);
      case 'FilterExpression':
        return compileFilter(children);
      case 'Comparison':
        return compileComparison(children);
      case 'Disjunction':
        return compileLogic(children, false);
      case 'Conjunction':
        return compileLogic(children, true);
      case 'ArithmeticExpression':
        return compileArithmetic(children);
      case 'IfExpression':
        return compileIf(children);
      case 'Context':
        return compileContext(children);
      case 'List':
        return compileList(children);
      case 'FunctionInvocation':
        return compileInvocation(node);
      default:
        return unsupported(node);
    }
  };

  return compile(tree.topNode).ev;
};

export { compileTree, type Evaluator };

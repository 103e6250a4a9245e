import { BUILTIN_NAMES, parseFeel } from '../feel/index.js';
import { FEEL_SAFETY_LIMITS } from './constants.js';

type Cursor = ReturnType<ReturnType<typeof parseFeel>['cursor']>;

const INTEGER = /^-?\s*\d+$/;
const BRACKETS = new Set(['[', ']', '(', ')']);

// `x in [a..b]` compares (the interval sits in a PositiveUnaryTest); an
// interval anywhere else may be iterated over (`for x in [1..1000000000]`,
// also through a context entry, a variable or parentheses).
const isComparison = (cursor: Cursor): boolean =>
  cursor.node.parent?.parent?.type.name === 'PositiveUnaryTest';

/** The source text of each direct child of the node the cursor is on. */
const childrenOf = (
  cursor: Cursor,
  expression: string
): { name: string; text: string }[] => {
  const children: { name: string; text: string }[] = [];
  if (!cursor.firstChild()) return children;
  do {
    children.push({
      name: cursor.type.name,
      text: expression.slice(cursor.from, cursor.to),
    });
  } while (cursor.nextSibling());
  cursor.parent();
  return children;
};

/**
 * The number of values a range `a..b` in a `for` / `some` / `every`
 * produces, or a message when its bounds are not integer literals.
 */
const rangeSize = (
  children: readonly { name: string; text: string }[]
): number | string => {
  const dots = children.findIndex((c) => c.name === '..');
  const start = children
    .slice(0, dots)
    .map((c) => c.text)
    .join('');
  const end = children
    .slice(dots + 1)
    .map((c) => c.text)
    .join('');
  if (!INTEGER.test(start) || !INTEGER.test(end)) {
    return `the range ${start}..${end} does not have integer literals as bounds; a range over a value from the message can run without bound, so iterate over the list itself (for x in value.items return …)`;
  }
  const from = Number(start.replace(/\s/g, ''));
  const to = Number(end.replace(/\s/g, ''));
  return Math.abs(to - from) + 1;
};

// Functions whose `pattern` (second argument) is a regular expression.
const REGEX_FUNCTIONS = new Set(['matches', 'replace', 'split']);

// A quantified group that itself contains a quantifier — `(a+)+`, `(\w*)*`,
// `(x{1,}){2,}` — backtracks exponentially on a near-match (ReDoS).
const NESTED_QUANTIFIER =
  /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})\)(?:[+*]|\{\d+,\d*\})/;

type Node = Cursor['node'];

/** The pattern argument of `matches` / `replace` / `split`, if given. */
const patternArgument = (
  invocation: Node,
  expression: string
): Node | undefined => {
  const named = invocation.getChild('NamedParameters');
  if (named !== null) {
    const parameter = named.getChildren('NamedParameter').find((candidate) => {
      const name = candidate.getChild('ParameterName');
      return (
        name !== null && expression.slice(name.from, name.to) === 'pattern'
      );
    });
    return parameter?.lastChild ?? undefined;
  }
  const args: Node[] = [];
  const positional = invocation.getChild('PositionalParameters');
  for (let arg = positional?.firstChild ?? null; arg; arg = arg.nextSibling) {
    if (arg.name !== ',') args.push(arg);
  }
  return args[1];
};

/**
 * A message when a regular expression of the expression can backtrack
 * without bound: a pattern that is not a string literal (it would come from
 * the record, so a producer could send one that backtracks), or a literal
 * with nested quantifiers.
 */
const checkPattern = (
  invocation: Node,
  expression: string
): string | undefined => {
  const name = invocation.firstChild;
  if (name === null) return undefined;
  const fn = expression.slice(name.from, name.to);
  if (!REGEX_FUNCTIONS.has(fn)) return undefined;
  const pattern = patternArgument(invocation, expression);
  if (pattern === undefined) return undefined;
  const text = expression.slice(pattern.from, pattern.to);
  if (pattern.name !== 'StringLiteral') {
    return `the pattern of ${fn}() ("${text.slice(0, 30)}") must be a string literal: a regular expression taken from the record could backtrack without bound on every record`;
  }
  if (NESTED_QUANTIFIER.test(text)) {
    return `the pattern ${text} of ${fn}() nests quantifiers, which can backtrack exponentially on some inputs; rewrite it without a quantified group that contains a quantifier`;
  }
  return undefined;
};

/**
 * A message when the expression is longer than a connector expression may be.
 *
 * @param expression - the expression (no leading `=`)
 */
const checkFeelLength = (expression: string): string | undefined =>
  expression.length > FEEL_SAFETY_LIMITS.maxExpressionLength
    ? `the FEEL expression is ${expression.length} characters long, over the ${FEEL_SAFETY_LIMITS.maxExpressionLength} limit for an expression evaluated on every record`
    : undefined;

/**
 * Check that a FEEL expression that parses cannot run without bound when it
 * is evaluated for every Kafka record. Returns a plain message when it can,
 * `undefined` when it cannot.
 *
 * Two FEEL constructs make the work of one evaluation independent of the
 * size of the expression and the message: function definitions (which can
 * recurse) and ranges (`for x in 1..1000000000 return x`, or an interval
 * `[1..1000000000]` iterated over). Function definitions are refused; ranges
 * and intervals (except in a test such as `x in [a..b]`, which only
 * compares) must have integer literal bounds, and the
 * product of the sizes of all ranges in the expression (nested ranges
 * multiply) must stay within `FEEL_SAFETY_LIMITS.maxRangeIterations`.
 * Everything else is bounded by the size of the expression and the record.
 *
 * @param expression - an expression that parses (no leading `=`)
 */
const checkFeelSafety = (expression: string): string | undefined => {
  const tooLong = checkFeelLength(expression);
  if (tooLong) return tooLong;
  const cursor = parseFeel(expression, BUILTIN_NAMES).cursor();
  let iterations = 1;
  let problem: string | undefined;
  do {
    const name = cursor.type.name;
    if (name === 'FunctionInvocation') {
      problem = checkPattern(cursor.node, expression);
    } else if (name === 'FunctionDefinition') {
      const end = Math.min(cursor.to, cursor.from + 30);
      const text = `${expression.slice(cursor.from, end)}${end < cursor.to ? '…' : ''}`;
      problem = `function definitions ("${text}") are not allowed in a connector expression: a function can call itself without bound on every record`;
    } else if (
      name === 'IterationContext' ||
      (name === 'Interval' && !isComparison(cursor))
    ) {
      const children = childrenOf(cursor, expression).filter(
        (c) => !BRACKETS.has(c.name)
      );
      if (children.some((c) => c.name === '..')) {
        const size = rangeSize(children);
        if (typeof size === 'string') problem = size;
        else iterations *= size;
      }
    }
  } while (!problem && cursor.next());
  if (problem) return problem;
  if (iterations > FEEL_SAFETY_LIMITS.maxRangeIterations) {
    return `the ranges in this expression produce ${iterations.toLocaleString('en-US')} iterations per record (nested ranges multiply), over the ${FEEL_SAFETY_LIMITS.maxRangeIterations.toLocaleString('en-US')} limit`;
  }
  return undefined;
};

export { checkFeelLength, checkFeelSafety };

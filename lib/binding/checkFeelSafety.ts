import type { Tree } from '@lezer/common';
import {
  BUILTIN_NAMES,
  checkPattern,
  FEEL_LIMITS,
  parseFeel,
  parseFeelString,
} from '../feel/index.js';
import { FEEL_SAFETY_LIMITS } from './constants.js';

type Node = Tree['topNode'];

const childrenOf = (node: Node): Node[] => {
  const children: Node[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (!c.type.isSkipped) children.push(c);
  }
  return children;
};

const LITERAL_NUMBER = /^-?\s*\d+(\.\d+)?$/;

/**
 * How many times an iteration source is walked when it is a literal: the
 * size of a range with number literals as bounds (`1..1000`), or the
 * number of items of a list literal. `undefined` when it depends on the
 * record (the evaluation budget bounds it at run time).
 */
const literalSize = (source: Node, expression: string): number | undefined => {
  const parts = childrenOf(source);
  const dots = parts.findIndex((p) => p.name === '..');
  if (dots >= 0) {
    const start = parts[dots - 1];
    const end = parts[dots + 1];
    if (!start || !end) return undefined;
    const a = expression.slice(start.from, start.to);
    const b = expression.slice(end.from, end.to);
    if (!LITERAL_NUMBER.test(a) || !LITERAL_NUMBER.test(b)) return undefined;
    return (
      Math.floor(
        Math.abs(Number(b.replace(/\s/g, '')) - Number(a.replace(/\s/g, '')))
      ) + 1
    );
  }
  let inner = parts[0];
  while (inner?.name === 'ParenthesizedExpression')
    inner = childrenOf(inner)[1];
  if (inner?.name === 'List') {
    return childrenOf(inner).filter((c) => c.name !== '[' && c.name !== ']')
      .length;
  }
  return undefined;
};

// Functions that take a regular expression, and where its pattern and
// flags are among their positional and named arguments.
const REGEX_FUNCTIONS: Readonly<
  Record<string, { pattern: [number, string]; flags?: [number, string] }>
> = {
  matches: { pattern: [1, 'pattern'], flags: [2, 'flags'] },
  replace: { pattern: [1, 'pattern'], flags: [3, 'flags'] },
  split: { pattern: [1, 'delimiter'] },
  extract: { pattern: [1, 'pattern'] },
};

const argument = (
  invocation: Node,
  expression: string,
  [index, name]: [number, string]
): Node | undefined => {
  const named = invocation.getChild('NamedParameters');
  if (named) {
    const parameter = named.getChildren('NamedParameter').find((p) => {
      const n = p.getChild('ParameterName');
      return n !== null && expression.slice(n.from, n.to).trim() === name;
    });
    return parameter?.lastChild ?? undefined;
  }
  const positional = invocation.getChild('PositionalParameters');
  return positional ? childrenOf(positional)[index] : undefined;
};

/** The name an invocation calls, as written. */
const invokedName = (
  invocation: Node,
  expression: string
): string | undefined => {
  const target = invocation.firstChild;
  return target ? expression.slice(target.from, target.to).trim() : undefined;
};

/** A message when a literal regular expression cannot run on RE2. */
const checkRegex = (
  invocation: Node,
  expression: string
): string | undefined => {
  const fn = invokedName(invocation, expression);
  if (fn === undefined) return undefined;
  const spec = REGEX_FUNCTIONS[fn];
  if (!spec) return undefined;
  const pattern = argument(invocation, expression, spec.pattern);
  if (pattern?.name !== 'StringLiteral') return undefined;
  const flagsNode = spec.flags
    ? argument(invocation, expression, spec.flags)
    : undefined;
  const flags =
    flagsNode?.name === 'StringLiteral'
      ? parseFeelString(expression.slice(flagsNode.from, flagsNode.to))
      : '';
  const text = parseFeelString(expression.slice(pattern.from, pattern.to));
  const problem = checkPattern(text, flags);
  return problem === undefined
    ? undefined
    : `the pattern "${text.slice(0, 60)}" of ${fn}() cannot be used: ${problem}`;
};

// The functions Camunda's connector runtime adds to FEEL
// (FeelConnectorFunctionProvider): contexts for outbound error expressions
// and document creation. lib/feel has none of them; FEEL would make the
// call null without a word.
const CONNECTOR_FUNCTIONS: Readonly<Record<string, string>> = {
  bpmnError: 'builds an error context for outbound error expressions',
  jobError: 'builds an error context for outbound error expressions',
  ignoreError: 'builds an error context for outbound error expressions',
  backoff: 'builds a retry backoff for outbound error expressions',
  createDocument: "stores a document in Camunda's document store",
};

/** A message when the invocation calls a function of Camunda's runtime. */
const checkConnectorFunction = (
  invocation: Node,
  expression: string
): string | undefined => {
  const fn = invokedName(invocation, expression);
  if (fn === undefined) return undefined;
  const what = Object.hasOwn(CONNECTOR_FUNCTIONS, fn)
    ? CONNECTOR_FUNCTIONS[fn]
    : undefined;
  return what === undefined
    ? undefined
    : `${fn}() is a function of Camunda's connector runtime (it ${what}); kafka-inbound does not provide it, and FEEL would make its call null`;
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
 * Check that a FEEL expression that parses can be evaluated for every
 * Kafka record within the evaluation budget. Returns a plain message when
 * it cannot, `undefined` when it can. The walk is iterative and linear in
 * the size of the tree (its depth is bounded by the parser).
 *
 * Refused: function definitions (a function can call itself on every
 * record); iteration over literal lists and ranges whose count alone
 * (nested iterations multiply) exceeds the evaluation budget, so that every
 * record would fail; literal regular expressions that RE2 cannot run
 * (backreferences, lookaround, ...) or that do not compile; calls of the
 * functions Camunda's connector runtime adds (bpmnError, jobError,
 * ignoreError, backoff, createDocument). Everything that
 * depends on the record (a list or range from the message, a pattern taken
 * from it) is bounded at run time by the budget and the linear-time engine:
 * a record that exceeds it is dead-lettered with the reason.
 *
 * @param expression - an expression that parses (no leading `=`)
 * @param tree - its parse tree, when the caller has it already
 */
const checkFeelSafety = (
  expression: string,
  tree?: Tree
): string | undefined => {
  const tooLong = checkFeelLength(expression);
  if (tooLong) return tooLong;
  const parsed = tree ?? parseFeel(expression, BUILTIN_NAMES);
  const budget = FEEL_LIMITS.evaluationSteps;
  let iterations = 0;
  const stack: { node: Node; times: number }[] = [
    { node: parsed.topNode, times: 1 },
  ];
  while (stack.length > 0) {
    const { node, times } = stack.pop() as { node: Node; times: number };
    if (node.name === 'FunctionDefinition') {
      const end = Math.min(node.to, node.from + 30);
      return `function definitions ("${expression.slice(node.from, end)}${end < node.to ? '…' : ''}") are not allowed in a connector expression: a function can call itself without bound on every record`;
    }
    if (node.name === 'FunctionInvocation') {
      const problem =
        checkConnectorFunction(node, expression) ??
        checkRegex(node, expression);
      if (problem) return problem;
    }
    const children = childrenOf(node);
    if (node.name === 'ForExpression' || node.name === 'QuantifiedExpression') {
      const sources = children.find((c) => c.name === 'InExpressions');
      const body = children[children.length - 1];
      let product = 1;
      for (const inExpression of sources ? childrenOf(sources) : []) {
        const source = childrenOf(inExpression)[2];
        if (source) {
          product *= literalSize(source, expression) ?? 1;
          stack.push({ node: source, times });
        }
      }
      iterations = Math.min(
        Number.MAX_SAFE_INTEGER,
        iterations + times * product
      );
      if (iterations > budget) {
        return `the iterations over literal lists and ranges in this expression run ${iterations.toLocaleString('en-US')} times per record (nested iterations multiply), more than the evaluation budget of ${budget.toLocaleString('en-US')} steps allows: every record would fail`;
      }
      if (body && body !== sources)
        stack.push({ node: body, times: times * product });
      continue;
    }
    for (const c of children) stack.push({ node: c, times });
  }
  return undefined;
};

export { checkFeelLength, checkFeelSafety };

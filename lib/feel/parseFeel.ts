// feelin's parser (lezer-feel, Camunda dialect) with two changes that
// bound the work of parsing, and checks that bound everything after it:
//
// - lezer-feel's variable tracker copies the names in scope for every
//   context entry and list item, so a 2,000-entry context took 40 s to
//   parse. The tracker here knows a fixed set of names (the built-in
//   functions) and only follows the words of a name being read, which is
//   all the tokenizer asks of it: parsing is linear. Names the expression
//   defines itself (context keys, `for` variables) no longer change how it
//   parses; feel-scala does not let them either (`a-b` is a subtraction
//   there unless written `` `a-b` ``).
// - Bracket nesting is measured before parsing (lezer builds its tree
//   recursively: a list nested 5,000 deep overflowed the stack), and the
//   depth of the tree after it, iteratively; the evaluator's recursion is
//   bounded by that depth.
// - The tracker keeps at most as many words of a name being read as the
//   longest known name has characters (a longer name can match none), so a
//   name of thousands of words (`a b c a b c …`, valid FEEL) is read in
//   linear time, not quadratic (64 KB of it took 90 s).
// - Error recovery runs only near the first error: the parse runs first
//   without it (a valid expression gets the same tree), and the error it
//   stops at is described from a parse with recovery that stops 200
//   characters later. lezer's recovery costs tens of actions per error, so
//   `1 1 1 …` (an error at every other token) took 4 s for 64 KB.
// - Every parse has a budget of parser actions (shifts and reductions over
//   all of lezer's stacks, a stack split off another costing its depth)
//   linear in the expression's length, and a limit on the depth of lezer's
//   stacks: on `[] [] [] …` (`]` and `[` open intervals) lezer splits
//   stacks thousands of levels deep at every step (64 KB took 40 s).
import type { Tree } from '@lezer/common';
import { ContextTracker } from '@lezer/lr';
import { normalizeContextKey, parser } from 'lezer-feel';
import { FEEL_DIALECT, FEEL_LIMITS } from './constants.js';
import { FeelLimitError, FeelSyntaxError } from './errors.js';
import { findSyntaxError } from './findSyntaxError.js';

interface NameCache {
  readonly keys: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

class TrackedName {
  public constructor(
    public readonly tokens: readonly string[],
    private readonly cache: NameCache
  ) {}

  /** What lezer-feel's tokenizer reads from its context. */
  public contextCache(): NameCache {
    return this.cache;
  }
}

const buildCache = (names: readonly string[]): NameCache => {
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  for (const name of names) {
    const key = normalizeContextKey(name);
    keys.add(key);
    for (let i = 1; i <= key.length; i += 1) prefixes.add(key.slice(0, i));
  }
  return { keys, prefixes };
};

/**
 * Words of a name being read that the tracker keeps: lezer-feel's tokenizer
 * joins them (with spaces) to look the name up among the known names, the
 * date-time type names included ("years and months duration"), and tells
 * only whether there are any; every word has at least one character, so a
 * name with more words than the longest known name has characters matches
 * none, whichever words follow.
 */
const maxTrackedWords = (names: readonly string[]): number =>
  Math.max(32, ...names.map((name) => normalizeContextKey(name).length)) + 1;

/**
 * What one parse may still spend (see spend). Set by parseWithinBudget
 * around each parse; parsing is synchronous, so one record serves all.
 */
const parseBudget: { left: number; seen: WeakSet<object> } = {
  left: Number.POSITIVE_INFINITY,
  seen: new WeakSet(),
};

/** Thrown by the tracker when a parse has used up its budget. */
class ParseBudgetSpent extends Error {
  public constructor(public readonly reason: 'steps' | 'depth') {
    super(reason);
  }
}

/**
 * Charge one parser action: one unit, plus the depth of the stack taking it
 * when lezer has just split that stack off another (copying it costs that
 * much), and check that depth. lezer keeps 3 numbers per level in
 * `stack.stack` (@lezer/lr 1.4, whose own limit is 8,400 numbers,
 * Rec.CutDepth); if a later version drops the field, only actions count.
 */
const spend = (stack: object): void => {
  const numbers = (stack as { stack?: { length?: unknown } }).stack?.length;
  const levels = typeof numbers === 'number' ? numbers / 3 : 0;
  parseBudget.left -= 1;
  if (!parseBudget.seen.has(stack)) {
    parseBudget.seen.add(stack);
    parseBudget.left -= levels;
  }
  if (parseBudget.left < 0) throw new ParseBudgetSpent('steps');
  if (levels > FEEL_LIMITS.maxParserStackDepth) {
    throw new ParseBudgetSpent('depth');
  }
};

const trackers = new Map<string, ContextTracker<TrackedName>>();

const tracker = (names: readonly string[]): ContextTracker<TrackedName> => {
  const cacheKey = names.join('\u0000');
  const cached = trackers.get(cacheKey);
  if (cached) return cached;
  const cache = buildCache(names);
  const maxWords = maxTrackedWords(names);
  const empty = new TrackedName([], cache);
  const types = parser.nodeSet.types;
  const created = new ContextTracker<TrackedName>({
    start: empty,
    strict: false,
    shift(context, _term, stack) {
      spend(stack);
      return context;
    },
    reduce(context, term, stack, input) {
      spend(stack);
      const name = types[term]?.name;
      if (name === 'Identifier') {
        if (context.tokens.length >= maxWords) return context;
        // lezer-feel reads the token the same way
        const code = (
          input as unknown as { read(from: number, to: number): string }
        ).read((input as unknown as { pos: number }).pos, stack.pos);
        return new TrackedName([...context.tokens, code], cache);
      }
      if (
        name === 'VariableName' ||
        name === 'PathName' ||
        name === 'Name' ||
        name === 'ParameterName'
      ) {
        return context.tokens.length === 0 ? context : empty;
      }
      return context;
    },
  });
  trackers.set(cacheKey, created);
  return created;
};

const parsers = new Map<ContextTracker<TrackedName>, typeof parser>();

/** lezer-feel's parser for expressions, configured once per name set. */
const configuredParser = (names: readonly string[]): typeof parser => {
  const contextTracker = tracker(names);
  let configured = parsers.get(contextTracker);
  if (!configured) {
    configured = parser.configure({
      top: 'Expression',
      contextTracker,
      dialect: FEEL_DIALECT,
    });
    parsers.set(contextTracker, configured);
  }
  return configured;
};

const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

const CHAIN_WORDS = new Set([
  'and',
  'or',
  'if',
  'then',
  'else',
  'for',
  'some',
  'every',
  'return',
  'satisfies',
  'in',
  'between',
  'instance',
  'not',
]);
const OPERATOR_CHARS = new Set([
  '+',
  '-',
  '*',
  '/',
  '<',
  '>',
  '=',
  '!',
  '.',
  '^',
]);

/**
 * The shape of an expression from a linear scan (string literals, backtick
 * names and comments skipped): the deepest bracket nesting, and an upper
 * estimate of how deep operators chain without brackets (every operator
 * and keyword since the last `,`, `:` or bracket counts, added up over the
 * brackets that are open). The parser nests chained operators one level
 * each, and gives up on chains about a thousand deep after a slow recovery.
 */
const scanShape = (expression: string): { brackets: number; chain: number } => {
  const counts: number[] = [0];
  let brackets = 0;
  let total = 0;
  let maxChain = 0;
  const bump = (): void => {
    counts[counts.length - 1] = (counts[counts.length - 1] ?? 0) + 1;
    total += 1;
    if (total > maxChain) maxChain = total;
  };
  for (let i = 0; i < expression.length; i += 1) {
    const c = expression[i] as string;
    if (c === '"') {
      for (i += 1; i < expression.length && expression[i] !== '"'; i += 1) {
        if (expression[i] === '\\') i += 1;
      }
    } else if (c === '`') {
      const end = expression.indexOf('`', i + 1);
      i = end < 0 ? expression.length : end;
    } else if (c === '/' && expression[i + 1] === '/') {
      const end = expression.indexOf('\n', i);
      i = end < 0 ? expression.length : end;
    } else if (c === '/' && expression[i + 1] === '*') {
      const end = expression.indexOf('*/', i + 2);
      i = end < 0 ? expression.length : end + 1;
    } else if (OPENERS.has(c)) {
      counts.push(0);
      if (counts.length - 1 > brackets) brackets = counts.length - 1;
    } else if (CLOSERS.has(c)) {
      if (counts.length > 1) total -= counts.pop() ?? 0;
    } else if (c === ',' || c === ':') {
      total -= counts[counts.length - 1] ?? 0;
      counts[counts.length - 1] = 0;
    } else if (OPERATOR_CHARS.has(c)) {
      // a run of operator characters (`<=`, `**`, `..`) is one operator,
      // and the dot of a number (1.5) is none
      const digitDot =
        c === '.' &&
        /\d/.test(expression[i - 1] ?? '') &&
        /\d/.test(expression[i + 1] ?? '');
      if (!digitDot) bump();
      while (
        OPERATOR_CHARS.has(expression[i + 1] ?? '') &&
        expression[i + 1] !== '-'
      )
        i += 1;
    } else if (
      /[a-z]/.test(c) &&
      !/[\p{L}\p{N}_]/u.test(expression[i - 1] ?? '')
    ) {
      let end = i + 1;
      while (
        end < expression.length &&
        /[\p{L}\p{N}_]/u.test(expression[end] as string)
      )
        end += 1;
      if (CHAIN_WORDS.has(expression.slice(i, end))) bump();
      i = end - 1;
    }
  }
  return { brackets, chain: maxChain };
};

/** The deepest bracket nesting of the expression (see scanShape). */
const bracketDepth = (expression: string): number =>
  scanShape(expression).brackets;

/** The depth of a parse tree, walked with a cursor (no recursion). */
const treeDepth = (tree: Tree): number => {
  const cursor = tree.cursor();
  let depth = 1;
  let max = 1;
  for (;;) {
    if (cursor.firstChild()) {
      depth += 1;
      if (depth > max) max = depth;
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) return max;
      depth -= 1;
    }
  }
};

const OPERAND_END = /[\p{L}\p{N}_)\]}"`?]$/u;
const KEYWORDS_BEFORE_OPERAND = new Set([
  'and',
  'or',
  'not',
  'in',
  'return',
  'then',
  'else',
  'if',
  'satisfies',
  'between',
]);

/**
 * Rewrite, keeping every position, what lezer-feel cannot parse but
 * feel-scala can: the functions `and(...)` / `or(...)` (keywords for
 * lezer-feel) become `ánd(...)` / `ór(...)`, and the types `function`,
 * `days and time duration`, `date and time` after `instance of` become
 * single names. The evaluator maps them back.
 * @internal
 */
const aliasForParsing = (expression: string): string => {
  if (!/\b(and|or|instance)\b/.test(expression)) return expression;
  const out = expression.split('');
  let previous = '';
  let previousWord = '';
  for (let i = 0; i < expression.length; i += 1) {
    const c = expression[i] as string;
    if (c === '"') {
      for (i += 1; i < expression.length && expression[i] !== '"'; i += 1) {
        if (expression[i] === '\\') i += 1;
      }
      previous = '"';
      previousWord = '';
      continue;
    }
    if (c === '`') {
      const end = expression.indexOf('`', i + 1);
      i = end < 0 ? expression.length : end;
      previous = '`';
      previousWord = '';
      continue;
    }
    if (/\s/.test(c)) continue;
    const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(
      expression.slice(i, i + 40)
    )?.[0];
    if (word === undefined) {
      previous = c;
      previousWord = '';
      continue;
    }
    const operandStart =
      previous === '' ||
      !OPERAND_END.test(previous) ||
      KEYWORDS_BEFORE_OPERAND.has(previousWord);
    if ((word === 'and' || word === 'or') && operandStart) {
      const rest = expression.slice(i + word.length);
      if (/^\s*\(/.test(rest)) out[i] = word === 'and' ? 'á' : 'ó';
    }
    if (word === 'instance') {
      const match =
        /^instance\s+of\s+(function\b|days\s+and\s+time\s+duration\b|date\s+and\s+time\b)/.exec(
          expression.slice(i)
        );
      if (match?.[1]) {
        const at = i + match[0].length - match[1].length;
        if (match[1] === 'function') out[at + 1] = 'ú';
        else {
          for (let k = at; k < at + match[1].length; k += 1) {
            if (/\s/.test(out[k] as string)) out[k] = '_';
          }
        }
      }
    }
    previousWord = word;
    previous = word.slice(-1);
    i += word.length - 1;
  }
  return out.join('');
};

/**
 * Check the size and bracket nesting of an expression before it is parsed.
 *
 * @throws FeelLimitError when it is too long or nested too deeply
 */
const checkFeelShape = (expression: string): void => {
  if (expression.length > FEEL_LIMITS.maxLength) {
    throw new FeelLimitError(
      `the FEEL expression is ${expression.length} characters long, over the limit of ${FEEL_LIMITS.maxLength}`,
      expression
    );
  }
  const { brackets, chain } = scanShape(expression);
  if (brackets > FEEL_LIMITS.maxBracketNesting) {
    throw new FeelLimitError(
      `the FEEL expression nests brackets ${brackets} levels deep, over the limit of ${FEEL_LIMITS.maxBracketNesting}`,
      expression
    );
  }
  if (chain > FEEL_LIMITS.maxChain) {
    throw new FeelLimitError(
      `the FEEL expression chains ${chain} operators and keywords without brackets, which nests it deeper than the limit of ${FEEL_LIMITS.maxTreeDepth} levels`,
      expression
    );
  }
};

/**
 * Characters past the first error that the parse describing it reads:
 * lezer's recovery settles within a few tokens, and stopping there keeps
 * the errors after it (each costing a recovery) out of the work.
 */
const RECOVERY_WINDOW = 200;

/**
 * Steps per character of that window the recovery may take besides the
 * budget of the expression: lezer's recovery takes up to about 70 when
 * every token is an error (`1 1 1 …`).
 */
const RECOVERY_STEPS_PER_CHARACTER = 100;

const unitsFor = (text: string): number =>
  FEEL_LIMITS.parseSteps + FEEL_LIMITS.parseStepsPerCharacter * text.length;

const strictParsers = new Map<typeof parser, typeof parser>();

/** The same parser without error recovery: it throws at the first error. */
const strictParser = (configured: typeof parser): typeof parser => {
  let strict = strictParsers.get(configured);
  if (!strict) {
    strict = configured.configure({ strict: true });
    strictParsers.set(configured, strict);
  }
  return strict;
};

/** Where a strict parse stopped (lezer's "No parse at N"). */
class NoParseAt {
  public constructor(public readonly position: number) {}
}

/**
 * Parse within the budget (see spend), up to `stopAt` when given.
 *
 * @returns the tree, what ran out, or where a strict parse stopped
 */
const parseWithinBudget = (
  configured: typeof parser,
  text: string,
  stopAt?: number
): Tree | ParseBudgetSpent | NoParseAt => {
  parseBudget.left =
    unitsFor(text) +
    (stopAt === undefined ? 0 : RECOVERY_STEPS_PER_CHARACTER * RECOVERY_WINDOW);
  parseBudget.seen = new WeakSet();
  try {
    const parse = configured.startParse(text);
    if (stopAt !== undefined && stopAt < text.length) parse.stopAt(stopAt);
    for (;;) {
      const tree = parse.advance();
      if (tree) return tree;
    }
  } catch (error) {
    if (error instanceof ParseBudgetSpent) return error;
    const at =
      error instanceof SyntaxError
        ? /^No parse at (\d+)$/.exec(error.message)?.[1]
        : undefined;
    if (at !== undefined) return new NoParseAt(Number(at));
    throw error;
  } finally {
    parseBudget.left = Number.POSITIVE_INFINITY;
  }
};

const limitError = (
  expression: string,
  spent: ParseBudgetSpent,
  at: number | undefined
): FeelLimitError => {
  const where =
    at === undefined
      ? ''
      : ` (the first error is at character ${at}${at < expression.length ? `, near "${expression.slice(at, at + 20)}"` : ''})`;
  return new FeelLimitError(
    spent.reason === 'depth'
      ? `the FEEL expression does not parse${where}: the parser's reading of it nests deeper than ${FEEL_LIMITS.maxParserStackDepth} levels (brackets, intervals such as ]a..b[ and chained operators count)`
      : `the FEEL expression is too costly to parse${where}: the parser gives up after ${unitsFor(expression).toLocaleString('en-US')} steps (${FEEL_LIMITS.parseStepsPerCharacter} per character; valid expressions take up to ${FEEL_LIMITS.parseStepsPerCharacter / 2})`,
    expression
  );
};

/**
 * Parse an expression (Camunda dialect) in time linear in its length, and
 * check the depth of its tree. Built-in function names (which may contain
 * keywords, as `get or else`) are known to the tokenizer. The parse runs
 * first without error recovery (what a valid expression gets is the same
 * tree); when that stops at an error, the error is described from a parse
 * with lezer's recovery that stops shortly after it, as feelin describes
 * it, so that an expression of many errors costs one recovery.
 *
 * @param expression - the expression, without its leading `=`
 * @param names - the names the tokenizer should know (built-in functions)
 * @throws FeelLimitError when the expression is too large or too deep
 * @throws FeelSyntaxError when it does not parse
 * @internal
 */
const parseFeel = (expression: string, names: readonly string[]): Tree => {
  checkFeelShape(expression);
  const configured = configuredParser(names);
  const text = aliasForParsing(expression);
  let tree = parseWithinBudget(strictParser(configured), text);
  if (tree instanceof ParseBudgetSpent) {
    throw limitError(expression, tree, undefined);
  }
  let at: number | undefined;
  if (tree instanceof NoParseAt) {
    at = tree.position;
    tree = parseWithinBudget(configured, text, at + RECOVERY_WINDOW);
    if (tree instanceof ParseBudgetSpent)
      throw limitError(expression, tree, at);
    if (tree instanceof NoParseAt) throw new Error('unreachable: not strict');
  }
  const syntaxError =
    findSyntaxError(tree, expression) ??
    (at === undefined
      ? undefined
      : new FeelSyntaxError(
          `FEEL syntax error in '${expression.length > 100 ? `${expression.slice(0, 100)}…` : expression}': Unrecognized token at ${at}`,
          expression,
          { from: at, to: at }
        ));
  if (syntaxError) {
    const { chain } = scanShape(expression);
    if (chain > FEEL_LIMITS.maxTreeDepth / 2) {
      // lezer gives up on left-nested chains of about 300 levels
      throw new FeelLimitError(
        `the FEEL expression does not parse: it chains about ${chain} operators and keywords without brackets, deeper than the parser follows (a few hundred levels); group the terms with brackets or use a list (x in [a, b, c])`,
        expression
      );
    }
    throw syntaxError;
  }
  const depth = treeDepth(tree);
  if (depth > FEEL_LIMITS.maxTreeDepth) {
    throw new FeelLimitError(
      `the FEEL expression is nested ${depth} levels deep (operators chained without brackets count as levels), over the limit of ${FEEL_LIMITS.maxTreeDepth}`,
      expression
    );
  }
  return tree;
};

export { aliasForParsing, bracketDepth, checkFeelShape, parseFeel, treeDepth };

import { isDeepStrictEqual } from 'node:util';
import { evaluate, parseExpression } from 'feelin';
import { describe, expect, it } from 'vitest';
import { camundaBuiltins } from '../../lib/feel/camundaBuiltins.js';
import { compileTree } from '../../lib/feel/compileTree.js';
import { FeelUnsupportedError } from '../../lib/feel/errors.js';
import { findSyntaxError } from '../../lib/feel/findSyntaxError.js';
import { FeelBailout, type Scope } from '../../lib/feel/semantics.js';
import type { FeelWarning } from '../../lib/feel/types.js';
import { CONTEXTS, generateExpressions } from './helpers/feelCorpus.js';

type Outcome =
  | { kind: 'value'; value: unknown; warnings: string[] }
  | { kind: 'threw'; error: unknown }
  | { kind: 'bailout' }
  | { kind: 'unsupported' };

const BUILTIN_SCOPE: Scope = { vars: camundaBuiltins, parent: undefined };

const runFast = (
  expression: string,
  context: Record<string, unknown>
): Outcome => {
  const tree = parseExpression(expression, camundaBuiltins, 'camunda');
  let evaluator: ReturnType<typeof compileTree>;
  try {
    evaluator = compileTree(tree, expression);
  } catch (error) {
    if (error instanceof FeelUnsupportedError) {
      return { kind: 'unsupported' };
    }
    throw error;
  }
  const warnings: FeelWarning[] = [];
  try {
    const value = evaluator({ vars: context, parent: BUILTIN_SCOPE }, warnings);
    return { kind: 'value', value, warnings: warnings.map((w) => w.type) };
  } catch (error) {
    if (error instanceof FeelBailout) {
      return { kind: 'bailout' };
    }
    return { kind: 'threw', error };
  }
};

const runFeelin = (
  expression: string,
  context: Record<string, unknown>
): Outcome => {
  try {
    const { value, warnings } = evaluate(
      expression,
      { ...camundaBuiltins, ...context },
      'camunda'
    );
    return { kind: 'value', value, warnings: warnings.map((w) => w.type) };
  } catch (error) {
    return { kind: 'threw', error };
  }
};

interface Tally {
  skipped: number;
  compared: number;
  bailouts: number;
  unsupported: number;
  mismatches: string[];
}

const compareOn = (
  expressions: readonly string[],
  contexts: readonly Record<string, unknown>[]
): Tally => {
  const tally: Tally = {
    skipped: 0,
    compared: 0,
    bailouts: 0,
    unsupported: 0,
    mismatches: [],
  };
  for (const expression of expressions) {
    const tree = parseExpression(expression, camundaBuiltins, 'camunda');
    if (findSyntaxError(tree, expression)) {
      tally.skipped++;
      continue;
    }
    contexts.forEach((context, index) => {
      const fast = runFast(expression, context);
      if (fast.kind === 'unsupported') {
        tally.unsupported++;
        return;
      }
      if (fast.kind === 'bailout') {
        tally.bailouts++;
        return;
      }
      const slow = runFeelin(expression, context);
      tally.compared++;
      const same =
        fast.kind === 'value' && slow.kind === 'value'
          ? isDeepStrictEqual(fast.value, slow.value) &&
            isDeepStrictEqual(fast.warnings, slow.warnings)
          : fast.kind === slow.kind;
      if (!same) {
        tally.mismatches.push(
          `${expression}  @context#${index}\n  fast:   ${JSON.stringify(fast)}\n  feelin: ${JSON.stringify(slow)}`
        );
      }
    });
  }
  return tally;
};

const HAND_PICKED = [
  'value.itemId = "a4f6j2"',
  '{ "itemId": value.itemId, "amount": value.amount }',
  '10 > "5"',
  '"abc" >= 5',
  '"10" = 10',
  '[5] = 5',
  '[] = null',
  'null = null',
  'missing = null',
  'missing.itemId = "a4f6j2"',
  'x > 1',
  'true and null',
  'false and null',
  'true or null',
  'null or false',
  'not(null)',
  'not(1)',
  '"a" + 1',
  'null + 1',
  '1 / 0',
  '2 ** 10',
  '2 ^ 3',
  '- 1',
  '-"a"',
  '"a" + "b"',
  'if 1 then "a" else "b"',
  'if null then "a" else "b"',
  '[1,2,3][-1]',
  '[1,2,3][0]',
  '[1,2,3][4]',
  '[1,2,3][1.5]',
  '[1,2,3][item > 1]',
  '[1,2,3][true]',
  '[1,2,3][false]',
  '[1,2,3]["a"]',
  '["a","b"]["a"]',
  '5[1]',
  '"abc"[1]',
  'null[1]',
  '[{a:1},{a:2}][a > 1]',
  '[{a:1},{b:2}].a',
  '[1, null, false][item = item]',
  '[1,2,3,4][even(item)]',
  '{a: 1, b: a + 1}',
  '{a: 1}.b',
  '{"a b": 1}.`a b`',
  'ctx.`with-dash`',
  'x in (1, 2)',
  'x in [1, 2]',
  'x in null',
  'x in (null)',
  '1 between 2 and 0',
  '"b" between "a" and "c"',
  'null between 1 and 2',
  '1 between null and 2',
  'string length("abc")',
  'string length(5)',
  'upper case(string: "a")',
  'contains(string: "abc", match: "b")',
  'contains(string: "abc", wrong: "b")',
  'substring("hello", -3, 2)',
  'string(1.50)',
  'number("12")',
  'number("x")',
  'count([1,2])',
  'sum([1,2])',
  'unknownFn(1)',
  'get or else(null, "d")',
  'get or else(value: missing, default: 1)',
  'is empty([])',
  'is empty("x")',
  'is defined(missing)',
  'trim("  x ")',
  'partition([1,2,3], 2)',
  'duplicate values([1,2,1,"a","a"])',
  'to base64("FEEL")',
  'from base64("RkVFTA==")',
  'from base64("%%")',
  'is blank("  ")',
  'uuid() != null',
  'string length',
  'abs',
  'a.b.c.d',
  '{a: {b: [1, {c: 2}]}}.a.b.c',
];

const HAND_CONTEXTS = [
  ...CONTEXTS,
  { x: 1 },
  { x: 'a' },
  { x: null },
  { x: [1] },
];

describe('Function: compileTree', () => {
  it('agrees with feelin on hand-picked tricky expressions', () => {
    // Act
    const tally = compareOn(HAND_PICKED, HAND_CONTEXTS);

    // Assess
    expect(tally.mismatches).toEqual([]);
    expect(tally.compared).toBeGreaterThan(HAND_PICKED.length * 8);
  });

  it.each([{ seed: 1 }, { seed: 2 }, { seed: 3 }, { seed: 4 }])(
    'agrees with feelin on a generated corpus (seed $seed)',
    ({ seed }) => {
      // Prepare
      const expressions = generateExpressions(seed, 250);

      // Act
      const tally = compareOn(expressions, CONTEXTS);

      // Assess
      expect(tally.mismatches).toEqual([]);
      // the comparison is only meaningful when the fast path really ran
      expect(tally.compared).toBeGreaterThan(tally.bailouts * 4);
      expect(tally.unsupported).toBe(0);
    }
  );

  it('raises FeelUnsupportedError for FEEL outside the fast subset', () => {
    // Prepare
    const expression = 'for x in [1,2] return x * 2';
    const tree = parseExpression(expression, camundaBuiltins, 'camunda');

    // Act & Assess
    expect(() => compileTree(tree, expression)).toThrow(FeelUnsupportedError);
  });
});

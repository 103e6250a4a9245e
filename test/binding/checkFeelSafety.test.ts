import { describe, expect, it } from 'vitest';
import {
  checkFeelSafety,
  checkFeelSyntax,
  FEEL_SAFETY_LIMITS,
} from '../../lib/binding/index.js';

describe('Function: checkFeelSafety', () => {
  it.each([
    'value.itemId = "a4f6j2"',
    'for x in 1..100 return x * 2',
    'for x in -5..5, y in 1..100 return x + y',
    'for item in value.items return item.id',
    'some x in value.items satisfies x > 1',
    'value.n in [value.min..value.max]',
    'value.n in (1..1000000000]',
    'value.items[item.price > 10]',
    'string join(for x in 1..10000 return string(x), ",")',
    // within the budget: 100,000 iterations of a literal range
    'for x in 1..100000 return x',
    // bounded at run time by the budget (a record that exceeds it is dead-lettered)
    'for x in 1..value.n return x',
    'count(for x in 1.5..3 return x)',
    // a range is a value, not a list: feel-scala does not iterate over it
    'some x in [1..1000000000] satisfies x < 0',
    '{r: [1..100000]}.r',
    'matches(value.code, "^[A-Z]{2}-\\d+$")',
    'replace(value.s, "(ab)+", "x")',
    'split(value.csv, ",\\s*")',
    'replace(input: value.s, pattern: "a+", replacement: "b")',
    // the engine is linear: nested quantifiers and patterns from the record are safe
    'matches(value.s, "^(a+)+$")',
    'matches(value.s, "^(a|aa)+$")',
    'split(value.s, "(x{1,}){2,}")',
    'matches(value.s, value.pattern)',
  ])('accepts %s', (expression) => {
    // Assess
    expect(checkFeelSafety(expression)).toBeUndefined();
  });

  it.each([
    {
      expression: 'for x in 1..1000000000 return x',
      message: 'run 1,000,000,000 times per record',
    },
    {
      expression: 'for x in 1..1000 return for y in 1..1000 return y',
      message: '1,001,000 times',
    },
    {
      expression: 'for x in 1..1001, y in 1..1000 return x',
      message: '1,001,000 times',
    },
    {
      expression: 'some x in 1..1000000000 satisfies x < 0',
      message: 'more than the evaluation budget of 1,000,000 steps',
    },
    {
      expression: 'every x in [1,2,3], y in 1..400000 satisfies x > y',
      message: '1,200,000 times',
    },
    {
      expression: 'matches(value.s, "(a)\\1")',
      message: 'backreferences',
    },
    {
      expression: 'replace(input: value.s, pattern: "x(?=y)", replacement: "")',
      message: 'lookaround',
    },
    {
      expression: 'split(value.s, "a++")',
      message: 'possessive quantifiers',
    },
    {
      expression: 'matches(value.s, "[a-z")',
      message: 'not a valid regular expression',
    },
    {
      expression: '(function(n) n)(3)',
      message: 'function definitions ("function(n) n")',
    },
    {
      expression: '{f: function(n) f(n + 1), r: f(1)}.r',
      message: 'function definitions',
    },
  ])('refuses $expression', ({ expression, message }) => {
    // Act
    const problem = checkFeelSafety(expression);

    // Assess
    expect(problem).toContain(message);
  });

  it('refuses an expression longer than the limit before parsing it', () => {
    // Prepare
    const expression = `[${'1,'.repeat(FEEL_SAFETY_LIMITS.maxExpressionLength / 2)}1]`;

    // Act
    const problem = checkFeelSyntax(`=${expression}`);

    // Assess
    expect(problem).toContain(
      `over the ${FEEL_SAFETY_LIMITS.maxExpressionLength} limit`
    );
  });

  it('is applied by checkFeelSyntax, after the syntax check', () => {
    // Assess
    expect(checkFeelSyntax('=for x in 1..2000000 return x')).toContain(
      '2,000,000 times'
    );
    expect(checkFeelSyntax('=for x in 1..')).toContain('does not parse');
  });
});

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
    'matches(value.code, "^[A-Z]{2}-\\d+$")',
    'replace(value.s, "(ab)+", "x")',
    'split(value.csv, ",\\s*")',
    'replace(input: value.s, pattern: "a+", replacement: "b")',
  ])('accepts %s', (expression) => {
    // Assess
    expect(checkFeelSafety(expression)).toBeUndefined();
  });

  it.each([
    {
      expression: 'for x in 1..1000000000 return x',
      message: '1,000,000,000 iterations',
    },
    {
      expression: 'for x in 1..1000 return for y in 1..1000 return y',
      message: '1,000,000 iterations',
    },
    { expression: 'for x in 1..101, y in 1..100 return x', message: '10,100' },
    {
      expression: 'some x in [1..1000000000] satisfies x < 0',
      message: 'over the 10,000 limit',
    },
    {
      expression: 'every x in ([1..1000000000]) satisfies x > 0',
      message: 'over the 10,000 limit',
    },
    {
      expression: '{r: [1..100000]}.r',
      message: '100,000 iterations',
    },
    {
      expression: 'for x in 1..value.n return x',
      message: 'the range 1..value.n does not have integer literals',
    },
    {
      expression: 'count(for x in 1.5..3 return x)',
      message: 'integer literals',
    },
    {
      expression: 'matches(value.s, "^(a+)+$")',
      message: 'nests quantifiers',
    },
    {
      expression:
        'replace(input: value.s, pattern: "(\\w*)*x", replacement: "")',
      message: 'nests quantifiers',
    },
    {
      expression: 'split(value.s, "(x{1,}){2,}")',
      message: 'nests quantifiers',
    },
    {
      expression: 'matches(value.s, value.pattern)',
      message: 'must be a string literal',
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
    expect(checkFeelSyntax('=for x in 1..100000 return x')).toContain(
      '100,000 iterations'
    );
    expect(checkFeelSyntax('=for x in 1..')).toContain('does not parse');
  });
});

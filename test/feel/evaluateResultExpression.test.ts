import { describe, expect, it } from 'vitest';
import {
  compileFeel,
  evaluateResultExpression,
  FeelEvaluationError,
  FeelResultTypeError,
} from '../../lib/feel/index.js';

const message = { key: 'k1', value: { itemId: 'a4f6j2', amount: 7 } };

describe('Function: evaluateResultExpression', () => {
  it('returns the context as variables', () => {
    // Prepare
    const compiled = compileFeel(
      '={ "itemId": value.itemId, "amount": value.amount }'
    );

    // Act
    const result = evaluateResultExpression(compiled, message);

    // Assess
    expect(result).toEqual({
      variables: { itemId: 'a4f6j2', amount: 7 },
      warnings: [],
    });
  });

  it('keeps missing fields as null and reports the warning', () => {
    // Act
    const result = evaluateResultExpression(
      compileFeel('={ "x": value.missing }'),
      message
    );

    // Assess
    expect(result.variables).toEqual({ x: null });
    expect(result.warnings.map((w) => w.type)).toEqual([
      'NO_CONTEXT_ENTRY_FOUND',
    ]);
    expect(result.error).toBeUndefined();
  });

  it.each([{ source: '=null' }, { source: '=missing' }])(
    'adds nothing for a null result ($source)',
    ({ source }) => {
      // Act
      const result = evaluateResultExpression(compileFeel(source), message);

      // Assess
      expect(result.variables).toBeUndefined();
      expect(result.error).toBeUndefined();
    }
  );

  it.each([
    { source: '="text"', actual: 'string' },
    { source: '=value.amount', actual: 'number' },
    { source: '=[value]', actual: 'list' },
    { source: '=true', actual: 'boolean' },
    { source: '=date("2024-01-01")', actual: 'date' },
  ])('returns an error when the result is a $actual', ({ source, actual }) => {
    // Act
    const result = evaluateResultExpression(compileFeel(source), message);

    // Assess
    expect(result.variables).toBeUndefined();
    expect(result.error).toBeInstanceOf(FeelResultTypeError);
    if (result.error instanceof FeelResultTypeError) {
      expect(result.error.expected).toBe('context');
      expect(result.error.actual).toBe(actual);
    }
  });

  it('returns an error when the evaluation throws', () => {
    // Act
    const result = evaluateResultExpression(
      compileFeel('={ a: assert(1, false, "boom") }'),
      message
    );

    // Assess
    expect(result.error).toBeInstanceOf(FeelEvaluationError);
    expect(result.error?.message).toContain('boom');
  });
});

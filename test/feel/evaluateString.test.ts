import { describe, expect, it } from 'vitest';
import {
  compileFeel,
  evaluateString,
  FeelEvaluationError,
  FeelResultTypeError,
} from '../../lib/feel/index.js';

const message = {
  key: 42,
  value: { orderId: 'o-1', number: 1234, big: 12.5, ok: true, empty: '' },
  topic: 'orders',
  partition: 3,
  offset: 17,
};

describe('Function: evaluateString', () => {
  it.each([
    { source: '=value.orderId', expected: 'o-1' },
    { source: '=value.number', expected: '1234' },
    { source: '=value.big', expected: '12.5' },
    { source: '=key', expected: '42' },
    { source: '=value.ok', expected: 'true' },
    { source: '=value.empty', expected: '' },
    {
      source: '=topic + "-" + string(partition) + "-" + string(offset)',
      expected: 'orders-3-17',
    },
  ])('returns "$expected" for $source', ({ source, expected }) => {
    // Act
    const result = evaluateString(compileFeel(source), message);

    // Assess
    expect(result.value).toBe(expected);
    expect(result.error).toBeUndefined();
  });

  it('leaves the value absent for null, with the warnings', () => {
    // Act
    const result = evaluateString(compileFeel('=value.missing'), message);

    // Assess
    expect(result.value).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.warnings.map((w) => w.type)).toEqual([
      'NO_CONTEXT_ENTRY_FOUND',
    ]);
  });

  it.each([
    { source: '=value', actual: 'context' },
    { source: '=[1]', actual: 'list' },
  ])('returns an error for a $actual', ({ source, actual }) => {
    // Act
    const result = evaluateString(compileFeel(source), message);

    // Assess
    expect(result.error).toBeInstanceOf(FeelResultTypeError);
    if (result.error instanceof FeelResultTypeError) {
      expect(result.error.expected).toBe('string');
      expect(result.error.actual).toBe(actual);
    }
  });

  it('returns an error when the evaluation throws', () => {
    // Act
    const result = evaluateString(compileFeel('=assert(1, false)'), message);

    // Assess
    expect(result.error).toBeInstanceOf(FeelEvaluationError);
  });
});

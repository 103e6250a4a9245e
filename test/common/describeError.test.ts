import { describe, expect, it } from 'vitest';
import { describeError, isRecord } from '../../lib/common/index.js';

describe('Function: describeError', () => {
  const inner = new Error('connect ECONNREFUSED 127.0.0.1:9092');
  const outer = new TypeError('fetch failed', {
    cause: new Error('fetch failed', { cause: inner }),
  });

  it.each([
    { options: undefined, expected: 'fetch failed' },
    { options: { name: true }, expected: 'TypeError: fetch failed' },
    {
      options: { causes: true },
      expected: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9092',
    },
  ])('words an error with $options as "$expected"', ({ options, expected }) => {
    // Act & Assess
    expect(describeError(outer, options)).toBe(expected);
  });

  it('words a thrown non-Error as its text, or as the given text', () => {
    // Act & Assess
    expect(describeError('boom')).toBe('boom');
    expect(describeError({ password: 'x' }, { other: 'unknown error' })).toBe(
      'unknown error'
    );
  });

  it('stops at a cause that comes round again', () => {
    // Prepare
    const looped = new Error('a');
    const other = new Error('b', { cause: looped });
    Object.assign(looped, { cause: other });

    // Act & Assess
    expect(describeError(looped, { causes: true })).toBe('a: b');
  });
});

describe('Function: isRecord', () => {
  it.each([
    { value: {}, expected: true },
    { value: { a: 1 }, expected: true },
    { value: [], expected: false },
    { value: null, expected: false },
    { value: 'x', expected: false },
  ])('is $expected for $value', ({ value, expected }) => {
    // Act & Assess
    expect(isRecord(value)).toBe(expected);
  });
});

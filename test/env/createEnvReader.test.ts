import { describe, expect, it } from 'vitest';
import { createEnvReader } from '../../lib/env/index.js';

class TestConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'TestConfigError';
    this.variable = variable;
  }
}

const readerOf = (env: Record<string, string | undefined>) =>
  createEnvReader<string>(
    env,
    (variable, problem) => new TestConfigError(variable, problem)
  );

describe('Function: createEnvReader', () => {
  it('trims values, treats blanks as unset and takes the first of several names that is set', () => {
    // Prepare
    const read = readerOf({ A: '  a  ', BLANK: '   ', B: 'b' });

    // Act & Assess
    expect(read.text('A')).toBe('a');
    expect(read.text('BLANK')).toBeUndefined();
    expect(read.text('MISSING', 'BLANK', 'B', 'A')).toBe('b');
    expect(read.list('A')).toEqual(['a']);
    expect(readerOf({ L: ' x, ,y ,' }).list('L')).toEqual(['x', 'y']);
    expect(read.list('MISSING')).toEqual([]);
  });

  it.each([
    { raw: undefined, expected: 7 },
    { raw: '12', expected: 12 },
    { raw: '-1', expected: -1 },
  ])('reads the whole number $raw as $expected', ({ raw, expected }) => {
    // Act & Assess
    expect(readerOf({ N: raw }).integer('N', 7)).toBe(expected);
  });

  it.each([
    { raw: '1.5', options: {}, problem: "must be a whole number (got '1.5')" },
    {
      raw: '0',
      options: { minimum: 1 },
      problem: "must be a whole number of at least 1 (got '0')",
    },
    {
      raw: '10s',
      options: { minimum: 1, what: 'a positive whole number of milliseconds' },
      problem: "must be a positive whole number of milliseconds (got '10s')",
    },
  ])(
    'refuses $raw naming the variable: $problem',
    ({ raw, options, problem }) => {
      // Act & Assess
      expect(() => readerOf({ N: raw }).integer('N', 1, options)).toThrow(
        new TestConfigError('N', problem)
      );
    }
  );

  it('reads booleans and choices, and refuses other values', () => {
    // Prepare
    const read = readerOf({ T: 'TRUE', F: 'false', X: 'yes', C: 'key' });

    // Act & Assess
    expect(read.boolean('T', false)).toBe(true);
    expect(read.boolean('F', true)).toBe(false);
    expect(read.boolean('MISSING', true)).toBe(true);
    expect(() => read.boolean('X', true)).toThrow(
      "X must be true or false (got 'yes')"
    );
    expect(read.choice('C', ['partition', 'key'])).toBe('key');
    expect(read.choice('MISSING', ['partition', 'key'])).toBe('partition');
    expect(() => read.choice('X', ['partition', 'key'])).toThrow(
      "X must be partition or key (got 'yes')"
    );
  });

  it('requires a variable with its module’s error', () => {
    // Act & Assess
    expect(() => readerOf({ R: ' ' }).required('R')).toThrow(
      expect.objectContaining({ name: 'TestConfigError', variable: 'R' })
    );
    expect(readerOf({ R: 'r' }).required('R')).toBe('r');
  });
});

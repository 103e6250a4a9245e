// The parse budget of lib/feel/parseFeel (issue 16: one 64 KB property took
// 120 s of validation): valid expressions of every size parse as before,
// syntax errors are described as feelin describes them however many
// follow, and what only lezer's error recovery could read is refused.
import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import {
  compileFeel,
  FEEL_LIMITS,
  FeelLimitError,
} from '../../lib/feel/index.js';

const feelinError = (source: string): string => {
  try {
    evaluate(source, {}, 'camunda');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'no error';
};

describe('Function: parseFeel (through compileFeel), the parse budget', () => {
  it.each([
    { source: '1 +' },
    { source: '{ a: }' },
    { source: '(1' },
    { source: '1 2' },
    { source: 'x[' },
    { source: '[1, 2' },
  ])(
    'describes the first error of $source as feelin does, with 400 more errors after it',
    ({ source }) => {
      // Prepare: the errors after the first lie past the recovery window
      const expression = `${source}${' 1 2'.repeat(400)}`;

      // Act & Assess
      expect(() => compileFeel(expression)).toThrow(feelinError(expression));
    }
  );

  it('parses 64 KB of filter chains, the costliest valid shape (4 steps per character)', () => {
    // Prepare
    const entry = (i: number) => `a${i}: value${'[1]'.repeat(300)}`;
    const entries = Math.floor(FEEL_LIMITS.maxLength / (entry(99).length + 2));
    const source = `={${Array.from({ length: entries }, (_, i) => entry(i)).join(', ')}}`;

    // Act
    const compiled = compileFeel(source);

    // Assess
    expect(source.length).toBeGreaterThan(60_000);
    expect(compiled.evaluate({ value: [[1]] }).value).toMatchObject({
      a0: null,
    });
  });

  it('reads a built-in of several words after a name of thousands of words', () => {
    // Prepare: valid FEEL; the name is null, the built-in still a function
    const source = `={x: ${'a b c '.repeat(3_000)}, y: get or else(null, 1)}.y`;

    // Act
    const compiled = compileFeel(source);

    // Assess
    expect(compiled.evaluate({}).value).toBe(1);
  });

  it.each([
    {
      name: 'empty lists the parser reads as ever deeper intervals',
      source: `=${'[] '.repeat(2_000)}`,
      message: /too costly to parse: the parser gives up after 49,992 steps/,
    },
    {
      name: 'closing brackets, each opening an interval',
      source: `=${']'.repeat(3_000)}1`,
      message: /nests deeper than 2400 levels/,
    },
  ])('refuses $name with FeelLimitError', ({ source, message }) => {
    // Act & Assess
    expect(() => compileFeel(source)).toThrow(FeelLimitError);
    expect(() => compileFeel(source)).toThrow(message);
  });
});

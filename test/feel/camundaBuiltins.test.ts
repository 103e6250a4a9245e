import { describe, expect, it } from 'vitest';
import { compileFeel, FeelEvaluationError } from '../../lib/feel/index.js';

const run = (source: string, context: Record<string, unknown> = {}) =>
  compileFeel(source).evaluate(context);

describe('Camunda extension built-ins', () => {
  it.each([
    { source: 'get or else("this", "default")', expected: 'this' },
    { source: 'get or else(null, "default")', expected: 'default' },
    { source: 'get or else(missing, 1)', expected: 1 },
    { source: 'get or else(null, null)', expected: null },
    { source: 'get or else(value: null, default: "d")', expected: 'd' },
    { source: 'is defined(1)', expected: true },
    { source: 'is defined(null)', expected: false },
    { source: 'is defined(missing)', expected: false },
    { source: 'is defined(value: "x")', expected: true },
    { source: 'is empty([])', expected: true },
    { source: 'is empty([1])', expected: false },
    { source: 'is empty(list: [])', expected: true },
    { source: 'is empty("x")', expected: null },
    { source: 'trim("  hello  ")', expected: 'hello' },
    { source: 'trim(string: " a ")', expected: 'a' },
    { source: 'trim(1)', expected: null },
    { source: 'is blank("")', expected: true },
    { source: 'is blank("  ")', expected: true },
    { source: 'is blank("a")', expected: false },
    { source: 'to base64("FEEL")', expected: 'RkVFTA==' },
    { source: 'to base64(value: "é")', expected: 'w6k=' },
    { source: 'from base64("RkVFTA==")', expected: 'FEEL' },
    { source: 'from base64(value: "w6k=")', expected: 'é' },
    { source: 'from base64("not base64!")', expected: null },
    // feel-scala: distinct values in their first order, then those seen twice
    { source: 'duplicate values([1,2,3,2,1])', expected: [1, 2] },
    { source: 'duplicate values(list: ["a", "b"])', expected: [] },
    {
      source: 'duplicate values([{a: 1}, {a: 1}, {a: 2}])',
      expected: [{ a: 1 }],
    },
    { source: 'partition([1,2,3,4,5], 2)', expected: [[1, 2], [3, 4], [5]] },
    { source: 'partition(list: [1,2], size: 5)', expected: [[1, 2]] },
    { source: 'partition([1,2], 0)', expected: null },
    { source: 'partition([], 2)', expected: [] },
    {
      source: 'string(last day of month(date("2024-02-10")))',
      expected: '2024-02-29',
    },
    {
      source: 'string(last day of month(date and time("2023-12-05T10:00:00")))',
      expected: '2023-12-31',
    },
    { source: 'last day of month("2024-02-10")', expected: null },
    { source: 'assert(5, 5 > 1)', expected: 5 },
    { source: 'assert(value: 5, condition: true)', expected: 5 },
  ])('evaluates $source to $expected', ({ source, expected }) => {
    // Act
    const { value } = run(source);

    // Assess
    expect(value).toEqual(expected);
  });

  it('warns when a built-in gets unusable arguments', () => {
    // Act
    const { value, warnings } = run('trim(42)');

    // Assess
    expect(value).toBe(null);
    expect(warnings).toEqual([
      {
        type: 'FUNCTION_INVOCATION_FAILURE',
        message: "Failed to invoke function 'trim': Illegal arguments: '42'",
        position: { from: 0, to: 8 },
      },
    ]);
  });

  it('returns a fresh time-ordered (version 7) uuid on each call, as feel-scala', () => {
    // Prepare
    const compiled = compileFeel('uuid()');

    // Act
    const first = compiled.evaluate({}).value;
    const second = compiled.evaluate({}).value;

    // Assess
    expect(first).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(second).not.toBe(first);
  });

  it.each([
    { source: 'assert(x, x != null)', cause: 'not fulfilled' },
    { source: 'assert(x, x != null, "x is required")', cause: 'x is required' },
  ])(
    'fails the evaluation when assert fails ($source)',
    ({ source, cause }) => {
      // Prepare
      const compiled = compileFeel(source);

      // Act
      const act = (): unknown => compiled.evaluate({ x: null });

      // Assess
      expect(act).toThrow(FeelEvaluationError);
      expect(act).toThrow(cause);
    }
  );
});

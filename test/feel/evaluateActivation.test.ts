import { describe, expect, it } from 'vitest';
import {
  compileFeel,
  compileOptionalFeel,
  evaluateActivation,
  FeelEvaluationError,
} from '../../lib/feel/index.js';

const message = { value: { itemId: 'a4f6j2', flag: true, text: 'true' } };

describe('Function: evaluateActivation', () => {
  it.each([
    { condition: '=true', activated: true },
    { condition: '=value.itemId = "a4f6j2"', activated: true },
    { condition: '=value.flag', activated: true },
    { condition: '=false', activated: false },
    { condition: '=null', activated: false },
    { condition: '="true"', activated: false },
    { condition: '=value.text', activated: false },
    { condition: '=1', activated: false },
    { condition: '={ a: true }', activated: false },
    { condition: '=[true]', activated: false },
    { condition: '=missing', activated: false },
    { condition: '=missing.itemId = "a4f6j2"', activated: false },
    { condition: '=value.itemId > 5', activated: false },
    { condition: '="a" + 1 = "a1"', activated: false },
  ])(
    'returns activated=$activated for $condition',
    ({ condition, activated }) => {
      // Prepare
      const compiled = compileFeel(condition);

      // Act
      const result = evaluateActivation(compiled, message);

      // Assess
      expect(result.activated).toBe(activated);
      expect(result.error).toBeUndefined();
    }
  );

  it.each([
    { source: undefined },
    { source: '' },
    { source: '=' },
    { source: '   ' },
  ])(
    'activates when the condition is absent or blank ($source)',
    ({ source }) => {
      // Act
      const result = evaluateActivation(compileOptionalFeel(source), message);

      // Assess
      expect(result).toEqual({ activated: true, warnings: [] });
    }
  );

  it('returns the warnings of a condition on a missing variable', () => {
    // Act
    const result = evaluateActivation(compileFeel('=missing = 1'), message);

    // Assess
    expect(result.activated).toBe(false);
    expect(result.warnings.map((w) => w.type)).toEqual(['NO_VARIABLE_FOUND']);
  });

  it('returns an error, not activated, when the evaluation throws', () => {
    // Prepare
    const compiled = compileFeel('=assert(value.itemId, false)');

    // Act
    const result = evaluateActivation(compiled, message);

    // Assess
    expect(result.activated).toBe(false);
    expect(result.error).toBeInstanceOf(FeelEvaluationError);
  });
});

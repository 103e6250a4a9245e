import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../lib/feel/builtins/index.js';
import { BUILTIN_FUNCTION_NAMES } from '../../lib/feel/builtins/names.js';
import { compileFeel, inspectFeel } from '../../lib/feel/index.js';

const outcome = (compile: () => unknown) => {
  try {
    compile();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
};

describe('BUILTIN_FUNCTION_NAMES', () => {
  it('names every built-in function of BUILTINS, in its order', () => {
    // Assess
    expect(BUILTIN_FUNCTION_NAMES).toEqual(Object.keys(BUILTINS));
  });
});

describe('Function: inspectFeel (compiled without the built-in functions)', () => {
  it.each([
    '=string length(value.name) > 3',
    '=date("2024-01-01") < today()',
    '=date("not a date")',
    '=@"2024-01-01T10:00:00Z"',
    '=get or else(value.a, "b")',
    '=matches(value, "[")',
    '={"a": [1, 2, -3.5], "b": "x" + "y", "c": null}',
    '=value.',
    '=if then',
    '=null',
    '=function(x) x + 1',
    '=unknown function(1)',
  ])('accepts and refuses what compileFeel does: %s', (source) => {
    // Act
    const inspected = outcome(() => inspectFeel(source));
    const compiled = outcome(() => compileFeel(source));

    // Assess
    expect(inspected).toEqual(compiled);
  });

  it.each([
    '={"a": [1, 2, -3.5], "b": "x" + "y", "c": null}',
    '=[true, false, "text", 2 * (3 + 4)]',
    '="plain"',
  ])('evaluates a literal as compileFeel does: %s', (source) => {
    // Act
    const { compiled } = inspectFeel(source);

    // Assess
    expect(compiled.evaluate({})).toEqual(compileFeel(source).evaluate({}));
  });
});

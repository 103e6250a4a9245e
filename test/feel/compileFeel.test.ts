import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import {
  compileFeel,
  compileOptionalFeel,
  FeelEvaluationError,
  FeelSyntaxError,
} from '../../lib/feel/index.js';

const message = {
  key: 'order-1',
  value: { itemId: 'a4f6j2', amount: 12.5, lines: [{ sku: 'x', qty: 2 }] },
  rawValue: '{"itemId":"a4f6j2"}',
  headers: { source: 'shop' },
  topic: 'orders',
  partition: 0,
  offset: 42,
  timestamp: 1714557600000,
};

describe('Function: compileFeel', () => {
  it.each([
    { source: '=value.itemId = "a4f6j2"' },
    { source: '  =  value.itemId = "a4f6j2"  ' },
    { source: 'value.itemId = "a4f6j2"' },
    { source: '=(value.itemId = "a4f6j2")' },
  ])('strips one leading = and evaluates $source', ({ source }) => {
    // Act
    const compiled = compileFeel(source);

    // Assess
    expect(compiled.expression.startsWith('=')).toBe(false);
    expect(compiled.evaluate(message)).toEqual({ value: true, warnings: [] });
  });

  it('keeps a second = as part of the expression', () => {
    // Act
    const compiled = compileFeel('==1');

    // Assess
    expect(compiled.expression).toBe('=1');
  });

  it('compiles the typical connector expressions', () => {
    // Act
    const condition = compileFeel('=value.itemId = "a4f6j2"');
    const result = compileFeel(
      '={ "itemId": value.itemId, "amount": value.amount }'
    );

    // Assess
    expect(condition.evaluate(message).value).toBe(true);
    expect(result.evaluate(message).value).toEqual({
      itemId: 'a4f6j2',
      amount: 12.5,
    });
  });

  it.each([
    { source: '1 +', message: 'Incomplete' },
    { source: '{ a: }', message: 'Unrecognized' },
    { source: '1 2', message: 'Unrecognized' },
  ])('throws FeelSyntaxError ($message) for $source', ({ source, message }) => {
    // Act
    const act = (): unknown => compileFeel(source);

    // Assess
    expect(act).toThrow(FeelSyntaxError);
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(FeelSyntaxError);
      if (error instanceof FeelSyntaxError) {
        expect(error.name).toBe('FeelSyntaxError');
        expect(error.message).toContain(message);
        expect(error.expression).toBe(source);
        expect(error.position.from).toBeGreaterThanOrEqual(0);
        expect(error.position.to).toBeLessThanOrEqual(source.length);
      }
    }
  });

  it('agrees with feelin on which expressions are syntax errors', () => {
    // Prepare
    const sources = ['1 +', '{ a: }', '(1', '1 2', 'x[', '"open'];

    // Act & Assess
    for (const source of sources) {
      const feelinMessage = ((): string => {
        try {
          evaluate(source, {}, 'camunda');
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
        return 'no error';
      })();
      expect(() => compileFeel(source)).toThrow(feelinMessage);
    }
  });

  it.each([{ source: '' }, { source: '=' }, { source: '  =  ' }])(
    'throws FeelSyntaxError for the blank source "$source"',
    ({ source }) => {
      // Act & Assess
      expect(() => compileFeel(source)).toThrow(FeelSyntaxError);
    }
  );

  it('parses multi-word Camunda built-ins such as get or else', () => {
    // Act
    const compiled = compileFeel('=get or else(value.missing, "none")');

    // Assess
    expect(compiled.evaluate(message).value).toBe('none');
  });

  it('evaluates for expressions', () => {
    // Prepare
    const source = 'for line in value.lines return line.qty * 2';

    // Act
    const compiled = compileFeel(source);

    // Assess
    expect(compiled.evaluate(message).value).toEqual([4]);
  });

  it('compares a JavaScript Date with nothing (records are JSON; FEEL dates come from date())', () => {
    // Prepare
    const compiled = compileFeel('d > date("2020-01-01")');
    const other = compileFeel('value.day < "2021"');

    // Act
    const withDate = compiled.evaluate({ d: new Date('2024-01-01T00:00:00Z') });

    // Assess
    expect(withDate.value).toBe(null);
    expect(other.evaluate({ value: { day: '2020' } }).value).toBe(true);
  });

  it('reports unknown variables as warnings, not errors', () => {
    // Prepare
    const compiled = compileFeel('missing.itemId = "a4f6j2"');

    // Act
    const result = compiled.evaluate(message);

    // Assess
    expect(result.value).toBe(false);
    // feel-scala reads `missing.itemId` as one qualified name: one warning
    expect(result.warnings).toEqual([
      {
        type: 'NO_VARIABLE_FOUND',
        message: "No variable found with name 'missing'",
        position: { from: 0, to: 7 },
      },
    ]);
  });

  it('answers null, not an error, for comparisons feel-scala cannot make', () => {
    // Act
    const result = compileFeel('value.amount < true').evaluate(message);
    const text = compileFeel('"50" > 10').evaluate({});

    // Assess
    expect(result.value).toBe(null);
    expect(result.warnings.map((w) => w.message)).toEqual([
      "Can't compare '12.5' with 'true'",
    ]);
    expect(text.value).toBe(null);
  });

  it.each([
    { source: 'assert(value.itemId, value.itemId = "other", "wrong item")' },
    { source: '? < 10' },
  ])('throws FeelEvaluationError when $source throws', ({ source }) => {
    // Prepare
    const compiled = compileFeel(source);

    // Act & Assess
    expect(() => compiled.evaluate(message)).toThrow(FeelEvaluationError);
  });

  it('does not modify the context it evaluates against', () => {
    // Prepare
    const context = structuredClone(message);
    const compiled = compileFeel(
      '{ a: value, b: value.lines[qty > 1], c: sort(value.lines, function(x, y) x.qty < y.qty) }'
    );

    // Act
    compiled.evaluate(context);

    // Assess
    expect(context).toEqual(message);
  });
});

describe('Function: compileOptionalFeel', () => {
  it.each([
    { source: undefined },
    { source: null },
    { source: '' },
    { source: '=' },
  ])('returns undefined for $source', ({ source }) => {
    // Act & Assess
    expect(compileOptionalFeel(source)).toBeUndefined();
  });

  it('compiles a present expression', () => {
    // Act
    const compiled = compileOptionalFeel('=1 + 1');

    // Assess
    expect(compiled?.evaluate({}).value).toBe(2);
  });

  it.each([
    'x.y',
    '{a: 1}.b',
    '"a" + 1',
    '[] = 1',
    '"50" > 10',
    'true and 2',
    'if 5 then 1 else 2',
    'unknown(1)',
    'trim(42)',
    'substring("abc", "x")',
    'date("not a date")',
    'duration("P1Y").days',
    'for x in 5 return x',
    '[1,2][item > "a"]',
    'matches("a", "[")',
    'time("25:00:00")',
  ])('fills every warning message of %s (no placeholders)', (source) => {
    // Act
    const { warnings } = compileFeel(source).evaluate({});

    // Assess
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) {
      expect(warning.message).not.toMatch(/\{[a-z]+\}|undefined|\[object /);
    }
  });
});

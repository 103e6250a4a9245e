import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../lib/kafka/index.js';

describe('Function: parseJsonText', () => {
  it.each([
    { text: '{"a":1}', value: { a: 1 } },
    { text: '[1,2]', value: [1, 2] },
    { text: '-3.5', value: -3.5 },
    { text: 'null', value: null },
    { text: 'false', value: false },
    { text: "{'a':'it\\'s'}", value: { a: "it's" } },
    { text: "{'say':'\"hi\"'}", value: { say: '"hi"' } },
    { text: '"tab\there"', value: 'tab\there' },
    { text: '"nul\u0000"', value: 'nul\u0000' },
    { text: '{"a":1} trailing', value: { a: 1 } },
    { text: '[1,2]]', value: [1, 2] },
    { text: '1 2', value: 1 },
    { text: 'true,false', value: true },
    { text: "'it' is", value: 'it' },
    { text: '"it\\\'s"', value: "it's" },
    { text: '{"a":"x\ny"} rest', value: { a: 'x\ny' } },
  ])('reads $text as JSON', ({ text, value }) => {
    // Act
    const result = parseJsonText(text);

    // Assess
    expect(result).toEqual({ ok: true, value });
  });

  it.each(['', '   ', ' \t\r\n'])(
    'reads %j as a missing value (null)',
    (text) => {
      // Act
      const result = parseJsonText(text);

      // Assess
      expect(result).toEqual({ ok: true, value: null, missing: true });
    }
  );

  it.each([
    'hello',
    '{"a":',
    'nonsense',
    '12abc',
    '12,',
    '01',
    '1.',
    '-',
    'truex',
    'nullable',
    '[1,]',
    '{a:1}',
    '{"a":1,}',
    '[1 // comment\n]',
    'NaN',
    '"unterminated',
    '"bad \\x escape"',
  ])('reports %j as not JSON without throwing', (text) => {
    // Act
    const result = parseJsonText(text);

    // Assess
    expect(result).toEqual({ ok: false });
  });

  it('does not treat brackets inside strings as nesting', () => {
    // Prepare
    const text = JSON.stringify({ s: '['.repeat(3000) });

    // Act
    const result = parseJsonText(text);

    // Assess
    expect(result.ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAdditionalProperties } from '../../lib/binding/index.js';

describe('Function: parseAdditionalProperties', () => {
  it.each([
    {
      raw: '={"security.protocol": "SASL_SSL", "max.poll.records": 100, flag: true}',
      map: {
        'security.protocol': 'SASL_SSL',
        'max.poll.records': '100',
        flag: 'true',
      },
    },
    { raw: '{"a": "b"}', map: { a: 'b' } },
    {
      raw: '={"p": "{{secrets.P}}", "q": {{secrets.Q}}, "r": secrets.R}',
      map: { p: '{{secrets.P}}', q: '{{secrets.Q}}', r: 'secrets.R' },
    },
    { raw: '={"retention.ms": -1}', map: { 'retention.ms': '-1' } },
    { raw: '', map: {} },
    { raw: '={}', map: {} },
  ])('reads $raw', ({ raw, map }) => {
    // Assess
    expect(parseAdditionalProperties(raw)).toEqual({ ok: true, value: map });
  });

  it.each([
    { raw: '=[1]', message: 'got a list' },
    { raw: '="text"', message: 'got "text"' },
    { raw: '={"a": {"b": 1}}', message: 'the value of "a"' },
    { raw: '={"a": now()}', message: 'must be a literal value' },
    { raw: '={"a": someVariable}', message: 'refers to "someVariable"' },
    { raw: '={"a": ', message: 'FEEL does not parse' },
    { raw: 'a=b', message: 'neither FEEL' },
  ])('refuses $raw', ({ raw, message }) => {
    // Act
    const result = parseAdditionalProperties(raw);

    // Assess
    expect(!result.ok && result.message).toContain(message);
  });
});

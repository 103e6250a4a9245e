import { describe, expect, it } from 'vitest';
import { checkFeelSyntax } from '../../lib/binding/index.js';

describe('Function: checkFeelSyntax', () => {
  it.each([
    '=value.itemId = "a4f6j2"',
    'value.itemId = "a4f6j2"',
    '={ orderId: value.orderId, "with space": 1 }',
    '=get or else(value.x, "none")',
    '=is defined(value.x) and is empty([])',
    '=value.`with-dash`',
    '="Bearer {{secrets.TOKEN}}"',
    '={"p": {{secrets.P}}}',
    '=secrets.LEGACY',
    '  =  if value.a > 1 then "big" else "small"',
  ])('accepts %s', (source) => {
    // Assess
    expect(checkFeelSyntax(source)).toBeUndefined();
  });

  it.each([
    { source: '=1 +', message: 'ends too early' },
    { source: '={a: 1', message: 'ends too early' },
    { source: '=value.(x', message: 'at character 7' },
    { source: '=', message: 'is empty' },
    { source: '   ', message: 'is empty' },
  ])('reports $source', ({ source, message }) => {
    // Assess
    expect(checkFeelSyntax(source)).toContain(message);
  });
});

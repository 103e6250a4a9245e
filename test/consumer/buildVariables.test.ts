import { describe, expect, it } from 'vitest';
import { checkVariablesSize } from '../../lib/consumer/index.js';

describe('Function: checkVariablesSize', () => {
  it('measures UTF-8 bytes, not characters', () => {
    // Prepare
    const variables = { s: 'ë'.repeat(10) };

    // Act
    const check = checkVariablesSize(variables, 1_000);

    // Assess
    expect(check).toEqual({
      ok: true,
      bytes: 28,
      json: JSON.stringify(variables),
    });
  });

  it('fails over the limit with the size in the reason', () => {
    // Prepare
    const variables = { s: 'ë'.repeat(10) };

    // Act
    const check = checkVariablesSize(variables, 27);

    // Assess
    expect(check).toEqual({
      ok: false,
      bytes: 28,
      limit: 27,
      reason: 'Variables are 28 bytes, over the limit of 27 bytes',
    });
  });

  it('fails without throwing for variables too deep to serialize', () => {
    // Prepare
    let deep: unknown = null;
    for (let i = 0; i < 100_000; i++) deep = [deep];

    // Act
    const check = checkVariablesSize({ deep }, 1_000_000);

    // Assess
    expect(check).toMatchObject({ ok: false, bytes: -1 });
  });
});

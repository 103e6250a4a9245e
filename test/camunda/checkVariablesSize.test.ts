import { describe, expect, it } from 'vitest';
import {
  checkVariablesSize,
  MAX_VARIABLES_BYTES,
} from '../../lib/camunda/index.js';

/** `{"v":"xxx…"}` of exactly `bytes` UTF-8 bytes. */
const variablesOfSize = (bytes: number): { v: string } => ({
  v: 'x'.repeat(bytes - '{"v":""}'.length),
});

describe('Function: checkVariablesSize', () => {
  it('uses 1,572,864 bytes (1.5 MiB, Camunda connector SDK) as the limit', () => {
    // Assess
    expect(MAX_VARIABLES_BYTES).toBe(1.5 * 1024 * 1024);
  });

  it('accepts variables of exactly the limit and returns their JSON', () => {
    // Prepare
    const variables = variablesOfSize(MAX_VARIABLES_BYTES);

    // Act
    const check = checkVariablesSize(variables);

    // Assess
    expect(check).toEqual({
      ok: true,
      bytes: MAX_VARIABLES_BYTES,
      json: JSON.stringify(variables),
    });
  });

  it('rejects variables one byte over the limit', () => {
    // Act
    const check = checkVariablesSize(variablesOfSize(MAX_VARIABLES_BYTES + 1));

    // Assess
    expect(check).toEqual({
      ok: false,
      bytes: MAX_VARIABLES_BYTES + 1,
      limit: MAX_VARIABLES_BYTES,
      reason: `variables are ${MAX_VARIABLES_BYTES + 1} bytes of JSON, over Camunda's limit of ${MAX_VARIABLES_BYTES} bytes`,
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    // Prepare: 'é' is two bytes, '😀' four.
    const variables = { v: 'é😀' };

    // Act
    const check = checkVariablesSize(variables, 14);

    // Assess
    expect(check).toMatchObject({ ok: true, bytes: 14 });
    expect(checkVariablesSize(variables, 13)).toMatchObject({ ok: false });
  });

  it('rejects variables that cannot be serialized', () => {
    // Prepare
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    // Act
    const check = checkVariablesSize(cyclic);

    // Assess
    expect(check).toMatchObject({ ok: false, bytes: -1 });
    expect(check.ok ? '' : check.reason).toMatch(/cannot be serialized/);
  });

  it('serializes the same variables object once across checks', () => {
    // Prepare: toJSON counts how often the object is serialized.
    let serialized = 0;
    const variables = {
      orderId: 'A-1',
      toJSON() {
        serialized += 1;
        return { orderId: this.orderId };
      },
    };

    // Act
    const first = checkVariablesSize(variables);
    const second = checkVariablesSize(variables);
    const otherLimit = checkVariablesSize(variables, 5);

    // Assess
    expect(first).toEqual({ ok: true, bytes: 17, json: '{"orderId":"A-1"}' });
    expect(second).toBe(first);
    expect(serialized).toBe(2);
    expect(otherLimit.ok).toBe(false);
  });
});

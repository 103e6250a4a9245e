import { describe, expect, it } from 'vitest';
import { parseOffsets } from '../../lib/binding/index.js';

describe('Function: parseOffsets', () => {
  it.each([
    { raw: '=[1,2,3]', offsets: [1, 2, 3] },
    { raw: '[1,2,3]', offsets: [1, 2, 3] },
    { raw: '1', offsets: [1] },
    { raw: '1,2', offsets: [1, 2] },
    { raw: '1,2,3,', offsets: [1, 2, 3] },
    { raw: '1,2,3,4,5', offsets: [1, 2, 3, 4, 5] },
    { raw: '=[10, 23]', offsets: [10, 23] },
    { raw: ' 10 , 12 ', offsets: [10, 12] },
    { raw: '=10', offsets: [10] },
    { raw: '=[0, null, 7]', offsets: [0, null, 7] },
    { raw: '[0, null, 7]', offsets: [0, null, 7] },
  ])('reads $raw as $offsets', ({ raw, offsets }) => {
    // Act
    const result = parseOffsets(raw);

    // Assess
    expect(result).toEqual({ ok: true, value: offsets });
  });

  it.each(['', '   ', '=[]', '[]'])('returns no offsets for %j', (raw) => {
    // Act
    const result = parseOffsets(raw);

    // Assess
    expect(result).toEqual({ ok: true, value: undefined });
  });

  it.each([
    { raw: '-1', reason: 'got "-1"' },
    { raw: '1.5', reason: 'got "1.5"' },
    { raw: 'ten', reason: 'got "ten"' },
    { raw: '1,,2', reason: 'got "1,,2"' },
    { raw: '=[10, -1]', reason: 'partition 1 is -1' },
    { raw: '=[1, "a"]', reason: 'partition 1 is "a"' },
    { raw: '[1, 2', reason: 'is not a list' },
    { raw: '=[1 +', reason: 'FEEL does not parse' },
    { raw: '=[count(x)]', reason: 'must be a literal value' },
    { raw: '=[9007199254740993]', reason: 'partition 0' },
  ])('refuses $raw ($reason)', ({ raw, reason }) => {
    // Act
    const result = parseOffsets(raw);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });
});

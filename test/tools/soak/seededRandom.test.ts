import { describe, expect, it } from 'vitest';
import { createSeededRandom, unitHash } from '../../../tools/soak/index.js';

describe('Function: createSeededRandom', () => {
  it('returns the same stream for the same seed, in [0, 1)', () => {
    // Act
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const first = Array.from({ length: 1000 }, a);
    const second = Array.from({ length: 1000 }, b);

    // Assess
    expect(second).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createSeededRandom(43)()).not.toBe(first[0]);
  });
});

describe('Function: unitHash', () => {
  it('depends only on its parts and spreads them over [0, 1)', () => {
    // Act
    const values = Array.from({ length: 10_000 }, (_, i) =>
      unitHash(6, 'fault', `t-0-${i}`, 0)
    );

    // Assess
    expect(unitHash(6, 'fault', 't-0-1', 0)).toBe(values[1]);
    expect(unitHash(6, 'fault', 't-0-1', 1)).not.toBe(values[1]);
    const below = values.filter((x) => x < 0.1).length;
    expect(below).toBeGreaterThan(900);
    expect(below).toBeLessThan(1100);
  });
});

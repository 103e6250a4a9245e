import { describe, expect, it } from 'vitest';
import { compareSequencers } from '../../lib/provisioning/index.js';

describe('Function: compareSequencers', () => {
  it.each([
    { a: '0055AED6DCD90281E5', b: '0055AED6DCD90281E6', sign: -1 },
    { a: '0055AED6DCD90281E6', b: '0055AED6DCD90281E5', sign: 1 },
    { a: '55AED6DCD90281E5', b: '0055AED6DCD90281E5', sign: 0 },
    { a: 'FF', b: '0100', sign: -1 },
    { a: 'abc', b: 'ABC', sign: 0 },
  ])('orders $a against $b as $sign', ({ a, b, sign }) => {
    // Act
    const result = compareSequencers(a, b);

    // Assess
    expect(Math.sign(result)).toBe(sign);
  });
});

import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../lib/local/retryDelay.js';

describe('Function: retryDelay', () => {
  it.each([
    { attempt: 1, delay: 1000 },
    { attempt: 2, delay: 2000 },
    { attempt: 3, delay: 4000 },
    { attempt: 6, delay: 30_000 },
    { attempt: 500, delay: 30_000 },
  ])('waits $delay ms before attempt $attempt', ({ attempt, delay }) => {
    // Act
    const result = retryDelay(attempt, 1000, 30_000);

    // Assess
    expect(result).toBe(delay);
  });
});

import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../lib/binding/index.js';

describe('Function: parseIsoDuration', () => {
  it.each([
    { text: 'PT1H', ms: 3_600_000 },
    { text: 'PT30M', ms: 1_800_000 },
    { text: 'PT10S', ms: 10_000 },
    { text: 'PT0.5S', ms: 500 },
    { text: 'P1D', ms: 86_400_000 },
    { text: 'P1DT2H', ms: 93_600_000 },
    { text: 'pt1h', ms: 3_600_000 },
    { text: 'PT0S', ms: 0 },
    { text: '-PT1H', ms: -3_600_000 },
    { text: 'PT-1H', ms: -3_600_000 },
    { text: 'PT0.0005S', ms: 0 },
    { text: 'PT-0.5S', ms: -500 },
    { text: '-PT0.0005S', ms: -1 },
    { text: 'PT1,5S', ms: 1500 },
    { text: 'P2DT3H4M5.006S', ms: 183_845_006 },
  ])('reads $text as $ms ms', ({ text, ms }) => {
    // Assess
    expect(parseIsoDuration(text)).toEqual({ ok: true, value: ms });
  });

  it.each([
    '1 hour',
    'P1Y',
    'P1M',
    'PT',
    'P',
    'P1W',
    'P1DT',
    'PT1.1234567891S',
    '=PT1H',
    '3600',
  ])('refuses %s', (text) => {
    // Assess
    expect(parseIsoDuration(text).ok).toBe(false);
  });
});

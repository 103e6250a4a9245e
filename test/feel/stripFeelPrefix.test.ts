import { describe, expect, it } from 'vitest';
import {
  isBlankFeel,
  isFeelExpression,
  stripFeelPrefix,
} from '../../lib/feel/index.js';

describe('Function: stripFeelPrefix', () => {
  it.each([
    { source: '=value.a', expected: 'value.a' },
    { source: '  = value.a  ', expected: 'value.a' },
    { source: '==1', expected: '=1' },
    { source: 'value.a', expected: 'value.a' },
    { source: '=', expected: '' },
    { source: '   ', expected: '' },
  ])('turns $source into $expected', ({ source, expected }) => {
    // Act
    const result = stripFeelPrefix(source);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('Function: isFeelExpression', () => {
  it.each([
    { source: '=a', expected: true },
    { source: ' =a', expected: true },
    { source: 'a', expected: false },
  ])('returns $expected for $source', ({ source, expected }) => {
    // Act & Assess
    expect(isFeelExpression(source)).toBe(expected);
  });
});

describe('Function: isBlankFeel', () => {
  it.each([
    { source: undefined, expected: true },
    { source: null, expected: true },
    { source: '', expected: true },
    { source: ' = ', expected: true },
    { source: '=true', expected: false },
  ])('returns $expected for $source', ({ source, expected }) => {
    // Act & Assess
    expect(isBlankFeel(source)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { escapeTerminal } from '../../lib/text/index.js';

describe('Function: escapeTerminal', () => {
  it.each([
    {
      name: 'ESC [2J (clear screen)',
      text: 'orders\x1b[2J',
      shown: 'orders\\x1b[2J',
    },
    { name: 'a C1 CSI', text: 'a\x9b31m', shown: 'a\\x9b31m' },
    {
      name: 'carriage return and backspace',
      text: 'ok\r\bX',
      shown: 'ok\\x0d\\x08X',
    },
    { name: 'a bidi override', text: 'grp\u202e1', shown: 'grp\\u202e1' },
    { name: 'a line separator', text: 'a\u2028b', shown: 'a\\u2028b' },
    { name: 'a line feed', text: 'a\nerror: fake', shown: 'a\\x0aerror: fake' },
    { name: 'DEL and NUL', text: '\x7f\x00', shown: '\\x7f\\x00' },
  ])('shows $name as an escape', ({ text, shown }) => {
    // Act
    const escaped = escapeTerminal(text);

    // Assess
    expect(escaped).toBe(shown);
  });

  it('keeps ordinary text, accents and emoji as they are', () => {
    // Act
    const escaped = escapeTerminal('Zürich-orders_1.v2 🚀 [x]');

    // Assess
    expect(escaped).toBe('Zürich-orders_1.v2 🚀 [x]');
  });

  it('keeps line feeds and tabs with keepLines, escaping the rest', () => {
    // Act
    const escaped = escapeTerminal('a\n\tb\x1b[0m', { keepLines: true });

    // Assess
    expect(escaped).toBe('a\n\tb\\x1b[0m');
  });
});

import { UNSAFE_CHARACTERS, UNSAFE_IN_LINES } from './constants.js';

const escapeCharacter = (character: string): string => {
  const code = character.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * A name or value as it may be written to a terminal: every control
 * character, ESC sequence introducer, bidirectional control and line
 * separator is shown as an escape (`\x1b`, `\x0a`, `\u202e`) instead of
 * acting on the terminal or reordering the text around it. Everything else
 * is kept. With `keepLines`, line feeds and tabs stay (for whole blocks of
 * output whose names were escaped already).
 *
 * @param text - untrusted text (a topic, a file name, an error message)
 * @param options - `keepLines`: leave `\n` and `\t` as they are
 * @example
 * ```ts
 * escapeTerminal('orders\x1b[2J'); // 'orders\\x1b[2J'
 * ```
 */
const escapeTerminal = (
  text: string,
  options: { readonly keepLines?: boolean } = {}
): string =>
  text.replace(
    options.keepLines === true ? UNSAFE_IN_LINES : UNSAFE_CHARACTERS,
    escapeCharacter
  );

export { escapeTerminal };

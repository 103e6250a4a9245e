import { MAX_REASON_CHARS, UNSAFE_CHARACTERS } from './constants.js';

/**
 * A reason (why a call failed, why a record is poison) as it may be logged
 * and stored: control characters, ESC sequences and bidirectional controls
 * become single spaces, the text is trimmed and cut to `maxChars` (never
 * inside a surrogate pair), with `…` where it was cut.
 *
 * @param text - untrusted text (an endpoint's answer, a thrown message)
 * @param maxChars - longest result before the `…`; default MAX_REASON_CHARS
 * @example
 * ```ts
 * cleanReason('bad\r\n\x1b[31mtoken'); // 'bad [31mtoken'
 * ```
 */
const cleanReason = (text: string, maxChars = MAX_REASON_CHARS): string => {
  // Cut first: the replacements below never need more than this.
  const head = text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text;
  const oneLine = head.replace(UNSAFE_CHARACTERS, ' ').replace(/ {2,}/g, ' ');
  const trimmed = oneLine.trim();
  if (trimmed.length <= maxChars && head.length === text.length) return trimmed;
  if (trimmed.length <= maxChars) return `${trimmed}…`;
  let end = maxChars;
  const last = trimmed.charCodeAt(end - 1);
  // Do not keep the first half of a surrogate pair.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${trimmed.slice(0, end)}…`;
};

export { cleanReason };

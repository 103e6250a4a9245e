/**
 * Characters a terminal may act on instead of showing, or that change how
 * the text around them reads: C0 controls (ESC, CR, BS, NUL…), DEL, C1
 * controls (0x9b is CSI, ESC [ on many terminals), the Unicode
 * bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9) and the line
 * and paragraph separators.
 */
const UNSAFE_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what it finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same, except line feed and tab (kept where whole lines are written). */
const UNSAFE_IN_LINES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what it finds
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Longest reason (retry detail, dead-letter error, status message) kept, in
 * characters. A reason quotes what an endpoint or a record said; more than
 * this is never needed to know what went wrong, and a hostile answer must
 * not grow every log line and stored item.
 */
const MAX_REASON_CHARS = 1_000;

/** Secrets shorter than this are scrubbed as written only (see scrubSecrets). */
const MIN_ENCODED_SECRET_CHARS = 4;

/** Shortest base64 run scrubbed as a secret's encoding (fewer is noise). */
const MIN_BASE64_CORE_CHARS = 6;

/** What a scrubbed secret is replaced with. */
const SECRET_MASK = '***';

export {
  MAX_REASON_CHARS,
  MIN_BASE64_CORE_CHARS,
  MIN_ENCODED_SECRET_CHARS,
  SECRET_MASK,
  UNSAFE_CHARACTERS,
  UNSAFE_IN_LINES,
};

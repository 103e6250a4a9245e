import { MAX_JSON_DEPTH } from './constants.js';

/** The result of trying to read text as JSON. */
type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false };

const NOT_JSON: JsonParseResult = Object.freeze({ ok: false });

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
};

const isJsonWhitespace = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/**
 * Whether the first non-blank character can open a JSON value. Checking this
 * first spares plain text the cost of a thrown `SyntaxError`.
 */
const startsLikeJson = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isJsonWhitespace(code)) continue;
    return (
      code === 0x7b || // {
      code === 0x5b || // [
      code === QUOTE ||
      code === APOSTROPHE ||
      code === 0x2d || // -
      (code >= 0x30 && code <= 0x39) ||
      code === 0x74 || // t
      code === 0x66 || // f
      code === 0x6e // n
    );
  }
  return false;
};

const escapeControl = (code: number): string =>
  SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;

/**
 * Rewrites the two leniencies of the Jackson reader Camunda's connector uses
 * (single-quoted strings, raw control characters inside strings) into strict
 * JSON. Returns undefined when there was nothing to rewrite.
 */
const normalizeLenientJson = (text: string): string | undefined => {
  const parts: string[] = [];
  let quote = 0;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    if (quote === 0) {
      if (code === APOSTROPHE) {
        quote = APOSTROPHE;
        parts.push('"');
        changed = true;
        continue;
      }
      if (code === QUOTE) quote = QUOTE;
      parts.push(char);
      continue;
    }
    if (code === BACKSLASH) {
      const next = text.charAt(i + 1);
      i++;
      if (quote === APOSTROPHE && next === "'") {
        parts.push("'");
        changed = true;
        continue;
      }
      parts.push(char, next);
      continue;
    }
    if (code === quote) {
      quote = 0;
      parts.push('"');
      continue;
    }
    if (quote === APOSTROPHE && code === QUOTE) {
      parts.push('\\"');
      changed = true;
      continue;
    }
    if (code < 0x20) {
      parts.push(escapeControl(code));
      changed = true;
      continue;
    }
    parts.push(char);
  }
  return changed ? parts.join('') : undefined;
};

/** Whether brackets outside strings nest deeper than `maxDepth`. */
const exceedsDepth = (text: string, maxDepth: number): boolean => {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === BACKSLASH) i++;
      else if (code === quote) quote = 0;
      continue;
    }
    if (code === QUOTE || code === APOSTROPHE) quote = code;
    else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
};

/**
 * Reads text as JSON the way Camunda's Kafka connector does, without ever
 * throwing: strict JSON first, then Jackson's leniencies (single quotes, raw
 * control characters in strings). Text nested deeper than
 * {@link MAX_JSON_DEPTH} is not JSON. `__proto__` keys become own
 * properties (that is what `JSON.parse` does), never prototypes.
 *
 * @param text - The decoded key or value.
 */
const parseJsonText = (text: string): JsonParseResult => {
  if (!startsLikeJson(text)) return NOT_JSON;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const normalized = normalizeLenientJson(text);
    if (normalized === undefined) return NOT_JSON;
    try {
      value = JSON.parse(normalized);
    } catch {
      return NOT_JSON;
    }
  }
  // A depth above the limit needs at least two characters per level.
  if (text.length > 2 * MAX_JSON_DEPTH && exceedsDepth(text, MAX_JSON_DEPTH)) {
    return NOT_JSON;
  }
  return { ok: true, value };
};

export type { JsonParseResult };
export { parseJsonText };

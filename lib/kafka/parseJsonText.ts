import { setOwn } from '../common/index.js';
import { MAX_JSON_DEPTH } from './constants.js';

/**
 * The result of reading text as JSON the way Jackson's `readTree` does:
 * a value; `missing` when the text holds no token at all (Jackson's
 * `MissingNode`, which Camunda sends as `null`); or not JSON.
 */
type JsonParseResult =
  | { readonly ok: true; readonly value: unknown; readonly missing?: true }
  | { readonly ok: false };

const NOT_JSON: JsonParseResult = Object.freeze({ ok: false });
const MISSING: JsonParseResult = Object.freeze({
  ok: true,
  value: null,
  missing: true,
});

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Jackson's whitespace between tokens: space, tab, line feed, carriage return. */
const isJsonWhitespace = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

const isDigit = (code: number): boolean => code >= ZERO && code <= NINE;

/**
 * `Character.isJavaIdentifierPart` for the character after a `true`,
 * `false` or `null` token: Jackson refuses `truex`, accepts `true,` or
 * `true-`. Letters, digits, `$`, `_`, marks, and Java's ignorable controls.
 */
const JAVA_IDENTIFIER_PART = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}\p{Sc}\p{Cf}]/u;
const isJavaIdentifierPart = (char: string): boolean => {
  const code = char.charCodeAt(0);
  if (code >= 0x7f && code <= 0x9f) return true;
  return JAVA_IDENTIFIER_PART.test(char);
};

/** Thrown inside the reader; never escapes {@link parseJsonText}. */
class NotJson {}
const NOT_JSON_SIGNAL = new NotJson();

const fail = (): never => {
  throw NOT_JSON_SIGNAL;
};

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = {
  [QUOTE]: '"',
  [BACKSLASH]: '\\',
  [SLASH]: '/',
  [APOSTROPHE]: "'",
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

/**
 * A reader of one JSON value with the features of the Jackson reader in
 * Camunda's Kafka connector (`KafkaConnectorConsumer.objectMapper`):
 * `ALLOW_SINGLE_QUOTES` (strings and names in '…', and `\'` as an escape)
 * and `ALLOW_UNESCAPED_CONTROL_CHARS` (raw control characters inside
 * strings). Everything else is strict JSON: no comments, no trailing
 * commas, no unquoted names, no leading zeros, no NaN. Jackson's default
 * `maxNestingDepth` (1000) bounds nesting.
 */
class JacksonReader {
  private pos: number;
  private depth = 0;

  constructor(
    private readonly text: string,
    start: number
  ) {
    this.pos = start;
  }

  /**
   * The first value; what follows it is not read (Jackson's `readTree`
   * without `FAIL_ON_TRAILING_TOKENS`), except that a number at the root
   * must be followed by whitespace or the end (`_verifyRootSpace`).
   */
  readRoot(): unknown {
    return this.readValue(true);
  }

  private skipWhitespace(): void {
    const { text } = this;
    while (
      this.pos < text.length &&
      isJsonWhitespace(text.charCodeAt(this.pos))
    )
      this.pos++;
  }

  private readValue(root: boolean): unknown {
    const code = this.text.charCodeAt(this.pos);
    switch (code) {
      case OPEN_OBJECT:
        return this.readObject();
      case OPEN_ARRAY:
        return this.readArray();
      case QUOTE:
      case APOSTROPHE:
        return this.readString(code);
      case 0x74:
        return this.readKeyword('true', true);
      case 0x66:
        return this.readKeyword('false', false);
      case 0x6e:
        return this.readKeyword('null', null);
      default:
        if (code === MINUS || isDigit(code)) return this.readNumber(root);
        return fail();
    }
  }

  private enter(): void {
    this.depth++;
    if (this.depth > MAX_JSON_DEPTH) fail();
  }

  private readObject(): Record<string, unknown> {
    this.enter();
    this.pos++;
    const result: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CLOSE_OBJECT) {
      this.pos++;
      this.depth--;
      return result;
    }
    for (;;) {
      const quote = this.text.charCodeAt(this.pos);
      if (quote !== QUOTE && quote !== APOSTROPHE) fail();
      const name = this.readString(quote);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== COLON) fail();
      this.pos++;
      this.skipWhitespace();
      setOwn(result, name, this.readValue(false));
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      this.pos++;
      if (next === CLOSE_OBJECT) break;
      if (next !== COMMA) fail();
      this.skipWhitespace();
    }
    this.depth--;
    return result;
  }

  private readArray(): unknown[] {
    this.enter();
    this.pos++;
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CLOSE_ARRAY) {
      this.pos++;
      this.depth--;
      return result;
    }
    for (;;) {
      result.push(this.readValue(false));
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      this.pos++;
      if (next === CLOSE_ARRAY) break;
      if (next !== COMMA) fail();
      this.skipWhitespace();
    }
    this.depth--;
    return result;
  }

  private readString(quote: number): string {
    const { text } = this;
    let out = '';
    let from = ++this.pos;
    for (;;) {
      if (this.pos >= text.length) fail();
      const code = text.charCodeAt(this.pos);
      if (code === quote) {
        out += text.slice(from, this.pos);
        this.pos++;
        return out;
      }
      if (code !== BACKSLASH) {
        this.pos++;
        continue;
      }
      out += text.slice(from, this.pos);
      const escaped = text.charCodeAt(this.pos + 1);
      const simple = SIMPLE_ESCAPES[escaped];
      if (simple !== undefined) {
        out += simple;
        this.pos += 2;
      } else if (escaped === 0x75) {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else {
        fail();
      }
      from = this.pos;
    }
  }

  private readKeyword<T>(word: string, value: T): T {
    const { text } = this;
    if (!text.startsWith(word, this.pos)) fail();
    this.pos += word.length;
    const next = text.charCodeAt(this.pos);
    if (
      this.pos < text.length &&
      next >= ZERO &&
      next !== CLOSE_ARRAY &&
      next !== CLOSE_OBJECT &&
      isJavaIdentifierPart(text.charAt(this.pos))
    ) {
      fail();
    }
    return value;
  }

  private readDigits(): void {
    const start = this.pos;
    while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) fail();
  }

  private readNumber(root: boolean): number {
    const { text } = this;
    const start = this.pos;
    if (text.charCodeAt(this.pos) === MINUS) this.pos++;
    if (text.charCodeAt(this.pos) === ZERO) {
      this.pos++;
      // Leading zeroes are not allowed (ALLOW_LEADING_ZEROS is off).
      if (isDigit(text.charCodeAt(this.pos))) fail();
    } else {
      this.readDigits();
    }
    if (text.charCodeAt(this.pos) === DOT) {
      this.pos++;
      this.readDigits();
    }
    const exponent = text.charCodeAt(this.pos);
    if (exponent === 0x65 || exponent === 0x45) {
      this.pos++;
      const sign = text.charCodeAt(this.pos);
      if (sign === PLUS || sign === MINUS) this.pos++;
      this.readDigits();
    }
    if (
      root &&
      this.pos < text.length &&
      !isJsonWhitespace(text.charCodeAt(this.pos))
    ) {
      // "Expected space separating root-level values"
      fail();
    }
    return Number(text.slice(start, this.pos));
  }
}

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
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth--;
  }
  return false;
};

/** Whether a character can open a JSON value; spares plain text a thrown `SyntaxError`. */
const opensValue = (code: number): boolean =>
  code === OPEN_OBJECT ||
  code === OPEN_ARRAY ||
  code === QUOTE ||
  code === APOSTROPHE ||
  code === MINUS ||
  isDigit(code) ||
  code === 0x74 || // t
  code === 0x66 || // f
  code === 0x6e; // n

/**
 * Reads text as JSON the way Camunda's Kafka connector does (Jackson's
 * `ObjectReader.readTree`), without ever throwing:
 * - empty or whitespace-only text has no token: `missing` (Camunda's
 *   `MissingNode`, sent and seen by FEEL as `null`);
 * - strict JSON is read natively; otherwise Jackson's leniencies (single
 *   quotes, raw control characters in strings) are read, and only the
 *   **first** value counts: `{"a":1} trailing` is `{a: 1}`, `1 2` is `1`
 *   (Jackson's default, without `FAIL_ON_TRAILING_TOKENS`); a root number
 *   must end at whitespace (`12abc` is not JSON), a keyword at a
 *   non-identifier character (`truex` is not JSON);
 * - JSON nested deeper than {@link MAX_JSON_DEPTH} is not JSON (Jackson's
 *   `maxNestingDepth`).
 * `__proto__` keys become own properties, never prototypes.
 *
 * @param text - The decoded key or value.
 */
const parseJsonText = (text: string): JsonParseResult => {
  let start = 0;
  while (start < text.length && isJsonWhitespace(text.charCodeAt(start)))
    start++;
  if (start === text.length) return MISSING;
  if (!opensValue(text.charCodeAt(start))) return NOT_JSON;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      return { ok: true, value: new JacksonReader(text, start).readRoot() };
    } catch (error) {
      if (error === NOT_JSON_SIGNAL || error instanceof RangeError) {
        return NOT_JSON;
      }
      throw error;
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

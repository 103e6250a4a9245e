import { MAX_JSON_DEPTH } from './constants.js';

/** Java's `BigDecimal.toString()` of a JSON number with a fraction or exponent. */
const bigDecimalText = (lexeme: string): string => {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(lexeme);
  if (match === null) return lexeme;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const coefficient = BigInt(`${whole}${fraction}`).toString();
  const signed = coefficient === '0' ? '' : sign;
  if (scale === 0) return `${signed}${coefficient}`;
  const adjusted = -scale + (coefficient.length - 1);
  if (scale > 0 && adjusted >= -6) {
    const point = coefficient.length - scale;
    return point > 0
      ? `${signed}${coefficient.slice(0, point)}.${coefficient.slice(point)}`
      : `${signed}0.${'0'.repeat(-point)}${coefficient}`;
  }
  const head =
    coefficient.length > 1
      ? `${coefficient[0]}.${coefficient.slice(1)}`
      : coefficient;
  return `${signed}${head}${adjusted === 0 ? '' : `E${adjusted > 0 ? '+' : ''}${adjusted}`}`;
};

/** A strict JSON number (sticky: read where the reader stands). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A strict JSON string: no raw control characters, only JSON's escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: strict JSON refuses raw control characters in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Thrown inside the reader when the text is not strict JSON. */
class NotStrictJson extends Error {}

/**
 * A strict JSON reader (what Confluent's JSON Schema deserializer accepts)
 * that writes the compact text as it reads: objects keep their first
 * key order and the last value of a repeated key (Jackson's ObjectNode).
 */
class CompactWriter {
  private pos: number;

  constructor(
    private readonly text: string,
    start: number
  ) {
    this.pos = start;
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  private expect(char: string): void {
    this.skipBlanks();
    if (this.text[this.pos] !== char) throw new NotStrictJson();
    this.pos++;
  }

  value(depth: number): string {
    if (depth > MAX_JSON_DEPTH) throw new NotStrictJson();
    this.skipBlanks();
    const char = this.text[this.pos];
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') return JSON.stringify(this.string());
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return literal;
      }
    }
    NUMBER.lastIndex = this.pos;
    const found = NUMBER.exec(this.text);
    if (found === null) throw new NotStrictJson();
    this.pos = NUMBER.lastIndex;
    const lexeme = found[0];
    return /[.eE]/.test(lexeme)
      ? bigDecimalText(lexeme)
      : BigInt(lexeme).toString();
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const found = STRING.exec(this.text);
    if (found === null) throw new NotStrictJson();
    this.pos = STRING.lastIndex;
    return JSON.parse(found[0]) as string;
  }

  private object(depth: number): string {
    this.pos++;
    const entries = new Map<string, string>();
    this.skipBlanks();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return '{}';
    }
    for (;;) {
      this.skipBlanks();
      if (this.text[this.pos] !== '"') throw new NotStrictJson();
      const key = this.string();
      this.expect(':');
      entries.set(key, this.value(depth + 1));
      this.skipBlanks();
      const next = this.text[this.pos++];
      if (next === '}') break;
      if (next !== ',') throw new NotStrictJson();
    }
    const members = [...entries].map(
      ([key, value]) => `${JSON.stringify(key)}:${value}`
    );
    return `{${members.join(',')}}`;
  }

  private array(depth: number): string {
    this.pos++;
    const items: string[] = [];
    this.skipBlanks();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return '[]';
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipBlanks();
      const next = this.text[this.pos++];
      if (next === ']') break;
      if (next !== ',') throw new NotStrictJson();
    }
    return `[${items.join(',')}]`;
  }
}

/**
 * The compact JSON text Camunda's connector sets as `rawValue` for a JSON
 * Schema record: Confluent's `KafkaJsonSchemaDeserializer` reads the payload
 * into a JsonNode (its mapper, `Jackson.newObjectMapper`, reads decimals as
 * exact BigDecimals: `USE_BIG_DECIMAL_FOR_FLOATS`,
 * `JsonNodeFactory.withExactBigDecimals(true)`), and
 * `KafkaPropertyTransformer.setValue` writes that tree back with Jackson.
 * So blanks go, strings are re-escaped, integers are printed exactly
 * whatever their size, decimals as `BigDecimal.toString()` prints them
 * (`1.50` stays `1.50`, `1e2` becomes `1E+2`), object keys keep their
 * order (`{"b":1,"1":2}`) and a repeated key its first place with its last
 * value. Only the first value of the text is read (Jackson's default).
 *
 * @param text - The payload as text.
 * @returns The compact text, or undefined when the text is not strict JSON
 *   (single quotes, raw control characters, …).
 */
const compactJsonText = (text: string): string | undefined => {
  try {
    return new CompactWriter(text, 0).value(0);
  } catch (error) {
    if (error instanceof NotStrictJson || error instanceof RangeError) {
      return undefined;
    }
    throw error;
  }
};

export { compactJsonText };

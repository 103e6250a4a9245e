import { isPlainObject } from './isPlainObject.js';
import { scalaKeyOrder } from './scalaKeyOrder.js';

/** A FEEL result as the text Camunda's runtime sends, or why there is none. */
type CamundaText =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'null' }
  | { readonly kind: 'notText'; readonly type: string };

const LONG_LIMIT = 2 ** 63;

/**
 * Java's `Double.toString` layout of a double's shortest digits: plain
 * notation from 10^-3 up to 10^7 (always with a fraction: `2.0`),
 * computerized scientific notation outside (`1.0E7`, `1.5E-4`).
 */
const javaDoubleText = (value: number): string => {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  // toExponential() without digits: the shortest digits that read back.
  const [mantissa = '', exponentText = '0'] = magnitude
    .toExponential()
    .split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${whole}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const fraction = digits.slice(1) || '0';
  return `${sign}${digits[0]}.${fraction}E${exponent}`;
};

/**
 * A FEEL number as Camunda's runtime writes it: feel-scala's
 * `JavaValueMapper` makes a whole number within the long range a `Long`
 * (plain digits), anything else a `Double` (`Double.toString`).
 *
 * @param value - a finite or non-finite number
 */
const javaNumberText = (value: number): string =>
  Number.isInteger(value) && Math.abs(value) < LONG_LIMIT
    ? BigInt(value).toString()
    : javaDoubleText(value);

// Jackson escapes '"', '\' and control characters (b, t, n, f, r, else
// \u00XX with upper-case hex); everything else is written as is.
const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters Jackson escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/g;

const jacksonString = (text: string): string =>
  `"${text.replace(
    NEEDS_ESCAPE,
    (char) =>
      JSON_ESCAPES[char] ??
      `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  )}"`;

/**
 * Temporal FEEL values serialize to the text Camunda's runtime writes for
 * their java.time value (lib/feel's `toJSON`: Jackson's JavaTimeModule).
 */
const temporalText = (value: object): string | undefined => {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON !== 'function') return undefined;
  const text: unknown = toJSON.call(value);
  return typeof text === 'string' ? text : undefined;
};

/**
 * Compact JSON as Jackson writes a FEEL context (Camunda's
 * `LocalFeelExpressionEvaluator`: `writeValueAsString` of the result node):
 * numbers in Java's notation, strings with Jackson's escapes, entries in the
 * order of the Scala map feel-scala hands out ({@link scalaKeyOrder}).
 *
 * @param value - the value to write
 * @param isRecordObject - whether an object is the record's own (not built
 *   by the expression)
 * @throws TypeError for values JSON cannot hold (functions, ranges).
 */
const jacksonJson = (
  value: unknown,
  isRecordObject: (object: object) => boolean
): string => {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return jacksonString(value);
    case 'boolean':
      return String(value);
    case 'number':
      return Number.isFinite(value)
        ? javaNumberText(value)
        : jacksonString(javaNumberText(value));
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v) => jacksonJson(v, isRecordObject)).join(',')}]`;
      }
      if (isPlainObject(value)) {
        const record = value as Record<string, unknown>;
        const keys = scalaKeyOrder(Object.keys(record), () =>
          isRecordObject(value)
        );
        return `{${keys
          .map(
            (name) =>
              `${jacksonString(name)}:${jacksonJson(record[name], isRecordObject)}`
          )
          .join(',')}}`;
      }
      const temporal = temporalText(value);
      if (temporal !== undefined) return jacksonString(temporal);
      break;
    }
  }
  throw new TypeError(`a ${typeof value} cannot be written as JSON`);
};

/** The objects (contexts and lists) within a value, by identity. */
const objectsWithin = (value: unknown): Set<object> => {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    if (Array.isArray(next)) pending.push(...next);
    else if (isPlainObject(next)) pending.push(...Object.values(next));
  }
  return seen;
};

/**
 * Turns the result of a correlation key or message id expression into the
 * text Camunda's runtime sends, as `LocalFeelExpressionEvaluator.evaluate(
 * expression, String.class, …)` does: a string as is; a number in Java's
 * notation (`123`, `1.5`, `1.0E7`); a boolean as `true`/`false`; a context
 * as its compact JSON text; a date, time or duration as its ISO text;
 * `null` as no value. A list cannot be read as a string (Jackson's
 * `MismatchedInputException`): `notText`.
 *
 * @param value - the FEEL result
 * @param source - what the expression read (the message): contexts taken
 *   from it unchanged keep Camunda's order for record objects
 */
const toCamundaText = (value: unknown, source?: unknown): CamundaText => {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: String(value) };
  if (typeof value === 'number') {
    return { kind: 'text', text: javaNumberText(value) };
  }
  if (Array.isArray(value)) return { kind: 'notText', type: 'list' };
  if (isPlainObject(value)) {
    try {
      // Only for a context result: which objects are the record's own.
      let recordObjects: Set<object> | undefined;
      const isRecordObject = (object: object): boolean => {
        recordObjects ??= objectsWithin(source);
        return recordObjects.has(object);
      };
      return { kind: 'text', text: jacksonJson(value, isRecordObject) };
    } catch {
      return { kind: 'notText', type: 'context holding a function or range' };
    }
  }
  if (typeof value === 'object') {
    const temporal = temporalText(value);
    if (temporal !== undefined) return { kind: 'text', text: temporal };
  }
  return {
    kind: 'notText',
    type: typeof value === 'function' ? 'function' : 'range or other value',
  };
};

export type { CamundaText };
export { javaNumberText, toCamundaText };

import { isPlainObject } from './isPlainObject.js';

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

/** Temporal FEEL values serialize to their ISO text (feelin's `toJSON`). */
const temporalText = (value: object): string | undefined => {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON !== 'function') return undefined;
  const text: unknown = toJSON.call(value);
  return typeof text === 'string' ? text : undefined;
};

/**
 * Compact JSON as Jackson writes a FEEL context (Camunda's
 * `LocalFeelExpressionEvaluator`: `writeValueAsString` of the result node):
 * numbers in Java's notation, strings with Jackson's escapes.
 *
 * @throws TypeError for values JSON cannot hold (functions, ranges).
 */
const jacksonJson = (value: unknown): string => {
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
        return `[${value.map(jacksonJson).join(',')}]`;
      }
      if (isPlainObject(value)) {
        return `{${Object.entries(value)
          .map(
            ([name, entry]) => `${jacksonString(name)}:${jacksonJson(entry)}`
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
 */
const toCamundaText = (value: unknown): CamundaText => {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: String(value) };
  if (typeof value === 'number') {
    return { kind: 'text', text: javaNumberText(value) };
  }
  if (Array.isArray(value)) return { kind: 'notText', type: 'list' };
  if (isPlainObject(value)) {
    try {
      return { kind: 'text', text: jacksonJson(value) };
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

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { date, FeelDate, FeelDateTime, FeelFunction } from 'feelin';
import { FeelAssertionError } from './errors.js';
import { invalidArguments } from './feelinBridge.js';

const BASE64_PATTERN =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const defineFunction = (
  parameterNames: string[],
  body: (...args: unknown[]) => unknown
): FeelFunction => new FeelFunction(body, parameterNames);

const isText = (value: unknown): value is string => typeof value === 'string';

const pad = (n: number, width: number): string =>
  String(n).padStart(width, '0');

/**
 * Camunda's FEEL extensions that feelin 8.2.0 lacks, as FEEL functions with
 * explicit parameter names (named arguments work, minification does not
 * break them). A function given unusable arguments returns feelin's failure
 * signal: the call becomes `null` with an INVALID_ARGUMENTS warning, as with
 * feelin's own built-ins. Natives that feelin already has (`get value`,
 * `context put`, `context merge`, `string join`) are not shadowed.
 */
const camundaBuiltins: Readonly<Record<string, FeelFunction>> = {
  'get or else': defineFunction(['value', 'default'], (value, fallback) =>
    value === null || value === undefined ? (fallback ?? null) : value
  ),
  // Camunda 8.4+ semantics: "defined" means "not null", so a missing
  // variable (which FEEL already turned into null) is not defined either.
  'is defined': defineFunction(
    ['value'],
    (value) => value !== null && value !== undefined
  ),
  'is empty': defineFunction(['list'], (list) =>
    Array.isArray(list)
      ? list.length === 0
      : invalidArguments('is empty(list) expects a list')
  ),
  trim: defineFunction(['string'], (text) =>
    isText(text) ? text.trim() : invalidArguments('trim expects a string')
  ),
  'is blank': defineFunction(['string'], (text) =>
    isText(text)
      ? text.trim() === ''
      : invalidArguments('is blank expects a string')
  ),
  uuid: defineFunction([], () => randomUUID()),
  'to base64': defineFunction(['value'], (value) =>
    isText(value)
      ? Buffer.from(value, 'utf8').toString('base64')
      : invalidArguments('to base64 expects a string')
  ),
  'from base64': defineFunction(['value'], (value) => {
    if (!isText(value) || !BASE64_PATTERN.test(value)) {
      return invalidArguments('from base64 expects a base64 string');
    }
    return Buffer.from(value, 'base64').toString('utf8');
  }),
  'duplicate values': defineFunction(['list'], (list) => {
    if (!Array.isArray(list)) {
      return invalidArguments('duplicate values expects a list');
    }
    const duplicates: unknown[] = [];
    list.forEach((item, index) => {
      const seenBefore = list
        .slice(0, index)
        .some((other) => isDeepStrictEqual(other, item));
      const listed = duplicates.some((d) => isDeepStrictEqual(d, item));
      if (seenBefore && !listed) {
        duplicates.push(item);
      }
    });
    return duplicates;
  }),
  partition: defineFunction(['list', 'size'], (list, size) => {
    if (
      !Array.isArray(list) ||
      typeof size !== 'number' ||
      !Number.isInteger(size) ||
      size <= 0
    ) {
      return invalidArguments(
        'partition expects a list and a positive whole size'
      );
    }
    const parts: unknown[][] = [];
    for (let start = 0; start < list.length; start += size) {
      parts.push(list.slice(start, start + size));
    }
    return parts;
  }),
  'last day of month': defineFunction(['date'], (value) => {
    if (!(value instanceof FeelDate) && !(value instanceof FeelDateTime)) {
      return invalidArguments('last day of month expects a date');
    }
    const { year, month } = value;
    // day 0 of the next month is the last day of this one
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return date(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
  }),
  assert: defineFunction(
    ['value', 'condition', 'cause'],
    (value, condition, cause) => {
      if (condition === true) {
        return value;
      }
      throw new FeelAssertionError(
        isText(cause) ? cause : 'The condition of assert() is not fulfilled'
      );
    }
  ),
};

/** The names of {@link camundaBuiltins}. */
const camundaBuiltinNames: readonly string[] = Object.keys(camundaBuiltins);

export { camundaBuiltinNames, camundaBuiltins };

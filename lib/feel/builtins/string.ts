// String functions (feel-scala StringBuiltinFunctions.scala).
import { randomBytes } from 'node:crypto';
import type { RE2JS } from 're2js';
import type { Env } from '../evaluator/runtime.js';
import { compilePattern } from '../regex.js';
import {
  type Builtins,
  builtin,
  fail,
  intValue,
  isNumber,
  isString,
  position,
} from './support.js';

/** Java's String.trim: characters up to U+0020. */
const javaTrim = (s: string): string => {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end -= 1;
  return s.slice(start, end);
};

/** Character.isWhitespace, as String.isBlank uses it. */
const isJavaWhitespace = (code: number): boolean =>
  (code >= 0x09 && code <= 0x0d) ||
  (code >= 0x1c && code <= 0x20) ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x2006) ||
  (code >= 0x2008 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x205f ||
  code === 0x3000;

const isJavaBlank = (s: string): boolean => {
  for (let i = 0; i < s.length; i += 1) {
    if (!isJavaWhitespace(s.charCodeAt(i))) return false;
  }
  return true;
};

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A version 7 UUID (time-ordered), as feel-scala's uuid() generates. */
const uuid7 = (): string => {
  const bytes = randomBytes(16);
  let ms = Date.now();
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The compiled pattern, charged for one run over `input` (linear time: the
 * work grows with input length times program size); a pattern that does
 * not compile fails with `invalid`, feel-scala's message.
 */
const usePattern = (
  env: Env,
  pattern: string,
  flags: string,
  input: string,
  invalid = `Invalid pattern '${pattern}'`
): RE2JS => {
  const compiled = compilePattern(pattern, flags, env.expression);
  if ('invalid' in compiled) return fail(invalid);
  env.charge(Math.ceil(((input.length + 1) * compiled.size) / 16));
  return compiled.re;
};

const matches = (
  env: Env,
  input: string,
  pattern: string,
  flags: string
): boolean => {
  const re = usePattern(env, pattern, flags, input);
  return re.matcher(input).find();
};

const replace = (
  env: Env,
  input: string,
  pattern: string,
  replacement: string,
  flags: string
): string => {
  const re = usePattern(env, pattern, flags, input);
  const result = re.matcher(input).replaceAll(replacement, true);
  env.chargeString(result.length);
  return result;
};

const stringBuiltins: Builtins = {
  substring: [
    builtin(['string', 'start position'], ([s, start]) => {
      if (!isString(s) || !isNumber(start)) return undefined;
      return s.substring(Math.max(0, position(s.length, intValue(start))));
    }),
    builtin(['string', 'start position', 'length'], ([s, start, length]) => {
      if (!isString(s) || !isNumber(start) || !isNumber(length))
        return undefined;
      const from = position(s.length, intValue(start));
      const to = Math.min(from + intValue(length), s.length);
      if (from < 0 || to < from) {
        return fail(`begin ${from}, end ${to}, length ${s.length}`);
      }
      return s.substring(from, to);
    }),
  ],
  'string length': [
    builtin(['string'], ([s]) => (isString(s) ? s.length : undefined)),
  ],
  'upper case': [
    builtin(['string'], ([s]) => (isString(s) ? s.toUpperCase() : undefined)),
  ],
  'lower case': [
    builtin(['string'], ([s]) => (isString(s) ? s.toLowerCase() : undefined)),
  ],
  'substring before': [
    builtin(['string', 'match'], ([s, m]) => {
      if (!isString(s) || !isString(m)) return undefined;
      const index = s.indexOf(m);
      return index > 0 ? s.substring(0, index) : '';
    }),
  ],
  'substring after': [
    builtin(['string', 'match'], ([s, m]) => {
      if (!isString(s) || !isString(m)) return undefined;
      const index = s.indexOf(m);
      return index >= 0 ? s.substring(index + m.length) : '';
    }),
  ],
  replace: [
    builtin(
      ['input', 'pattern', 'replacement'],
      ([input, pattern, replacement], env) => {
        if (!isString(input) || !isString(pattern) || !isString(replacement))
          return undefined;
        return replace(env, input, pattern, replacement, '');
      }
    ),
    builtin(
      ['input', 'pattern', 'replacement', 'flags'],
      ([input, pattern, replacement, flags], env) => {
        if (
          !isString(input) ||
          !isString(pattern) ||
          !isString(replacement) ||
          !isString(flags)
        ) {
          return undefined;
        }
        return replace(env, input, pattern, replacement, flags);
      }
    ),
  ],
  contains: [
    builtin(['string', 'match'], ([s, m]) =>
      isString(s) && isString(m) ? s.includes(m) : undefined
    ),
  ],
  'starts with': [
    builtin(['string', 'match'], ([s, m]) =>
      isString(s) && isString(m) ? s.startsWith(m) : undefined
    ),
  ],
  'ends with': [
    builtin(['string', 'match'], ([s, m]) =>
      isString(s) && isString(m) ? s.endsWith(m) : undefined
    ),
  ],
  matches: [
    builtin(['input', 'pattern'], ([input, pattern], env) => {
      if (!isString(input) || !isString(pattern)) return undefined;
      return matches(env, input, pattern, '');
    }),
    builtin(['input', 'pattern', 'flags'], ([input, pattern, flags], env) => {
      if (!isString(input) || !isString(pattern) || !isString(flags))
        return undefined;
      return matches(env, input, pattern, flags);
    }),
  ],
  split: [
    builtin(['string', 'delimiter'], ([s, delimiter], env) => {
      if (!isString(s) || !isString(delimiter)) return undefined;
      const re = usePattern(
        env,
        delimiter,
        '',
        s,
        `Invalid pattern for delimiter '${delimiter}'`
      );
      const parts = re.split(s, -1);
      env.charge(parts.length);
      return parts;
    }),
  ],
  extract: [
    builtin(['input', 'pattern'], ([input, pattern], env) => {
      if (!isString(input) || !isString(pattern)) return undefined;
      const re = usePattern(env, pattern, '', input);
      const matcher = re.matcher(input);
      const found: string[] = [];
      while (matcher.find()) {
        env.charge(1);
        found.push(matcher.group() ?? '');
      }
      return found;
    }),
  ],
  trim: [builtin(['string'], ([s]) => (isString(s) ? javaTrim(s) : undefined))],
  uuid: [builtin([], () => uuid7())],
  'to base64': [
    builtin(['value'], ([value]) =>
      isString(value)
        ? Buffer.from(value, 'utf8').toString('base64')
        : undefined
    ),
  ],
  'from base64': [
    builtin(['value'], ([value]) => {
      if (!isString(value)) return undefined;
      if (!BASE64.test(value)) return fail(`Invalid Base64 value '${value}'`);
      return Buffer.from(value, 'base64').toString('utf8');
    }),
  ],
  'is blank': [
    builtin(['string'], ([s]) => (isString(s) ? isJavaBlank(s) : undefined)),
  ],
};

export { stringBuiltins };

// Regular expressions for `matches`, `replace`, `split` and `extract`, on a
// linear-time engine (re2js, a port of RE2): no input and no pattern can
// make a match backtrack. feel-scala uses java.util.regex; patterns are
// read as Java patterns where RE2 can honour them, and refused where it
// cannot (backreferences, lookaround, possessive and atomic groups, class
// intersection, \G \Z \h \R \X and Java-only classes). docs/feel.md lists
// the differences.
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

import { FeelEvaluationError } from './errors.js';

type Re2Module = typeof import('re2js');

let re2Module: Re2Module | undefined;

/**
 * re2js, loaded on the first regular expression: most expressions never
 * need it, and it is as large as the rest of the consumer. Synchronous
 * (its CommonJS build), so evaluation stays synchronous; the Lambda asset
 * carries it beside the bundle (infra/bundling.ts).
 */
const re2 = (): Re2Module => {
  re2Module ??= createRequire(import.meta.url)('re2js') as Re2Module;
  return re2Module;
};

/** Why RE2 cannot take a Java pattern, or `undefined` when it can. */
const unsupportedFeature = (pattern: string): string | undefined => {
  const checks: [RegExp, string][] = [
    [/\(\?<?[=!]/, 'lookaround ((?=…), (?!…), (?<=…), (?<!…))'],
    [/\(\?>/, 'atomic groups ((?>…))'],
    [/(^|[^\\])(\\\\)*\\[1-9]/, 'backreferences (\\1 …)'],
    [/(^|[^\\])(\\\\)*\\k</, 'named backreferences (\\k<name>)'],
    [/[*+?}]\+/, 'possessive quantifiers (*+, ++, ?+, {n}+)'],
    [/(^|[^\\])(\\\\)*\\[GZhHRXv]/, 'the escapes \\G \\Z \\h \\H \\R \\X \\v'],
    [/\[[^\]]*&&/, 'character class intersection ([a-z&&[^b]])'],
    [
      /\\p\{(Is|In|java)/,
      'Java property classes (\\p{IsAlphabetic}, \\p{InGreek}, \\p{javaLowerCase})',
    ],
  ];
  for (const [test, feature] of checks) {
    if (test.test(pattern)) return feature;
  }
  return undefined;
};

/** Java's COMMENTS flag (`x`): whitespace and `#` comments outside classes are dropped. */
const stripComments = (pattern: string): string => {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i += 1;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i += 1;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
};

/** Java's `\uXXXX` escapes as RE2's `\x{XXXX}`. */
const translate = (pattern: string): string =>
  pattern.replace(/(^|[^\\])((?:\\\\)*)\\u([0-9a-fA-F]{4})/g, '$1$2\\x{$3}');

/** A compiled pattern, or why it cannot be used. */
type Compiled =
  | { readonly re: RE2JS; readonly size: number }
  | { readonly invalid: string };

const cache = new Map<string, Compiled>();

// RE2JS.CASE_INSENSITIVE, DOTALL and MULTILINE
const FLAG_BITS: Readonly<Record<string, number>> = {
  i: 1,
  s: 2,
  m: 4,
};

/**
 * Compile a Java pattern for RE2.
 *
 * @param pattern - the pattern as FEEL got it
 * @param flags - FEEL's flags (`i`, `s`, `m`, `x`)
 * @param expression - the FEEL expression, for the error
 * @throws FeelEvaluationError when the pattern uses what RE2 cannot honour
 *   (a Java engine would have run it: the record cannot be judged)
 */
const compilePattern = (
  pattern: string,
  flags: string,
  expression: string
): Compiled => {
  const key = `${flags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const source = flags.includes('x') ? stripComments(pattern) : pattern;
  const feature = unsupportedFeature(source);
  if (feature !== undefined) {
    throw unsupportedError(pattern, feature, expression);
  }
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  let compiled: Compiled;
  try {
    const re = re2().RE2JS.compile(translate(source), bits);
    compiled = { re, size: Math.max(1, re.programSize()) };
  } catch (error) {
    if (!(error instanceof re2().RE2JSSyntaxException)) throw error;
    compiled = { invalid: error.message };
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, compiled);
  return compiled;
};

const unsupportedError = (
  pattern: string,
  feature: string,
  expression: string
): FeelEvaluationError =>
  new FeelEvaluationError(
    `The regular expression '${pattern.slice(0, 100)}' uses ${feature}, which the linear-time engine (RE2) does not support; Camunda's Java engine would run it, so the record cannot be evaluated`,
    expression
  );

/**
 * Why a pattern written into an expression cannot be used, for validation:
 * a Java feature RE2 does not have, or a syntax error. `undefined` when it
 * can be used.
 *
 * @param pattern - the pattern (the value of a string literal)
 * @param flags - the flags literal, if any
 */
const checkPattern = (pattern: string, flags = ''): string | undefined => {
  const source = flags.includes('x') ? stripComments(pattern) : pattern;
  const feature = unsupportedFeature(source);
  if (feature !== undefined) {
    return `it uses ${feature}, which the linear-time regular expression engine (RE2) does not support`;
  }
  try {
    re2().RE2JS.compile(translate(source));
  } catch (error) {
    if (error instanceof re2().RE2JSSyntaxException) {
      return `it is not a valid regular expression (${error.message})`;
    }
    throw error;
  }
  return undefined;
};

export { type Compiled, checkPattern, compilePattern };

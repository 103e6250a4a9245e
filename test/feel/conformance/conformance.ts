// Runs the cases transcribed from feel-scala's test suite
// (feel-scala-cases.json) against lib/feel, or against feelin alone for
// comparison. Used by conformance.test.ts and `npm run feel:conformance`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as feelin from 'feelin';
import { compileFeel, type FeelWarning } from '../../../lib/feel/index.js';
import {
  FeelDate,
  FeelDateTime,
  FeelDaysDuration,
  FeelLocalDateTime,
  FeelLocalTime,
  FeelTime,
  FeelYearsDuration,
  parseDate,
  parseDateTime,
  parseDaysDuration,
  parseLocalTime,
  parseTime,
  parseYearsDuration,
} from '../../../lib/feel/values/temporal.js';
import {
  feelEquals,
  isContext,
  sameClass,
} from '../../../lib/feel/values/values.js';

interface ConformanceCase {
  readonly id: string;
  readonly file: string;
  readonly test: string;
  readonly note?: string;
  readonly expression: string;
  readonly context?: Record<string, unknown>;
  readonly expected?: unknown;
  readonly failure?: string | boolean;
  readonly warnings?: readonly { type: string; message: string }[];
}

interface Suite {
  readonly source: {
    readonly repository: string;
    readonly version: string;
    readonly commit: string;
    /** Which Camunda releases ship this feel-scala version, and where that is read. */
    readonly camunda: string;
  };
  readonly cases: readonly ConformanceCase[];
}

interface KnownDifference {
  readonly reason: string;
  readonly cases: readonly string[];
}

interface Outcome {
  readonly case: ConformanceCase;
  readonly match: boolean;
  readonly actual: string;
  readonly ms: number;
  /** For cases with expected warnings: whether ours include them. */
  readonly warningsMatch?: boolean;
}

/** No case of the suite may take longer (issue 12); the tool marks a miss. */
const CASE_BOUND_MS = 50;

const here = dirname(fileURLToPath(import.meta.url));

const loadSuite = (): Suite =>
  JSON.parse(
    readFileSync(join(here, 'feel-scala-cases.json'), 'utf8')
  ) as Suite;

const loadKnownDifferences = (): KnownDifference[] =>
  JSON.parse(
    readFileSync(join(here, 'known-differences.json'), 'utf8')
  ) as KnownDifference[];

const TAGS: Readonly<Record<string, (text: string) => unknown>> = {
  '@date': parseDate,
  '@local time': parseLocalTime,
  '@time': parseTime,
  '@date time': parseDateTime,
  '@local date time': parseDateTime,
  '@days and time duration': parseDaysDuration,
  '@years and months duration': parseYearsDuration,
  '@number': Number,
};

/** A transcribed value as a runtime value (tags parsed by lib/feel's parsers). */
const fromTagged = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(fromTagged);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const [tag, text] = entries[0] ?? [];
    if (entries.length === 1 && tag !== undefined && TAGS[tag]) {
      const parsed = (TAGS[tag] as (t: string) => unknown)(String(text));
      if (parsed === undefined)
        throw new Error(`cannot read ${tag} ${String(text)}`);
      return parsed;
    }
    const result: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      Object.defineProperty(result, k, {
        value: fromTagged(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  return value;
};

/** Equality of an actual value with an expected one, as the Scala assertion compares. */
const sameResult = (actual: unknown, expected: unknown): boolean => {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'number')
    return typeof actual === 'number' && actual === expected;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => sameResult(actual[i], e))
    );
  }
  if (isContext(expected)) {
    if (!isContext(actual)) return false;
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every(
        (k) => Object.hasOwn(actual, k) && sameResult(actual[k], expected[k])
      )
    );
  }
  if (expected instanceof FeelTime && expected.zone === null) {
    // the result of a time is unpacked to an OffsetTime: time and offset
    return (
      actual instanceof FeelTime &&
      actual.time.nanoOfDay === expected.time.nanoOfDay &&
      actual.offset === expected.offset
    );
  }
  if (typeof expected === 'object') {
    return sameClass(actual, expected) && feelEquals(actual, expected) === true;
  }
  return actual === expected;
};

const describe = (value: unknown): string => {
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v)) ??
      'undefined'
    );
  } catch {
    return String(value);
  }
};

const hasWarnings = (
  actual: readonly FeelWarning[],
  expected: readonly { type: string; message: string }[]
): boolean =>
  expected.every((e) =>
    actual.some((a) => a.type === e.type && a.message === e.message)
  );

/** Run one case against lib/feel. */
const runCase = (c: ConformanceCase): Outcome => {
  const started = performance.now();
  const context = (fromTagged(c.context ?? {}) ?? {}) as Record<
    string,
    unknown
  >;
  let value: unknown;
  let warnings: readonly FeelWarning[] = [];
  let failed: string | undefined;
  try {
    const result = compileFeel(c.expression).evaluate(context);
    value = result.value;
    warnings = result.warnings;
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
  }
  const ms = performance.now() - started;
  const warningsMatch = c.warnings
    ? hasWarnings(warnings, c.warnings)
    : undefined;
  let match: boolean;
  if (c.failure !== undefined) match = failed !== undefined;
  else if ('expected' in c)
    match = failed === undefined && sameResult(value, fromTagged(c.expected));
  else match = failed === undefined && warningsMatch === true;
  const actual =
    failed !== undefined
      ? `fails: ${failed.slice(0, 200)}`
      : `${describe(value)}${c.warnings && !warningsMatch ? ` warnings ${describe(warnings.map((w) => `${w.type}: ${w.message}`))}` : ''}`;
  return {
    case: c,
    match,
    actual,
    ms,
    ...(warningsMatch === undefined ? {} : { warningsMatch }),
  };
};

// ----- feelin alone, for comparison -----

const fromFeelin = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(fromFeelin);
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  const type =
    value instanceof feelin.FeelDate
      ? 'date'
      : value instanceof feelin.FeelTime
        ? 'time'
        : value instanceof feelin.FeelDateTime
          ? 'date time'
          : value instanceof feelin.FeelDuration
            ? 'duration'
            : '';
  const text = String(value);
  switch (type) {
    case 'date':
      return parseDate(text) ?? text;
    case 'time':
      return parseTime(text) ?? text;
    case 'date time':
      return parseDateTime(text) ?? text;
    case 'duration':
      return parseYearsDuration(text) ?? parseDaysDuration(text) ?? text;
    default:
      break;
  }
  if (isContext(value)) {
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) result[k] = fromFeelin(v);
    return result;
  }
  return text;
};

const toFeelin = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toFeelin);
  if (
    value instanceof FeelDate ||
    value instanceof FeelLocalTime ||
    value instanceof FeelTime ||
    value instanceof FeelLocalDateTime ||
    value instanceof FeelDateTime
  ) {
    return feelin.evaluate(`@"${String(value)}"`, {}, 'camunda').value;
  }
  if (value instanceof FeelDaysDuration || value instanceof FeelYearsDuration) {
    return feelin.evaluate(`duration("${String(value)}")`, {}, 'camunda').value;
  }
  if (isContext(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toFeelin(v)])
    );
  }
  return value;
};

/** Run one case against feelin 8.2.0 alone (no lib/feel). */
const runCaseOnFeelin = (c: ConformanceCase): boolean => {
  let value: unknown;
  let failed = false;
  let warnings: readonly { type: string; message: string }[] = [];
  try {
    const context = toFeelin(fromTagged(c.context ?? {})) as Record<
      string,
      unknown
    >;
    const result = feelin.evaluate(c.expression.trim(), context, 'camunda');
    value = fromFeelin(result.value);
    warnings = result.warnings;
  } catch {
    failed = true;
  }
  if (c.failure !== undefined) return failed;
  if (failed) return false;
  if ('expected' in c) return sameResult(value, fromTagged(c.expected));
  return (c.warnings ?? []).every((e) =>
    warnings.some((w) => w.type === e.type && w.message === e.message)
  );
};

const AREAS: readonly [RegExp, string][] = [
  [/InterpreterBooleanExpressionTest/, 'three-valued logic'],
  [/ComparisonTypeTest/, 'comparisons'],
  [/InterpreterNonExistingVariableExpressionTest/, 'null and missing values'],
  [/InterpreterContextExpressionTest|CustomContextTest/, 'contexts and paths'],
  [/InterpreterListExpressionTest/, 'lists, filters, quantifiers, for'],
  [
    /InterpreterDateTimeExpressionTest|DateTimeDurationPropertiesTest/,
    'temporal values',
  ],
  [/InterpreterExpressionTest/, 'if, in, instance of, ranges, whitespace'],
  [/InterpreterLiteralExpressionTest/, 'literals'],
  [/InterpreterNumberExpressionTest/, 'numbers'],
  [/InterpreterStringExpressionTest/, 'strings'],
  [/InterpreterFunctionTest/, 'function definitions'],
  [/SuppressedFailuresTest/, 'warnings'],
  [/BuiltinStringFunctionsTest/, 'string built-ins'],
  [/BuiltinNumberFunctionTest/, 'number built-ins'],
  [/BuiltinListFunctionsTest/, 'list built-ins'],
  [/BuiltinContextFunctionsTest/, 'context built-ins'],
  [/BuiltinConversionFunctionsTest/, 'conversion built-ins'],
  [/BuiltinTemporalFunctionsTest/, 'temporal built-ins'],
  [/BuiltinRangeFunctionTest/, 'range built-ins'],
  [/BuiltinFunctionsTest/, 'boolean and Camunda extension built-ins'],
  [/SpecExampleTest/, 'examples'],
];

const areaOf = (c: ConformanceCase): string =>
  AREAS.find(([test]) => test.test(c.file))?.[1] ?? 'other';

export {
  areaOf,
  CASE_BOUND_MS,
  type ConformanceCase,
  type KnownDifference,
  loadKnownDifferences,
  loadSuite,
  type Outcome,
  runCase,
  runCaseOnFeelin,
};

// The built-in functions: feel-scala's (camunda/feel-scala,
// src/main/scala/org/camunda/feel/impl/builtin/*.scala), which include
// Camunda's extensions (`get or else`, `is defined`, `is empty`, `trim`,
// `uuid`, `to base64`, `from base64`, `duplicate values`, `partition`,
// `last day of month`, `assert`, `from json`, `to json`, ...).
import type { FeelFunctionValue } from '../values/values.js';
import { contextBuiltins } from './context.js';
import { conversionBuiltins } from './conversion.js';
import { listBuiltins } from './list.js';
import { booleanBuiltins, numberBuiltins } from './number.js';
import { stringBuiltins } from './string.js';
import { rangeBuiltins, temporalBuiltins } from './temporal.js';

/** Every built-in function by name, its overloads in feel-scala's order. */
const BUILTINS: Readonly<Record<string, readonly FeelFunctionValue[]>> =
  Object.freeze(
    Object.assign(
      Object.create(null) as Record<string, readonly FeelFunctionValue[]>,
      conversionBuiltins,
      booleanBuiltins,
      stringBuiltins,
      listBuiltins,
      numberBuiltins,
      contextBuiltins,
      rangeBuiltins,
      temporalBuiltins
    )
  );

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'for',
  'if',
  'some',
  'every',
]);

/**
 * The names of the built-in functions the parser should know: those with
 * more than one word (`get or else` contains a keyword). Keywords that are
 * also function names (`and`, `or`) stay keywords.
 */
const BUILTIN_NAMES: readonly string[] = Object.keys(BUILTINS).filter(
  (name) => !KEYWORDS.has(name)
);

export { BUILTIN_NAMES, BUILTINS };

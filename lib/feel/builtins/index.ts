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
const BUILTINS: BuiltinTable = Object.freeze(
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

/** How the evaluator finds a built-in function's overloads by name. */
type BuiltinTable = Readonly<Record<string, readonly FeelFunctionValue[]>>;

export { BUILTINS, type BuiltinTable };

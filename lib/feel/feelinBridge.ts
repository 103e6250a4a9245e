import {
  evaluate,
  FeelDate,
  FeelDateTime,
  FeelDuration,
  FeelFunction,
  FeelRange,
  FeelTime,
} from 'feelin';
import { FEEL_DIALECT } from './constants.js';
import type { FeelWarningType } from './types.js';

// feelin signals a failed function call by returning an InvocationFailure
// (class not exported). One deliberate arity mismatch yields an instance,
// and with it the class, through the public API only.
const failureSample: unknown = new FeelFunction(() => null, []).invoke([1]);
const InvocationFailure = (failureSample as object).constructor as new (
  warning: string,
  template: string,
  values?: Record<string, unknown>
) => { warning: FeelWarningType; template: string };

/** A value feelin turns into a warning plus `null` when a function returns it. */
interface InvocationFailureValue {
  readonly warning: FeelWarningType;
  readonly template: string;
}

/**
 * Whether a function result is feelin's failure signal.
 *
 * @param value - what a FEEL function returned
 */
const isInvocationFailure = (value: unknown): value is InvocationFailureValue =>
  value instanceof InvocationFailure;

/**
 * The failure signal a built-in returns for unusable arguments (feelin turns
 * it into an INVALID_ARGUMENTS warning and `null`).
 *
 * @param message - what was wrong
 */
const invalidArguments = (message: string): InvocationFailureValue =>
  new InvocationFailure('INVALID_ARGUMENTS', message);

const builtinCache = new Map<string, unknown>();

/**
 * feelin's own built-in function of that name (`null` when there is none),
 * obtained by evaluating the bare name: feelin resolves an unknown variable
 * to its built-in of the same name.
 *
 * @param name - a function name such as `string length`
 */
const getFeelinBuiltin = (name: string): unknown => {
  if (builtinCache.has(name)) {
    return builtinCache.get(name);
  }
  let builtin: unknown = null;
  if (/^[a-z]+( [a-z]+)*$/i.test(name)) {
    try {
      const { value } = evaluate(name, {}, FEEL_DIALECT);
      builtin = typeof value === 'function' ? value : null;
    } catch {
      // reserved words (`and`, `if`) do not parse as names: no built-in
      builtin = null;
    }
  }
  builtinCache.set(name, builtin);
  return builtin;
};

/**
 * feelin's FEEL type name of a value (`getType` in feelin).
 *
 * @param value - any value
 */
const getFeelType = (value: unknown): string => {
  if (value === null || value === undefined) {
    return 'nil';
  }
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  if (Array.isArray(value)) {
    return 'list';
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return 'context';
  }
  if (value instanceof FeelDate) {
    return 'date';
  }
  if (value instanceof FeelTime) {
    return 'time';
  }
  if (value instanceof FeelDateTime) {
    return 'date time';
  }
  if (value instanceof FeelDuration) {
    return 'duration';
  }
  if (value instanceof FeelRange) {
    return 'range';
  }
  if (value instanceof FeelFunction) {
    return 'function';
  }
  return 'literal';
};

export {
  getFeelinBuiltin,
  getFeelType,
  type InvocationFailureValue,
  invalidArguments,
  isInvocationFailure,
};

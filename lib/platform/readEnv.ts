import { PlatformConfigError } from './errors.js';
import type { Env } from './types.js';

/** A trimmed variable; undefined when unset or blank. */
const readText = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** A comma-separated list (blank entries dropped). */
const readList = (env: Env, name: string): string[] =>
  (readText(env, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** A whole number; the fallback when unset; an error naming the variable otherwise. */
const readInteger = (
  env: Env,
  name: string,
  fallback: number,
  minimum = Number.MIN_SAFE_INTEGER
): number => {
  const raw = readText(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < minimum) {
    throw new PlatformConfigError(
      name,
      minimum > 0
        ? `must be a whole number of at least ${minimum} (got '${raw}')`
        : `must be a whole number (got '${raw}')`
    );
  }
  return Number(raw);
};

/** `true` or `false`; the fallback when unset. */
const readBoolean = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = readText(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') {
    throw new PlatformConfigError(name, `must be true or false (got '${raw}')`);
  }
  return raw === 'true';
};

/** One of `choices`; the first one when unset. */
const readChoice = <TChoice extends string>(
  env: Env,
  name: string,
  choices: readonly [TChoice, ...TChoice[]]
): TChoice => {
  const raw = readText(env, name) ?? choices[0];
  const choice = choices.find((candidate) => candidate === raw);
  if (choice === undefined) {
    throw new PlatformConfigError(
      name,
      `must be ${choices.join(' or ')} (got '${raw}')`
    );
  }
  return choice;
};

export { readBoolean, readChoice, readInteger, readList, readText };

import type { Env, EnvErrorFactory, EnvName, EnvReader } from './types.js';

/**
 * The one set of parsers for environment variables: the platform settings,
 * the Camunda settings and the handlers' own variables are all read with
 * it, each module throwing its own configuration error.
 *
 * @param env - the environment, usually `process.env`
 * @param toError - builds the error for a variable and its problem
 * @typeParam TName - the names it reads: the table's (lib/env ENV_NAMES)
 * @example
 * ```ts
 * const read = createEnvReader(env, (v, p) => new PlatformConfigError(v, p));
 * const batch = read.integer('KEY_CONCURRENCY', 16, { minimum: 1 });
 * ```
 */
const createEnvReader = <TName extends string = EnvName>(
  env: Env,
  toError: EnvErrorFactory
): EnvReader<TName> => {
  const text = (...names: TName[]): string | undefined => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  return {
    text,
    required: (name) => {
      const value = text(name);
      if (value === undefined) throw toError(name, 'is not set');
      return value;
    },
    list: (name) =>
      (text(name) ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    integer: (name, fallback, options = {}) => {
      const raw = text(name);
      if (raw === undefined) return fallback;
      const minimum = options.minimum ?? Number.MIN_SAFE_INTEGER;
      if (!/^-?\d+$/.test(raw) || Number(raw) < minimum) {
        const what =
          options.what ??
          (minimum > 0
            ? `a whole number of at least ${minimum}`
            : 'a whole number');
        throw toError(name, `must be ${what} (got '${raw}')`);
      }
      return Number(raw);
    },
    boolean: (name, fallback) => {
      const raw = text(name)?.toLowerCase();
      if (raw === undefined) return fallback;
      if (raw !== 'true' && raw !== 'false') {
        throw toError(name, `must be true or false (got '${raw}')`);
      }
      return raw === 'true';
    },
    choice: (name, choices) => {
      const raw = text(name) ?? choices[0];
      const choice = choices.find((candidate) => candidate === raw);
      if (choice === undefined) {
        throw toError(name, `must be ${choices.join(' or ')} (got '${raw}')`);
      }
      return choice;
    },
  };
};

export { createEnvReader };

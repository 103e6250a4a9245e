import type { EnvName } from '../lib/env/index.js';

/**
 * Only the variables that have a value.
 *
 * @param variables - lib/env name → value, undefined or blank when unset
 */
const optionalEnvironment = (
  variables: Partial<Record<EnvName, string>>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(variables).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[1] !== ''
    )
  );

export { optionalEnvironment };

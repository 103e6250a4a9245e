/**
 * Only the variables that have a value.
 *
 * @param variables - name → value, undefined or blank when unset
 */
const optionalEnvironment = (
  variables: Record<string, string | undefined>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(variables).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[1] !== ''
    )
  );

export { optionalEnvironment };

import type { SecretReferenceRule } from './types.js';

const matchesProcess = (patterns: readonly string[], processId: string) =>
  patterns.some((pattern) =>
    pattern.endsWith('*')
      ? processId.startsWith(pattern.slice(0, -1))
      : processId === pattern
  );

/**
 * The secret-name prefixes the rules allow a process of a file: those of
 * every rule whose `processes` (exact ids, or prefixes ending with `*`) and
 * `path` (an S3 key prefix) both match, an absent selector matching all.
 *
 * @param rules - the secret-reference policy
 * @param processId - the binding's process
 * @param sourceKey - the file's S3 key
 */
const allowedSecretPrefixes = (
  rules: readonly SecretReferenceRule[],
  processId: string,
  sourceKey: string
): string[] =>
  rules
    .filter(
      (rule) =>
        (rule.processes === undefined ||
          matchesProcess(rule.processes, processId)) &&
        (rule.path === undefined || sourceKey.startsWith(rule.path))
    )
    .flatMap((rule) => rule.secrets);

export { allowedSecretPrefixes };

import { allowedSecretPrefixes } from './allowedSecretPrefixes.js';
import type { SecretReferenceRule } from './types.js';

/**
 * Whether a process of a file may reference the secret `name`
 * (`{{secrets.NAME}}`): always without a policy; with one, when the name
 * starts with a prefix some applying rule allows.
 *
 * @param rules - the policy's rules; undefined = no policy
 * @param processId - the binding's process
 * @param sourceKey - the file's S3 key
 * @param name - the referenced name
 */
const isSecretNameAllowed = (
  rules: readonly SecretReferenceRule[] | undefined,
  processId: string,
  sourceKey: string,
  name: string
): boolean =>
  rules === undefined ||
  allowedSecretPrefixes(rules, processId, sourceKey).some((prefix) =>
    name.startsWith(prefix)
  );

export { isSecretNameAllowed };

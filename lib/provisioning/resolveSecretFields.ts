import { ProvisionerDefaults } from './constants.js';
import { ProvisioningSecretMissingError } from './errors.js';

// Camunda's `{{secrets.NAME}}` anywhere in a value, and the legacy form
// `secrets.NAME` as a whole value.
const REFERENCE = /\{\{\s*secrets\.([A-Za-z0-9_.-]+)\s*\}\}/g;
const LEGACY_REFERENCE = /^\s*secrets\.([A-Za-z0-9_.-]+)\s*$/;

/**
 * Names of the secrets that a set of secret fields references.
 *
 * @param fields - secret fields as written in the BPMN
 */
const findReferencedSecrets = (
  fields: Readonly<Record<string, string>>
): string[] => {
  const names = new Set<string>();
  for (const value of Object.values(fields)) {
    for (const match of value.matchAll(REFERENCE)) {
      names.add(match[1] as string);
    }
    const legacy = LEGACY_REFERENCE.exec(value);
    if (legacy !== null) {
      names.add(legacy[1] as string);
    }
  }
  return [...names].sort();
};

/**
 * Replaces the secret references in secret fields with the secrets' values.
 *
 * @param fields - secret fields as written in the BPMN
 * @param values - secret name → value (only the referenced ones are needed)
 * @throws ProvisioningSecretMissingError when a referenced name has no value
 */
const resolveSecretFields = (
  fields: Readonly<Record<string, string>>,
  values: ReadonlyMap<string, string>
): Record<string, string> => {
  const secretValue = (name: string): string => {
    const value = values.get(name);
    if (value === undefined) {
      throw new ProvisioningSecretMissingError(name);
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => {
      const legacy = LEGACY_REFERENCE.exec(value);
      if (legacy !== null) {
        return [field, secretValue(legacy[1] as string)];
      }
      return [
        field,
        value.replace(REFERENCE, (_match, name: string) => secretValue(name)),
      ];
    })
  );
};

/**
 * Secrets Manager name of a secret that BPMN files reference as
 * `{{secrets.NAME}}`: `<secretPrefix>secrets/NAME`.
 *
 * @param secretPrefix - the platform's secret prefix (`kafka-inbound/`)
 * @param name - the referenced name
 */
const referencedSecretId = (secretPrefix: string, name: string): string => {
  const prefix =
    secretPrefix === '' || secretPrefix.endsWith('/')
      ? secretPrefix
      : `${secretPrefix}/`;
  return `${prefix}${ProvisionerDefaults.referencedSecretsFolder}${name}`;
};

export { findReferencedSecrets, referencedSecretId, resolveSecretFields };

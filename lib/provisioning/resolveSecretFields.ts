import {
  replaceSecretReferences,
  scanSecretReferences,
} from '../binding/index.js';
import { ProvisionerDefaults } from './constants.js';
import { ProvisioningSecretMissingError } from './errors.js';

// One grammar for every reader of a BPMN: the binding model's
// (lib/binding findSecretReferences, after camunda/connectors SecretUtil):
// `{{secrets.NAME}}` anywhere in a value, then the deprecated bare
// `secrets.NAME` in what is left, never `camunda.secrets.NAME`. What the
// model records as a binding's secrets is what is resolved here.

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
    for (const reference of scanSecretReferences(value)) {
      names.add(reference.name);
    }
  }
  return [...names].sort();
};

/**
 * Replaces the secret references in secret fields with the secrets' values;
 * the text around a reference stays, as in Camunda's connector runtime.
 *
 * @param fields - secret fields as written in the BPMN
 * @param values - secret name → value (only the referenced ones are needed)
 * @throws ProvisioningSecretMissingError when a referenced name has no value
 */
const resolveSecretFields = (
  fields: Readonly<Record<string, string>>,
  values: ReadonlyMap<string, string>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [
      field,
      replaceSecretReferences(value, ({ name }) => {
        const secret = values.get(name);
        if (secret === undefined) {
          throw new ProvisioningSecretMissingError(name);
        }
        return secret;
      }),
    ])
  );

/**
 * Whether a referenced name can be part of a Secrets Manager secret name
 * (ASCII letters, digits and `/_+=.@-`, at most 512 characters with the
 * prefix).
 *
 * @param name - the referenced name
 */
const isStorableSecretName = (name: string): boolean =>
  /^[A-Za-z0-9/_+=.@-]{1,400}$/.test(name);

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

export {
  findReferencedSecrets,
  isStorableSecretName,
  referencedSecretId,
  resolveSecretFields,
};

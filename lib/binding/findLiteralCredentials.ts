import { CREDENTIAL_PROPERTY } from './constants.js';
import { replaceSecretReferences } from './findSecretReferences.js';
import { parseJaasConfig } from './parseJaasConfig.js';

/** A credential typed into the BPMN as text (never its value). */
interface LiteralCredential {
  /** The BPMN property: `authentication.password` or `additionalProperties`. */
  readonly property: string;
  /** What holds it, e.g. `ssl.key.password` or `sasl.jaas.config password`. */
  readonly holder: string;
}

/** Whether a value is text of its own, not only secret references. */
const isLiteral = (value: string): boolean =>
  replaceSecretReferences(value, () => '').trim() !== '';

/**
 * The credentials of one element that are typed into the BPMN instead of
 * referencing a secret (`{{secrets.NAME}}`), as Camunda's documentation
 * asks: the template's password and credential client properties in
 * `additionalProperties` (the password of a JAAS line, `ssl.key.password`,
 * `basic.auth.user.info`, …). Usernames are not counted.
 *
 * @param password - `authentication.password` as written
 * @param additionalProperties - the parsed additional properties
 */
const findLiteralCredentials = (
  password: string | undefined,
  additionalProperties: Readonly<Record<string, string>>
): LiteralCredential[] => {
  const found: LiteralCredential[] = [];
  if (password !== undefined && isLiteral(password)) {
    found.push({ property: 'authentication.password', holder: 'the password' });
  }
  for (const [key, value] of Object.entries(additionalProperties)) {
    if (!CREDENTIAL_PROPERTY.test(key)) continue;
    if (/jaas\.config$/i.test(key)) {
      const jaasPassword = parseJaasConfig(value)?.options.password;
      if (jaasPassword !== undefined && isLiteral(jaasPassword)) {
        found.push({
          property: 'additionalProperties',
          holder: `the password of ${key}`,
        });
      }
      continue;
    }
    if (isLiteral(value)) {
      found.push({ property: 'additionalProperties', holder: key });
    }
  }
  return found;
};

export type { LiteralCredential };
export { findLiteralCredentials };

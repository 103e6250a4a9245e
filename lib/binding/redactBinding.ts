import { maskCredentialsInText } from '../text/index.js';
import { CREDENTIAL_PROPERTY } from './constants.js';
import { replaceSecretReferences } from './findSecretReferences.js';
import type { Binding, KafkaAuthentication, SchemaStrategy } from './types.js';

const MASK = '***';

// Camunda's own line (plainJaasConfig) does not escape: everything between
// `password='` and the closing `';` is the password, whatever it contains.
const CAMUNDA_JAAS =
  /^(org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule {3}required username='[\s\S]*?' {3}password=')([\s\S]*)(';)$/;

/** Whether a value holds nothing but secret references (and blanks). */
const isOnlyReferences = (value: string): boolean =>
  replaceSecretReferences(value, () => '').trim() === '';

/** A credential as it may be shown: references kept, literals masked. */
const maskLiteral = (value: string): string =>
  isOnlyReferences(value) ? value : MASK;

/**
 * Credentials written into a text (URL user info, `password=`,
 * `clientSecret="…"` of a JAAS line, read quote-aware) masked; secret
 * references kept, since they name a secret without revealing it.
 *
 * @param text - a value, or a message quoting one
 */
const maskCredentials = (text: string): string =>
  maskCredentialsInText(text, { keepValue: isOnlyReferences });

/**
 * A JAAS line: Camunda's own PLAIN line is masked whole after `password='`;
 * any other is read option by option, quote-aware (double or single quotes,
 * a quote not followed by a blank or `;` belonging to the value), and every
 * option whose name says credential (password, clientSecret, token…) is
 * masked.
 */
const maskJaas = (value: string): string => {
  const camunda = CAMUNDA_JAAS.exec(value);
  if (camunda) {
    return `${camunda[1]}${maskLiteral(camunda[2] ?? '')}${camunda[3]}`;
  }
  return maskCredentials(value);
};

const redactProperty = (key: string, value: string): string => {
  if (/jaas\.config$/i.test(key)) return maskJaas(value);
  return CREDENTIAL_PROPERTY.test(key)
    ? maskLiteral(value)
    : maskCredentials(value);
};

const redactAuthentication = (
  authentication: KafkaAuthentication
): KafkaAuthentication => {
  const { password, tls } = authentication;
  return {
    ...authentication,
    ...(password === undefined ? {} : { password: maskLiteral(password) }),
    ...(tls === undefined
      ? {}
      : {
          tls: {
            ...tls,
            ...(tls.keystoreKey === undefined
              ? {}
              : { keystoreKey: maskLiteral(tls.keystoreKey) }),
            ...(tls.keyPassword === undefined
              ? {}
              : { keyPassword: maskLiteral(tls.keyPassword) }),
          },
        }),
  };
};

const redactSchema = (schema: SchemaStrategy): SchemaStrategy =>
  schema.type === 'schemaRegistry'
    ? {
        ...schema,
        schemaRegistryUrl: maskCredentials(schema.schemaRegistryUrl),
      }
    : schema;

/**
 * A copy of a binding that is safe to print or store outside the secret
 * store: credentials typed into the BPMN as literals become `***` —
 * passwords, passphrases, private keys, secrets and tokens (by property
 * name), the password and client secret of a JAAS configuration, the user
 * info of any URL or server (`https://KEY:SECRET@registry`,
 * `SASL_SSL://user:pw@host`). Secret references such as
 * `{{secrets.KAFKA_PASSWORD}}` stay, since they name a secret without
 * revealing it. Id and revision are kept, so the copy still identifies the
 * binding.
 *
 * @param binding - a binding from the model
 */
const redactBinding = (binding: Binding): Binding => ({
  ...binding,
  kafka: {
    ...binding.kafka,
    bootstrapServers: binding.kafka.bootstrapServers.map(maskCredentials),
    clientProperties: Object.fromEntries(
      Object.entries(binding.kafka.clientProperties).map(([key, value]) => [
        key,
        redactProperty(key, value),
      ])
    ),
    authentication: redactAuthentication(binding.kafka.authentication),
    schema: redactSchema(binding.kafka.schema),
  },
});

export { maskCredentials, redactBinding };

import { CREDENTIAL_NAME, maskCredentialsInText } from '../text/index.js';
import { replaceSecretReferences } from './findSecretReferences.js';
import type { Binding, KafkaAuthentication, SchemaStrategy } from './types.js';

const MASK = '***';

// Client properties whose values are credentials (Kafka and Confluent
// names): passwords, passphrases, secrets, tokens, keys, user info.
const CREDENTIAL_KEY = CREDENTIAL_NAME;

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

const redactProperty = (key: string, value: string): string =>
  CREDENTIAL_KEY.test(key) ? maskLiteral(value) : maskCredentials(value);

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

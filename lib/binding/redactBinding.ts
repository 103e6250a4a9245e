import { replaceSecretReferences } from './findSecretReferences.js';
import type { Binding, KafkaAuthentication, SchemaStrategy } from './types.js';

const MASK = '***';

// Client properties whose values are credentials (Kafka and Confluent names).
const CREDENTIAL_KEY =
  /password|secret|token|credential|user\.info|(^|\.)key$|\.jaas\./i;

// `password="..."` inside a JAAS login module configuration.
const JAAS_PASSWORD = /(password\s*=\s*)("(?:[^"\\]|\\.)*"|[^\s;]+)/gi;

/** Whether a value holds nothing but secret references (and blanks). */
const isOnlyReferences = (value: string): boolean =>
  replaceSecretReferences(value, () => '').trim() === '';

/** A credential as it may be shown: references kept, literals masked. */
const maskLiteral = (value: string): string =>
  isOnlyReferences(value) ? value : MASK;

const maskJaas = (value: string): string =>
  value.replace(JAAS_PASSWORD, (_match, prefix: string, secret: string) => {
    const quoted = secret.startsWith('"');
    const inner = quoted ? secret.slice(1, -1) : secret;
    const shown = maskLiteral(inner);
    return `${prefix}${quoted ? `"${shown}"` : shown}`;
  });

const redactProperty = (key: string, value: string): string => {
  if (/jaas\.config$/i.test(key)) return maskJaas(value);
  if (key === 'schema.registry.url') return maskUrlPassword(value);
  // `basic.auth.credentials.source` names where credentials come from.
  if (/credentials\.source$/i.test(key)) return value;
  return CREDENTIAL_KEY.test(key) ? maskLiteral(value) : value;
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

/** A registry URL's user info password (`https://user:password@host`). */
const maskUrlPassword = (url: string): string =>
  url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)([^/@]*)@/i,
    (_, head, password) => `${head}${maskLiteral(password)}@`
  );

const redactSchema = (schema: SchemaStrategy): SchemaStrategy =>
  schema.type === 'schemaRegistry'
    ? {
        ...schema,
        schemaRegistryUrl: maskUrlPassword(schema.schemaRegistryUrl),
      }
    : schema;

/**
 * A copy of a binding that is safe to print or store outside the secret
 * store: credentials typed into the BPMN as literals (passwords, private
 * keys, the password of a JAAS configuration) become `***`; secret
 * references such as `{{secrets.KAFKA_PASSWORD}}` stay, since they name a
 * secret without revealing it. Id and revision are kept, so the copy still
 * identifies the binding.
 *
 * @param binding - a binding from the model
 */
const redactBinding = (binding: Binding): Binding => ({
  ...binding,
  kafka: {
    ...binding.kafka,
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

export { redactBinding };

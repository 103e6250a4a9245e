import { CREDENTIAL_PROPERTY } from './constants.js';
import { replaceSecretReferences } from './findSecretReferences.js';
import type { Binding, KafkaAuthentication, SchemaStrategy } from './types.js';

const MASK = '***';

// `password="..."` or `password='...'` (Camunda's own form, which does not
// escape) inside a JAAS login module configuration; a quote inside the
// value that is not followed by a blank, `;` or the end belongs to it.
const JAAS_PASSWORD =
  /(password\s*=\s*)("(?:[^"\\]|\\.|"(?![\s;]|$))*"|'(?:[^'\\]|\\.|'(?![\s;]|$))*'|[^\s;]+)/gi;

/** Whether a value holds nothing but secret references (and blanks). */
const isOnlyReferences = (value: string): boolean =>
  replaceSecretReferences(value, () => '').trim() === '';

/** A credential as it may be shown: references kept, literals masked. */
const maskLiteral = (value: string): string =>
  isOnlyReferences(value) ? value : MASK;

const maskJaasOptions = (value: string): string =>
  value.replace(JAAS_PASSWORD, (_match, prefix: string, secret: string) => {
    const quote = secret.startsWith('"') || secret.startsWith("'");
    const mark = quote ? secret.charAt(0) : '';
    const inner = quote ? secret.slice(1, -1) : secret;
    const shown = maskLiteral(inner);
    return `${prefix}${mark}${shown}${mark}`;
  });

// Camunda's own line (plainJaasConfig) does not escape: everything between
// `password='` and the closing `';` is the password, whatever it contains.
const CAMUNDA_JAAS =
  /^(org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule {3}required username='[\s\S]*?' {3}password=')([\s\S]*)(';)$/;

const maskJaas = (value: string): string => {
  const camunda = CAMUNDA_JAAS.exec(value);
  if (camunda) {
    return `${camunda[1]}${maskLiteral(camunda[2] ?? '')}${camunda[3]}`;
  }
  return maskJaasOptions(value);
};

const redactProperty = (key: string, value: string): string => {
  if (/jaas\.config$/i.test(key)) return maskJaas(value);
  if (key === 'schema.registry.url') return maskUrlPassword(value);
  return CREDENTIAL_PROPERTY.test(key) ? maskLiteral(value) : value;
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

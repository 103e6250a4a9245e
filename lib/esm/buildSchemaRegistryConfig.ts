import type { KafkaSchemaRegistryConfig } from '@aws-sdk/client-lambda';
import { readRegistryAccess } from '../binding/readRegistryAccess.js';
import type { KafkaSettings } from '../binding/types.js';
import type { Problem } from '../bpmn/types.js';
import { placeholder, secretBaseName } from './buildSourceAccess.js';
import { EsmLimits } from './constants.js';
import type { EsmSecretPlan, PlatformSettings } from './types.js';

/** The registry part of one binding's ESM request. */
interface SchemaRegistryPlan {
  /** Absent when the binding has no registry or the ESM does not decode. */
  readonly config?: KafkaSchemaRegistryConfig;
  readonly secrets: readonly EsmSecretPlan[];
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
}

// The Lambda API model's pattern of SchemaRegistryURI.
const SCHEMA_REGISTRY_URI = /^[a-zA-Z0-9\-/*:_+=.@]{1,10000}$/;
const PROPERTY = 'schemaStrategy.schemaRegistryUrl';

/** `<prefix><bindingId>/schema_registry_<access type>`. */
const registrySecretName = (baseName: string, accessType: string): string =>
  `${baseName}/schema_registry_${accessType.toLowerCase()}`;

/**
 * The ESM's `SchemaRegistryConfig` for a binding with a schema registry, and
 * the per-binding secrets its access configurations name.
 *
 * - Confluent-compatible registry, provisioned mode: the ESM validates each
 *   value against the registry and delivers it in `SOURCE` format (the
 *   5-byte frame taken off, the schema id in `valueSchemaMetadata`); the
 *   consumer decodes it with the schema of that id, the same way the local
 *   runtime and `replay` do, so the value equals Camunda's everywhere. (In
 *   `JSON` format AWS would render Avro unions, bytes and logical types in a
 *   way it does not document.) Credentials become `BASIC_AUTH`,
 *   `CLIENT_CERTIFICATE_TLS_AUTH` and `SERVER_ROOT_CA_CERTIFICATE` secrets.
 * - AWS Glue registry ARN, provisioned mode: the ESM decodes into `JSON`
 *   with the consumer role (no access configurations).
 * - On-demand mode: the ESM cannot use a registry. A Confluent binding gets
 *   a warning saying the consumer decodes; a Glue binding is an error.
 *
 * @param bindingId - Part of the secret names.
 * @param kafka - The binding's Kafka settings.
 * @param platform - ESM mode and secret prefix.
 */
const buildSchemaRegistryConfig = (
  bindingId: string,
  kafka: KafkaSettings,
  platform: Pick<PlatformSettings, 'esmMode' | 'secretPrefix'>
): SchemaRegistryPlan => {
  const read = readRegistryAccess(kafka);
  const warnings: Problem[] = [];
  const errors: Problem[] = [...read.errors];
  const access = read.access;
  if (access === undefined || errors.length > 0) {
    return { secrets: [], warnings, errors };
  }
  const validation = {
    SchemaValidationConfigs: [{ Attribute: 'VALUE' as const }],
  };
  if (access.kind === 'glue') {
    if (platform.esmMode === 'onDemand') {
      errors.push({
        property: PROPERTY,
        message:
          'An AWS Glue schema registry is decoded only by a provisioned-mode ESM; this platform creates on-demand ESMs and kafka-inbound does not read Glue-framed records itself.',
      });
      return { secrets: [], warnings, errors };
    }
    return {
      config: {
        SchemaRegistryURI: access.url,
        EventRecordFormat: 'JSON',
        ...validation,
      },
      secrets: [],
      warnings,
      errors,
    };
  }
  if (platform.esmMode === 'onDemand') {
    warnings.push({
      property: PROPERTY,
      message: `The ESM uses a schema registry only in provisioned mode: this on-demand ESM delivers the Confluent-framed bytes and the consumer function decodes them itself, fetching schemas from ${access.url} (it needs network access to the registry).`,
    });
    return { secrets: [], warnings, errors };
  }
  if (!SCHEMA_REGISTRY_URI.test(access.url)) {
    errors.push({
      property: PROPERTY,
      message: `The ESM accepts a registry URL of at most 10000 characters of [a-zA-Z0-9-/*:_+=.@]: "${access.url}" is not one.`,
    });
    return { secrets: [], warnings, errors };
  }
  const baseName = secretBaseName(platform.secretPrefix, bindingId);
  const secrets: EsmSecretPlan[] = [];
  const add = (
    accessType: EsmSecretPlan['accessType'],
    fields: Record<string, string>
  ): void => {
    secrets.push({
      name: registrySecretName(baseName, accessType),
      accessType,
      fields,
    });
  };
  if (access.basicAuth !== undefined) {
    add('BASIC_AUTH', { ...access.basicAuth });
  }
  if (access.clientCertificate !== undefined) {
    const { certificate, privateKey, keyPassword } = access.clientCertificate;
    add('CLIENT_CERTIFICATE_TLS_AUTH', {
      certificate,
      privateKey,
      ...(keyPassword === undefined ? {} : { privateKeyPassword: keyPassword }),
    });
  }
  if (access.truststoreCertificates !== undefined) {
    add('SERVER_ROOT_CA_CERTIFICATE', {
      certificate: access.truststoreCertificates,
    });
  }
  if (secrets.length > EsmLimits.maxSchemaRegistryAccessConfigs) {
    errors.push({
      property: 'schema.registry.ssl.truststore.certificates',
      message: `The ESM takes at most ${EsmLimits.maxSchemaRegistryAccessConfigs} registry access configurations: basic authentication, a client certificate and a CA certificate cannot all be set.`,
    });
    return { secrets: [], warnings, errors };
  }
  return {
    config: {
      SchemaRegistryURI: access.url,
      EventRecordFormat: 'SOURCE',
      ...(secrets.length === 0
        ? {}
        : {
            AccessConfigs: secrets.map((secret) => ({
              Type: secret.accessType as 'BASIC_AUTH',
              URI: placeholder(secret.name),
            })),
          }),
      ...validation,
    },
    secrets,
    warnings,
    errors,
  };
};

export type { SchemaRegistryPlan };
export { buildSchemaRegistryConfig, registrySecretName };

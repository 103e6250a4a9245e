import { bindingSecretName } from './bindingSecretName.js';
import { registrySecretName } from './buildSchemaRegistryConfig.js';
import { SaslAccessType } from './constants.js';

const KAFKA_TYPES = [
  ...Object.values(SaslAccessType),
  'CLIENT_CERTIFICATE_TLS_AUTH',
  'SERVER_ROOT_CA_CERTIFICATE',
] as const;

const REGISTRY_TYPES = [
  'BASIC_AUTH',
  'CLIENT_CERTIFICATE_TLS_AUTH',
  'SERVER_ROOT_CA_CERTIFICATE',
] as const;

/**
 * Every name a secret of a binding can have (Kafka, MSK SCRAM and registry
 * secrets): what is looked for when a binding is removed, so that a secret
 * written by a run that did not finish is never left behind.
 *
 * @param secretPrefix - the platform's secret prefix
 * @param bindingId - the binding
 */
const bindingSecretNames = (
  secretPrefix: string,
  bindingId: string
): string[] => [
  ...KAFKA_TYPES.map((type) =>
    bindingSecretName({ secretPrefix, bindingId, suffix: type.toLowerCase() })
  ),
  bindingSecretName({
    secretPrefix,
    bindingId,
    suffix: SaslAccessType['SCRAM-SHA-512'].toLowerCase(),
    mskScram: true,
  }),
  ...REGISTRY_TYPES.map((type) =>
    registrySecretName(secretPrefix, bindingId, type)
  ),
];

export { bindingSecretNames };

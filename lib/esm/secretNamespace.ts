import { SecretNamespaces } from './constants.js';

/**
 * The name prefix of one secret namespace (see `SecretNamespaces`):
 * `kafka-inbound/bindings/`, `kafka-inbound/secrets/`, or the platform
 * prefix itself. A prefix without a trailing `/` gets one.
 *
 * @param secretPrefix - the platform's secret prefix (`kafka-inbound/`)
 * @param namespace - which namespace
 */
const secretNamespace = (
  secretPrefix: string,
  namespace: 'platform' | 'users' | 'bindings'
): string => {
  const prefix =
    secretPrefix === '' || secretPrefix.endsWith('/')
      ? secretPrefix
      : `${secretPrefix}/`;
  return `${prefix}${SecretNamespaces[namespace]}`;
};

export { secretNamespace };

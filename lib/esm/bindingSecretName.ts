import { createHash } from 'node:crypto';
import { SecretNameLimits, SecretNamespaces } from './constants.js';
import { secretNamespace } from './secretNamespace.js';

/** What a binding secret's name is made of. */
interface BindingSecretNameParts {
  /** The platform's secret prefix (`kafka-inbound/`). */
  readonly secretPrefix: string;
  readonly bindingId: string;
  /** The last segment: `basic_auth`, `schema_registry_basic_auth`, … */
  readonly suffix: string;
  /** An MSK SASL/SCRAM secret: the name starts with `AmazonMSK_`. */
  readonly mskScram?: boolean;
}

/**
 * The name of a per-binding secret:
 * `[AmazonMSK_]<prefix>bindings/<bindingId>/<suffix>`. When that is longer
 * than `SecretNameLimits.maxBindingSecretName` (so that the secret's ARN
 * fits the 200 characters of a `SourceAccessConfigurations[].URI` in every
 * partition and region), the binding id is cut and a hash of the whole id
 * appended: the name stays unique per binding and the same wherever it is
 * computed (provisioner, `StaticKafkaProcess`, consumer, `validate`).
 *
 * @param parts - prefix, binding id, suffix, MSK SCRAM or not
 */
const bindingSecretName = (parts: BindingSecretNameParts): string => {
  const head = `${parts.mskScram === true ? SecretNamespaces.mskScramPrefix : ''}${secretNamespace(parts.secretPrefix, 'bindings')}`;
  const tail = `/${parts.suffix}`;
  const full = `${head}${parts.bindingId}${tail}`;
  if (full.length <= SecretNameLimits.maxBindingSecretName) {
    return full;
  }
  const hash = createHash('sha256')
    .update(parts.bindingId)
    .digest('hex')
    .slice(0, SecretNameLimits.hashLength);
  const room =
    SecretNameLimits.maxBindingSecretName -
    head.length -
    tail.length -
    hash.length -
    1;
  return `${head}${parts.bindingId.slice(0, Math.max(room, 0))}-${hash}${tail}`;
};

export type { BindingSecretNameParts };
export { bindingSecretName };

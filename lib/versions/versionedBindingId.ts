import { BINDING_ID_LIMITS, hashConfiguration } from '../binding/index.js';
import { VERSIONED_ID_MARK } from './constants.js';

/**
 * The id of a binding whose natural id another active version's binding
 * holds with a different consumer identity: `<natural>--v<10 hex of the
 * identity>`, cut to stay a valid alias name (128 characters). A natural id
 * never has this form: a readable one holds one `--`, a hashed one ends in
 * `---<hex>`.
 *
 * @param naturalId - the binding id the BPMN gives
 * @param identity - its consumer identity (`consumerIdentity`)
 */
const versionedBindingId = (naturalId: string, identity: string): string => {
  const suffix = `${VERSIONED_ID_MARK}${hashConfiguration(identity, BINDING_ID_LIMITS.hashLength)}`;
  const room = BINDING_ID_LIMITS.maxLength - suffix.length;
  return `${naturalId.slice(0, room).replace(/-+$/, '')}${suffix}`;
};

export { versionedBindingId };

import { BINDING_ID_LIMITS } from './constants.js';
import { hashConfiguration } from './hashConfiguration.js';

/** What a binding id is derived from. */
interface BindingIdSource {
  readonly processId: string;
  /** Manual deduplication id, or the id of the binding's one element. */
  readonly key: string;
  readonly keyKind: 'deduplicationId' | 'elementId';
}

// Parts of a readable id: no "--" inside and no leading/trailing "-", so the
// "--" separator splits a readable id back into its parts unambiguously.
const READABLE_PART = /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/;

const sanitize = (part: string): string =>
  part
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * The hashed form: a sanitized prefix, then "---" and a hash of the exact
 * source. Readable ids never contain "---", so the two forms cannot meet.
 */
const hashedBindingId = (source: BindingIdSource): string => {
  const hash = hashConfiguration(
    [source.processId, source.keyKind, source.key],
    BINDING_ID_LIMITS.hashLength
  );
  const room = BINDING_ID_LIMITS.maxLength - 3 - hash.length;
  const prefix = `${sanitize(source.processId)}--${sanitize(source.key)}`
    .slice(0, room)
    .replace(/-+$/, '');
  return `${prefix}---${hash}`;
};

/**
 * A binding id that is a valid Lambda alias name (1–128 characters of
 * `[A-Za-z0-9_-]`, not all digits): `<processId>--<key>` when both parts are
 * plain, else a sanitized prefix plus `---<hash>`.
 *
 * @param source - process id and deduplication id or element id
 */
const makeBindingId = (source: BindingIdSource): string => {
  const readable = `${source.processId}--${source.key}`;
  return READABLE_PART.test(source.processId) &&
    READABLE_PART.test(source.key) &&
    readable.length <= BINDING_ID_LIMITS.maxLength
    ? readable
    : hashedBindingId(source);
};

/** Whether a text is a valid Lambda alias name. */
const isValidAliasName = (id: string): boolean =>
  /^[A-Za-z0-9_-]{1,128}$/.test(id) && !/^\d+$/.test(id);

export type { BindingIdSource };
export { hashedBindingId, isValidAliasName, makeBindingId };

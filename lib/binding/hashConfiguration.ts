import { createHash } from 'node:crypto';
import { isRecord } from '../common/index.js';

/** JSON with object keys sorted at every level, so equal values hash equally. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  );

/**
 * A short, stable hash (sha256, hex) of any JSON-like value; key order does
 * not matter.
 *
 * @param value - what to hash
 * @param length - hex characters to keep (default 16)
 */
const hashConfiguration = (value: unknown, length = 16): string =>
  createHash('sha256')
    .update(canonicalJson(value))
    .digest('hex')
    .slice(0, length);

export { canonicalJson, hashConfiguration };

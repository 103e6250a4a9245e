import { describeError } from '../common/index.js';
import { MAX_VARIABLES_BYTES } from './constants.js';
import type { VariablesSizeCheck } from './types.js';

// The consumer checks the variables when it builds them, and the client
// serializes the same object again when it sends it. Results are remembered
// by object identity (the variables are never changed in between), so each
// record's variables are serialized once.
const checked = new WeakMap<
  object,
  { readonly limit: number; readonly result: VariablesSizeCheck }
>();

/**
 * Serializes variables once and checks them against Camunda's size limit,
 * so an oversized record is poison before any call is made.
 *
 * @param variables - The variables document to send.
 * @param limit - Largest accepted size in UTF-8 bytes; defaults to
 *   {@link MAX_VARIABLES_BYTES} (1,572,864).
 * @returns `ok` with the JSON text and its size, or why it cannot be sent.
 */
const checkVariablesSize = (
  variables: unknown,
  limit: number = MAX_VARIABLES_BYTES
): VariablesSizeCheck => {
  if (typeof variables !== 'object' || variables === null) {
    return measure(variables, limit);
  }
  const known = checked.get(variables);
  if (known !== undefined && known.limit === limit) return known.result;
  const result = measure(variables, limit);
  checked.set(variables, { limit, result });
  return result;
};

const measure = (variables: unknown, limit: number): VariablesSizeCheck => {
  let json: string | undefined;
  try {
    json = JSON.stringify(variables);
  } catch (error) {
    // BigInt values and cycles cannot be sent at all.
    const why = describeError(error);
    return {
      ok: false,
      bytes: -1,
      limit,
      reason: `variables cannot be serialized to JSON: ${why}`,
    };
  }
  // JSON.stringify(undefined) is undefined: nothing to send, nothing to check.
  const text = json ?? '{}';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) {
    return {
      ok: false,
      bytes,
      limit,
      reason: `variables are ${bytes} bytes of JSON, over Camunda's limit of ${limit} bytes`,
    };
  }
  return { ok: true, bytes, json: text };
};

export { checkVariablesSize };

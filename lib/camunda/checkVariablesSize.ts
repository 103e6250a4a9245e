import { MAX_VARIABLES_BYTES } from './constants.js';
import type { VariablesSizeCheck } from './types.js';

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
  let json: string | undefined;
  try {
    json = JSON.stringify(variables);
  } catch (error) {
    // BigInt values and cycles cannot be sent at all.
    const why = error instanceof Error ? error.message : String(error);
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

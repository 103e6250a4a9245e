import { isFeelExpression } from '../feel/index.js';
import { evaluateFeelLiteral } from './evaluateFeelLiteral.js';
import type { ParseOutcome } from './types.js';

const NOT_A_MAP =
  'additional properties must be a map of Kafka client properties, e.g. ={"security.protocol": "SASL_SSL"}';

const toEntries = (value: unknown): ParseOutcome<Record<string, string>> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : JSON.stringify(value);
    return { ok: false, message: `${NOT_A_MAP}; got ${got}` };
  }
  const entries: [string, string][] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (
      typeof entry === 'string' ||
      typeof entry === 'number' ||
      typeof entry === 'boolean'
    ) {
      entries.push([key, String(entry)]);
    } else {
      return {
        ok: false,
        message: `${NOT_A_MAP}; the value of "${key}" must be a string, number or boolean`,
      };
    }
  }
  return { ok: true, value: Object.fromEntries(entries) };
};

/**
 * Read `additionalProperties`: a FEEL context literal (`={"a": "b"}`) or JSON
 * object text. Values become strings; secret references stay references.
 * Nothing but literals is evaluated.
 *
 * @param raw - the property value; blank means "none"
 */
const parseAdditionalProperties = (
  raw: string
): ParseOutcome<Record<string, string>> => {
  const text = raw.trim();
  if (text === '') return { ok: true, value: {} };
  if (isFeelExpression(text)) {
    const literal = evaluateFeelLiteral(text);
    if (!literal.ok) {
      return { ok: false, message: `additional properties ${literal.message}` };
    }
    return toEntries(literal.value);
  }
  try {
    return toEntries(JSON.parse(text));
  } catch {
    return {
      ok: false,
      message: `${NOT_A_MAP}; the value is neither FEEL (starting with "=") nor JSON`,
    };
  }
};

export { parseAdditionalProperties };

import { isFeelExpression } from '../feel/index.js';
import { evaluateFeelLiteral } from './evaluateFeelLiteral.js';
import type { ParseOutcome } from './types.js';

const NOT_A_MAP =
  'additional properties must be a map of Kafka client properties, e.g. ={"security.protocol": "SASL_SSL"}';

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean';

const toEntries = (value: unknown): ParseOutcome<Record<string, string>> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : JSON.stringify(value);
    return { ok: false, message: `${NOT_A_MAP}; got ${got}` };
  }
  const entries: [string, string][] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (isScalar(entry)) {
      entries.push([key, String(entry)]);
    } else if (Array.isArray(entry) && entry.every(isScalar)) {
      // Kafka's list properties take a java.util.List as well as "a,b".
      entries.push([key, entry.map(String).join(',')]);
    } else {
      return {
        ok: false,
        message: `${NOT_A_MAP}; the value of "${key}" must be a string, number, boolean or a list of them`,
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

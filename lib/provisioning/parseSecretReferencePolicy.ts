import type { ParseOutcome } from '../binding/types.js';
import { isRecord } from '../common/index.js';
import type { SecretReferenceRule } from './types.js';

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? value
    : undefined;

const KEYS = new Set(['processes', 'path', 'secrets']);

/**
 * Reads the secret-reference policy (`SECRET_REFERENCE_POLICY`, from the
 * stack prop `secretReferencePolicy`): a JSON array of rules
 * `{ "processes"?: [ids], "path"?: "<S3 key prefix>", "secrets": [prefixes] }`.
 * Refuses anything else with a message that says what is wrong, so a typo
 * never opens the policy.
 *
 * @param text - the variable's value
 */
const parseSecretReferencePolicy = (
  text: string
): ParseOutcome<SecretReferenceRule[]> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'is not JSON' };
  }
  if (!Array.isArray(parsed)) {
    return { ok: false, message: 'must be a JSON array of rules' };
  }
  const rules: SecretReferenceRule[] = [];
  for (const [index, item] of parsed.entries()) {
    const where = `rule ${index + 1}`;
    if (!isRecord(item)) {
      return { ok: false, message: `${where} is not an object` };
    }
    const unknown = Object.keys(item).filter((key) => !KEYS.has(key));
    if (unknown.length > 0) {
      return {
        ok: false,
        message: `${where} has unknown keys ${unknown.join(', ')} (use processes, path, secrets)`,
      };
    }
    const secrets = stringList(item.secrets);
    if (secrets === undefined) {
      return {
        ok: false,
        message: `${where}: secrets must be a list of name prefixes ("" for every name)`,
      };
    }
    const processes =
      item.processes === undefined ? undefined : stringList(item.processes);
    if (item.processes !== undefined && processes === undefined) {
      return {
        ok: false,
        message: `${where}: processes must be a list of process ids`,
      };
    }
    if (item.path !== undefined && typeof item.path !== 'string') {
      return { ok: false, message: `${where}: path must be a text` };
    }
    rules.push({
      secrets,
      ...(processes === undefined ? {} : { processes }),
      ...(typeof item.path === 'string' ? { path: item.path } : {}),
    });
  }
  return { ok: true, value: rules };
};

export { parseSecretReferencePolicy };

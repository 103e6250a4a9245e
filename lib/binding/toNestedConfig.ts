/** Nested connector configuration (`topic.topicName` → `{ topic: { topicName } }`). */
type NestedConfig = { [key: string]: string | NestedConfig };

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Turn dotted property names into nested objects, as Camunda's runtime does
 * when it binds connector properties. Names are applied in sorted order; a
 * name that clashes with another (`a` and `a.b`) or uses an unsafe key is
 * skipped and returned in `conflicts`.
 *
 * @param properties - raw property values by dotted name
 */
const toNestedConfig = (
  properties: Readonly<Record<string, string>>
): { config: NestedConfig; conflicts: string[] } => {
  const config: NestedConfig = {};
  const conflicts: string[] = [];
  for (const name of Object.keys(properties).sort()) {
    const value = properties[name] ?? '';
    const path = name.split('.');
    if (path.some((p) => p === '' || UNSAFE_KEYS.has(p))) {
      conflicts.push(name);
      continue;
    }
    let node: NestedConfig = config;
    let ok = true;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(node, key) ? node[key] : undefined;
      if (typeof next === 'string') {
        ok = false;
        break;
      }
      const child: NestedConfig = next ?? {};
      node[key] = child;
      node = child;
    }
    const leaf = path.at(-1) ?? name;
    if (!ok || Object.hasOwn(node, leaf)) {
      conflicts.push(name);
      continue;
    }
    node[leaf] = value;
  }
  return { config, conflicts };
};

export type { NestedConfig };
export { toNestedConfig };

import { hashConfiguration } from '../binding/index.js';
import type { ExistingBinding, MergedBinding } from './types.js';

/**
 * The existing bindings once the `retired` versions are gone: an element
 * that belonged to retired versions only goes, a binding left without
 * elements goes (`dropped`); the others keep their id and settings, with
 * the revision recomputed when their elements changed. An element whose
 * versions are unknown stays.
 *
 * @param existing - the bindings that exist now, with their version keys
 * @param retired - keys of the versions to retire
 */
const withoutVersions = (
  existing: readonly ExistingBinding[],
  retired: ReadonlySet<string>
): { readonly kept: MergedBinding[]; readonly dropped: string[] } => {
  const kept: MergedBinding[] = [];
  const dropped: string[] = [];
  for (const item of existing) {
    const { elements } = item.binding;
    const keysOf = (index: number): readonly string[] =>
      item.versionKeys?.[index] ??
      (item.legacyKey === undefined ? [] : [item.legacyKey]);
    const remaining = elements.map((_, index) => {
      const keys = keysOf(index);
      return {
        index,
        keys: keys.filter((key) => !retired.has(key)),
        unknown: keys.length === 0,
      };
    });
    const left = remaining.filter(
      (entry) => entry.unknown || entry.keys.length > 0
    );
    if (left.length === 0) {
      dropped.push(item.id);
      continue;
    }
    const changed = remaining.some(
      (entry) => entry.keys.length !== keysOf(entry.index).length
    );
    const binding = changed
      ? (() => {
          const next = {
            ...item.binding,
            elements: left.map((entry) => elements[entry.index]),
          };
          const { revision: _revision, id: _id, ...configuration } = next;
          return { ...next, revision: hashConfiguration(configuration) };
        })()
      : item.binding;
    kept.push({
      binding: { ...binding, id: item.id } as MergedBinding['binding'],
      versionKeys: left.map((entry) => entry.keys),
      latest: false,
      heldBy: item.id,
    });
  }
  return { kept, dropped };
};

export { withoutVersions };

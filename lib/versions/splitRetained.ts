import type { BindingElement } from '../binding/types.js';
import { isStartElement } from './isStartElement.js';
import type { ExistingBinding, RetainedPart } from './types.js';

/**
 * The message elements the retained versions have in the existing
 * bindings, one part per binding and version. Start events are never
 * retained. An element without version keys (a record written before
 * versions were followed) belongs to the binding's `legacyKey`.
 *
 * @param existing - the bindings that exist now, with their version keys
 * @param retained - keys of the versions that stay active without being the latest
 */
const splitRetained = (
  existing: readonly ExistingBinding[],
  retained: ReadonlySet<string>
): RetainedPart[] => {
  const parts: RetainedPart[] = [];
  for (const item of existing) {
    const byKey = new Map<string, BindingElement[]>();
    item.binding.elements.forEach((element, index) => {
      if (isStartElement(element)) return;
      const keys =
        item.versionKeys?.[index] ??
        (item.legacyKey === undefined ? [] : [item.legacyKey]);
      for (const key of keys) {
        if (!retained.has(key)) continue;
        byKey.set(key, [...(byKey.get(key) ?? []), element]);
      }
    });
    for (const [key, elements] of byKey) {
      parts.push({
        key,
        heldBy: item.id,
        binding: { ...item.binding, elements },
      });
    }
  }
  return parts;
};

export { splitRetained };

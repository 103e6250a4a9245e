import { hashConfiguration } from '../binding/index.js';
import type { Binding, BindingElement } from '../binding/types.js';
import { VERSIONED_ID_MARK } from './constants.js';
import { consumerIdentity } from './consumerIdentity.js';
import type { MergedBinding, RetainedPart } from './types.js';
import { versionedBindingId } from './versionedBindingId.js';

/** The bindings of the active versions that share one consumer identity. */
interface Group {
  readonly identity: string;
  fresh?: Binding;
  readonly parts: RetainedPart[];
}

/** An existing binding id and its consumer identity. */
interface ExistingId {
  readonly id: string;
  readonly identity: string;
}

/** The latest version's bindings (natural ids) and its key, when known. */
interface LatestBindings {
  readonly key?: string;
  readonly bindings: readonly Binding[];
}

const byKey = (a: string, b: string): number =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with sorted keys: equal elements give equal text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byText(a, b)))
      : v
  );

/**
 * The elements of a group: the latest version's first, then those of the
 * retained versions; an element equal in several versions appears once,
 * with all their keys.
 */
const mergeElements = (
  group: Group,
  latestKey: string | undefined
): { elements: BindingElement[]; versionKeys: string[][] } => {
  const entries: {
    element: BindingElement;
    text: string;
    keys: Set<string>;
  }[] = [];
  const add = (element: BindingElement, keys: readonly string[]): void => {
    const text = canonical(element);
    const known = entries.find((entry) => entry.text === text);
    if (known === undefined) {
      entries.push({ element, text, keys: new Set(keys) });
    } else {
      for (const key of keys) known.keys.add(key);
    }
  };
  for (const element of group.fresh?.elements ?? []) {
    add(element, latestKey === undefined ? [] : [latestKey]);
  }
  const parts = [...group.parts].sort(
    (a, b) => byText(a.heldBy, b.heldBy) || byKey(a.key, b.key)
  );
  for (const part of parts) {
    for (const element of part.binding.elements) add(element, [part.key]);
  }
  return {
    elements: entries.map((entry) => entry.element),
    versionKeys: entries.map((entry) => [...entry.keys].sort(byKey)),
  };
};

/** Whether `id` is `natural` or the versioned form of it. */
const isFormOf = (id: string, natural: string): boolean =>
  id === natural || id.startsWith(`${natural}${VERSIONED_ID_MARK}`);

/**
 * Gives each group its binding id. Groups with retained members keep the
 * binding that serves them (their mapping keeps running); a group of the
 * latest version alone keeps an existing binding of its identity whose id
 * is a form of its natural id, else takes its natural id, else (another
 * group holds it) the versioned form.
 */
const assignIds = (
  groups: readonly Group[],
  existing: readonly ExistingId[]
): Map<Group, string> => {
  const ids = new Map<Group, string>();
  const claimed = new Set<string>();
  const claim = (group: Group, id: string): void => {
    ids.set(group, id);
    claimed.add(id);
  };
  for (const group of groups) {
    if (group.parts.length === 0) continue;
    const held = [...new Set(group.parts.map((part) => part.heldBy))].sort(
      byText
    );
    const natural = group.fresh?.id;
    claim(
      group,
      held.find((id) => natural !== undefined && isFormOf(id, natural)) ??
        held.find((id) => !claimed.has(id)) ??
        versionedBindingId(held[0] ?? '', group.identity)
    );
  }
  const freshOnly = groups.filter((group) => !ids.has(group));
  for (const group of freshOnly) {
    const natural = group.fresh?.id ?? '';
    const kept = existing.find(
      (item) =>
        item.identity === group.identity &&
        item.id !== natural &&
        isFormOf(item.id, natural) &&
        !claimed.has(item.id)
    );
    if (kept !== undefined) claim(group, kept.id);
  }
  for (const group of freshOnly) {
    if (ids.has(group)) continue;
    const natural = group.fresh?.id ?? '';
    claim(
      group,
      claimed.has(natural)
        ? versionedBindingId(natural, group.identity)
        : natural
    );
  }
  return ids;
};

/**
 * The bindings the active versions of one process need, as Camunda's
 * runtime shares one executable between the elements of all active
 * versions that subscribe alike: bindings of the latest version and the
 * message elements of retained versions are grouped by consumer identity
 * (cluster, topic, consumer group); each group is one binding, so one
 * mapping, whose elements are those of every member (equal elements once).
 * A group with the latest version's binding takes its Kafka settings;
 * a group of retained versions only keeps the settings it has. Revisions
 * are recomputed as `buildBindings` does, so a binding nothing merged into
 * keeps its id and revision.
 *
 * @param latest - the latest version's bindings, when the owner defines one
 * @param parts - the retained versions' message elements (`splitRetained`)
 * @param existing - the bindings that exist now, by id and identity
 * @example
 * ```ts
 * const merged = mergeVersionBindings(
 *   { key: '2251799813685300', bindings: model.bindings },
 *   splitRetained(records, new Set(['2251799813685249'])),
 *   records.map((r) => ({ id: r.id, identity: consumerIdentity(r.binding) }))
 * );
 * ```
 */
const mergeVersionBindings = (
  latest: LatestBindings | undefined,
  parts: readonly RetainedPart[],
  existing: readonly ExistingId[] = []
): MergedBinding[] => {
  const groups = new Map<string, Group>();
  const groupOf = (identity: string): Group => {
    const known = groups.get(identity);
    if (known !== undefined) return known;
    const group: Group = { identity, parts: [] };
    groups.set(identity, group);
    return group;
  };
  for (const binding of latest?.bindings ?? []) {
    groupOf(consumerIdentity(binding)).fresh = binding;
  }
  for (const part of parts) {
    groupOf(consumerIdentity(part.binding)).parts.push(part);
  }
  const ordered = [...groups.values()];
  const ids = assignIds(ordered, existing);
  return ordered
    .map((group): MergedBinding => {
      const id = ids.get(group) ?? '';
      const base =
        group.fresh ??
        group.parts.find((part) => part.heldBy === id)?.binding ??
        group.parts[0]?.binding;
      const { elements, versionKeys } = mergeElements(group, latest?.key);
      const {
        revision: _revision,
        id: _id,
        ...configuration
      } = { ...(base as Binding), elements };
      const heldBy = group.parts.find((part) => part.heldBy === id)?.heldBy;
      return {
        binding: {
          ...(base as Binding),
          id,
          elements,
          revision: hashConfiguration(configuration),
        },
        versionKeys,
        latest: group.fresh !== undefined,
        ...(heldBy === undefined ? {} : { heldBy }),
      };
    })
    .sort((a, b) => byText(a.binding.id, b.binding.id));
};

export type { ExistingId, LatestBindings };
export { mergeVersionBindings };

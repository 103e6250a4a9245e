import type { ParsedBpmn, Problem } from '../bpmn/types.js';
import { assignGroupIds } from './assignGroupIds.js';
import { DEDUPLICATION_EXCLUDED_PROPERTIES } from './constants.js';
import { hashConfiguration } from './hashConfiguration.js';
import { hashedBindingId, makeBindingId } from './makeBindingId.js';
import { type ReadElement, readElement } from './readElement.js';
import { maskCredentials } from './redactBinding.js';
import type { Binding, BindingModel } from './types.js';

const EXCLUDED = new Set<string>(DEDUPLICATION_EXCLUDED_PROPERTIES);

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Connection properties that differ between two elements of one group. */
const differingProperties = (a: ReadElement, b: ReadElement): string[] => {
  const names = new Set([
    ...Object.keys(a.source.properties),
    ...Object.keys(b.source.properties),
  ]);
  return [...names]
    .filter((n) => !EXCLUDED.has(n))
    .filter(
      (n) =>
        (a.source.properties[n] ?? '').trim() !==
        (b.source.properties[n] ?? '').trim()
    )
    .sort(byString);
};

interface Group {
  readonly processId: string;
  readonly deduplicationId?: string;
  readonly members: ReadElement[];
}

/**
 * The connector properties that decide an AUTO group, as written (Camunda
 * hashes every property except `PROPERTIES_EXCLUDED_FROM_DEDUPLICATION`).
 */
const autoGroupKey = (item: ReadElement): string =>
  JSON.stringify(
    Object.entries(item.source.properties)
      .filter(([name]) => !EXCLUDED.has(name))
      .sort(([a], [b]) => byString(a, b))
  );

/**
 * Elements that share one subscription, as Camunda's runtime groups them by
 * deduplication id: MANUAL by `deduplicationId`, AUTO with the elements of
 * the same process whose connector properties are identical, and an element
 * without `deduplicationMode` (older templates) on its own.
 */
const groupElements = (read: readonly ReadElement[]): Group[] => {
  const groups = new Map<string, Group>();
  for (const item of read) {
    const { processId, elementId } = item.source;
    const key = item.deduplicationId
      ? `${processId}\ndedup\n${item.deduplicationId}`
      : item.deduplication === 'auto'
        ? `${processId}\nauto\n${autoGroupKey(item)}`
        : `${processId}\nelement\n${elementId}`;
    const group = groups.get(key) ?? {
      processId,
      ...(item.deduplicationId
        ? { deduplicationId: item.deduplicationId }
        : {}),
      members: [],
    };
    group.members.push(item);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.members.sort((a, b) =>
      byString(a.source.elementId, b.source.elementId)
    );
  }
  return [...groups.values()];
};

/** Errors of a deduplication group whose elements disagree on the subscription. */
const groupErrors = (group: Group): Problem[] => {
  const [first, ...others] = group.members;
  if (!first) return [];
  return others.flatMap((other) => {
    const differing = differingProperties(first, other);
    return differing.length === 0
      ? []
      : [
          {
            elementId: other.source.elementId,
            property: differing[0] ?? '',
            message: `elements ${first.source.elementId} and ${other.source.elementId} share deduplication id "${group.deduplicationId}" but their Kafka properties differ (${differing.join(', ')}); elements of one deduplication id must describe the same subscription`,
          },
        ];
  });
};

/** Give every binding a unique id, falling back to the hashed form on a clash. */
const assignBindingIds = (groups: readonly Group[]): string[] => {
  const sources = groups.map((g) => ({
    processId: g.processId,
    key: g.deduplicationId ?? g.members[0]?.source.elementId ?? '',
    keyKind: g.deduplicationId
      ? ('deduplicationId' as const)
      : ('elementId' as const),
  }));
  const ids = sources.map(makeBindingId);
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return ids.map((id, i) => {
    const source = sources[i];
    return (counts.get(id) ?? 0) > 1 && source ? hashedBindingId(source) : id;
  });
};

const sortProblems = (problems: readonly Problem[]): Problem[] =>
  [...problems].sort(
    (a, b) =>
      byString(a.elementId ?? '', b.elementId ?? '') ||
      byString(a.property ?? '', b.property ?? '') ||
      byString(a.message, b.message)
  );

/**
 * Turn the Kafka elements of a parsed BPMN file into bindings (one Kafka
 * subscription each), validating every element and reporting all problems
 * at once. Elements of one process that share a manual deduplication id, or
 * that are in AUTO mode with identical connector properties, form one
 * binding; every other element gets its own. A binding is only produced
 * when all its elements are valid. The result does not depend on the order
 * of elements in the file.
 *
 * @param parsed - the result of `parseBpmn`
 * @example
 * const model = buildBindings(await parseBpmn(xml));
 * if (model.errors.length === 0) deploy(model.bindings);
 */
const buildBindings = (parsed: ParsedBpmn): BindingModel => {
  const errors: Problem[] = [...parsed.errors];
  const warnings: Problem[] = [...parsed.warnings];
  const processes = new Map(parsed.processes.map((p) => [p.id, p]));
  const read = parsed.elements.map(readElement);
  for (const item of read) {
    errors.push(...item.errors);
    warnings.push(...item.warnings);
  }
  const notExecutable = new Set<string>();
  for (const item of read) {
    const process = processes.get(item.source.processId);
    if (process && !process.isExecutable) notExecutable.add(process.id);
  }
  for (const processId of [...notExecutable].sort(byString)) {
    const count = read.filter((r) => r.source.processId === processId).length;
    warnings.push({
      message: `process "${processId}" is not executable (isExecutable is not true): Camunda does not deploy it, so its ${count} Kafka element(s) get no subscription`,
    });
  }
  const groups = groupElements(
    read.filter((r) => !notExecutable.has(r.source.processId))
  );
  const ids = assignBindingIds(groups);
  const bindings: Binding[] = [];
  groups.forEach((group, i) => {
    const problems = groupErrors(group);
    errors.push(...problems);
    const first = group.members[0];
    const id = ids[i];
    if (
      problems.length > 0 ||
      !first?.kafka ||
      id === undefined ||
      group.members.some((m) => m.errors.length > 0 || !m.kafka)
    ) {
      return;
    }
    bindings.push({
      id,
      revision: '',
      processId: group.processId,
      ...(group.deduplicationId
        ? { deduplicationId: group.deduplicationId }
        : {}),
      elements: group.members.map((m) => m.element),
      kafka: first.kafka,
      secrets: [...new Set(group.members.flatMap((m) => m.secrets))].sort(
        byString
      ),
    });
  });
  // Sorted first: messages that list several bindings must not depend on the
  // order of elements in the file.
  const assigned = assignGroupIds(
    [...bindings].sort((a, b) => byString(a.id, b.id))
  );
  errors.push(...assigned.errors);
  warnings.push(...assigned.warnings);
  // A binding appears only when none of its elements has an error anywhere.
  const faulty = new Set(errors.map((e) => e.elementId));
  const finished = assigned.bindings
    .filter((b) => !assigned.conflicting.has(b.id))
    .filter((b) => !b.elements.some((e) => faulty.has(e.elementId)))
    .map((binding) => {
      const { revision: _unset, id: _id, ...configuration } = binding;
      return { ...binding, revision: hashConfiguration(configuration) };
    });
  // Messages may quote what was typed: never a credential (validate prints
  // them, the provisioner stores them).
  const masked = (problems: Problem[]): Problem[] =>
    sortProblems(problems).map((problem) => {
      const message = maskCredentials(problem.message);
      return message === problem.message ? problem : { ...problem, message };
    });
  return {
    bindings: finished,
    warnings: masked(warnings),
    errors: masked(errors),
  };
};

export { buildBindings };

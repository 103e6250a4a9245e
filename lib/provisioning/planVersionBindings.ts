import type { Problem } from '../bpmn/types.js';
import { buildEsmPlan } from '../esm/index.js';
import type { PlatformSettings } from '../esm/types.js';
import type { ProcessStatus, StoredBinding } from '../store/types.js';
import {
  consumerIdentity,
  mergeVersionBindings,
  type ProcessVersion,
  splitRetained,
  supersedeVersions,
} from '../versions/index.js';
import { existingOf } from './existingOf.js';
import { keptBinding } from './keptBinding.js';
import type { DesiredBinding } from './types.js';

/** What the bindings of a process's active versions are planned from. */
interface VersionPlanInput {
  /** The latest version's bindings (natural ids); empty when it has none. */
  readonly fresh: readonly DesiredBinding[];
  /** The latest version's key; undefined when unknown or gone. */
  readonly latest?: { readonly key: string; readonly version?: number };
  readonly previous?: ProcessStatus;
  /** The process's binding records. */
  readonly records: readonly StoredBinding[];
  readonly platform: PlatformSettings;
  readonly now: Date;
}

/** The bindings to reconcile to, and the versions they serve. */
interface VersionPlan {
  readonly desired: DesiredBinding[];
  /** Undefined when no version is known (no Camunda key, none before). */
  readonly versions?: ProcessVersion[];
  readonly warnings: Problem[];
}

/**
 * The bindings a process needs for its active versions, as Camunda's
 * runtime keeps them (docs/parity.md, "Process versions"): the latest
 * version's bindings, and the message elements of older versions that are
 * retained until checks find nothing waiting, merged by consumer identity
 * (`mergeVersionBindings`). A binding with the latest version's elements
 * gets its Kafka settings and ESM plan (rebuilt when its id or elements
 * changed); a binding of retained versions only is kept as it is.
 *
 * @param input - the latest version's bindings, the status and records
 */
const planVersionBindings = (input: VersionPlanInput): VersionPlan => {
  const { previous, records, fresh } = input;
  const known = supersedeVersions(
    previous?.versions,
    previous?.versions === undefined
      ? previous?.processDefinitionKey
      : undefined,
    input.latest,
    input.now
  );
  const retained = new Set(
    known
      .filter((version) => !version.latest)
      .map((version) => version.processDefinitionKey)
  );
  const existing = records.map(existingOf);
  const merged = mergeVersionBindings(
    {
      ...(input.latest === undefined ? {} : { key: input.latest.key }),
      bindings: fresh.map((item) => item.deployed.binding),
    },
    splitRetained(existing, retained),
    existing.map((item) => ({
      id: item.id,
      identity: consumerIdentity(item.binding),
    }))
  );
  const warnings: Problem[] = [];
  const desired: DesiredBinding[] = [];
  for (const item of merged) {
    if (!item.latest) {
      const kept = keptBinding(
        item,
        records.find((record) => record.bindingId === item.heldBy)
      );
      if (kept === undefined) {
        warnings.push({
          message: `Binding ${item.binding.id} of an older version cannot be kept: its record has no mapping request; its elements ${item.binding.elements.map((e) => e.elementId).join(', ')} get no records until the version is deployed again.`,
        });
      } else {
        desired.push(kept);
      }
      continue;
    }
    const identity = consumerIdentity(item.binding);
    const source = fresh.find(
      (candidate) => consumerIdentity(candidate.deployed.binding) === identity
    ) as DesiredBinding;
    const deployed = { ...source.deployed, binding: item.binding };
    const unchanged =
      item.binding.id === source.plan.bindingId &&
      item.binding.revision === source.deployed.binding.revision;
    desired.push({
      deployed,
      plan: unchanged ? source.plan : buildEsmPlan(deployed, input.platform),
      versionKeys: item.versionKeys,
    });
  }
  const bindingIdsOf = (key: string): string[] =>
    merged
      .filter((item) => item.versionKeys.some((keys) => keys.includes(key)))
      .map((item) => item.binding.id);
  const versions = known
    .map((version) => ({
      ...version,
      bindingIds: bindingIdsOf(version.processDefinitionKey),
    }))
    // A retained version none of whose message elements reads Kafka needs
    // nothing: it is dropped at once.
    .filter((version) => version.latest || version.bindingIds.length > 0);
  return {
    desired,
    ...(versions.length === 0 && previous?.versions === undefined
      ? {}
      : { versions }),
    warnings,
  };
};

export type { VersionPlan, VersionPlanInput };
export { planVersionBindings };

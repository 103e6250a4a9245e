import { processKey } from '../store/index.js';
import type { ProcessStatus } from '../store/types.js';
import {
  countWaitingSubscriptions,
  isRetired,
  type ProcessVersion,
  recordCheck,
  type WaitingSubscriptions,
  withoutVersions,
} from '../versions/index.js';
import { commitPlan } from './commitPlan.js';
import { StatusNotes } from './constants.js';
import { describeFailure } from './describeFailure.js';
import { existingOf } from './existingOf.js';
import { keptBinding } from './keptBinding.js';
import { planReconcile } from './planReconcile.js';
import { readActual } from './readActual.js';
import type {
  DesiredBinding,
  ProvisionerDependencies,
  VersionCheckReport,
} from './types.js';

/** What asking Camunda about one version came to. */
type Outcome =
  | { readonly kind: 'found'; readonly waiting: WaitingSubscriptions }
  | { readonly kind: 'failed'; readonly reason: string };

const NO_CAMUNDA =
  'no Camunda client (DEPLOY_TO_CAMUNDA=false): the version cannot be checked';

/** Asks Camunda what waits on each retained version of a process. */
const askCamunda = async (
  status: ProcessStatus,
  deps: ProvisionerDependencies
): Promise<Map<string, Outcome>> => {
  const outcomes = new Map<string, Outcome>();
  for (const version of status.versions ?? []) {
    if (version.latest) continue;
    const key = version.processDefinitionKey;
    if (deps.versions === undefined) {
      outcomes.set(key, { kind: 'failed', reason: NO_CAMUNDA });
      continue;
    }
    try {
      const waiting = await countWaitingSubscriptions(deps.versions, key);
      outcomes.set(key, { kind: 'found', waiting });
    } catch (error) {
      outcomes.set(key, { kind: 'failed', reason: describeFailure(error) });
    }
  }
  return outcomes;
};

const reportOf = (
  processId: string,
  version: ProcessVersion,
  retired: boolean
): VersionCheckReport => {
  const check = version.lastCheck;
  const base = {
    processId,
    processDefinitionKey: version.processDefinitionKey,
    ...(version.version === undefined ? {} : { version: version.version }),
  };
  if (check?.kind === 'failed') {
    return { ...base, outcome: 'failed', reason: check.reason };
  }
  if (check?.kind === 'waiting') {
    return { ...base, outcome: 'waiting', subscriptions: check.subscriptions };
  }
  return { ...base, outcome: retired ? 'retired' : 'none', subscriptions: 0 };
};

/** The status as it was, with the versions after this check. */
const withVersions = (
  status: ProcessStatus,
  versions: readonly ProcessVersion[],
  now: Date
): ProcessStatus => ({
  ...status,
  versions: [...versions],
  updatedAt: now.toISOString(),
});

/**
 * Records the outcomes in the process's status and, when versions are
 * retired, deprovisions what only they needed — under the process lock,
 * on the status read then (an upload may have changed it since Camunda was
 * asked: only versions still retained take an outcome).
 */
const applyOutcomes = (
  processId: string,
  outcomes: ReadonlyMap<string, Outcome>,
  deps: ProvisionerDependencies
): Promise<VersionCheckReport[]> =>
  deps.store.withLock(processKey(processId), async () => {
    const previous = await deps.store.getStatus(processId);
    if (previous?.versions === undefined) return [];
    const now = deps.now();
    const checked = previous.versions.map((version) => {
      const outcome = outcomes.get(version.processDefinitionKey);
      return version.latest || outcome === undefined
        ? version
        : recordCheck(version, outcome, now);
    });
    const retired = new Set(
      checked.filter(isRetired).map((version) => version.processDefinitionKey)
    );
    const reports = (retiredNow: boolean) =>
      checked
        .filter(
          (version) =>
            !version.latest && outcomes.has(version.processDefinitionKey)
        )
        .map((version) =>
          reportOf(
            processId,
            version,
            retiredNow && retired.has(version.processDefinitionKey)
          )
        );
    if (retired.size === 0) {
      await deps.store.putStatus(withVersions(previous, checked, now));
      return reports(false);
    }
    const actual = await readActual(processId, [], previous, deps);
    const { kept, dropped } = withoutVersions(
      actual.records.map(existingOf),
      retired
    );
    const desired: DesiredBinding[] = [];
    for (const item of kept) {
      const binding = keptBinding(
        item,
        actual.records.find((record) => record.bindingId === item.heldBy)
      );
      if (binding === undefined) {
        // Without the mapping request nothing can be kept as it is:
        // deprovision nothing, say so.
        const reason = `binding ${item.binding.id} has no recorded mapping request; upload the process again to retire its older versions`;
        await deps.store.putStatus(withVersions(previous, checked, now));
        return reports(false).map((report) =>
          retired.has(report.processDefinitionKey)
            ? { ...report, outcome: 'failed' as const, reason }
            : report
        );
      }
      desired.push(binding);
    }
    const gone = new Set(dropped);
    const versions = checked
      .filter((version) => !retired.has(version.processDefinitionKey))
      .map((version) => ({
        ...version,
        bindingIds: version.bindingIds.filter((id) => !gone.has(id)),
      }));
    await commitPlan(
      planReconcile(processId, desired, actual),
      {
        sourceKey: previous.sourceKey,
        sourceVersion: previous.sourceVersion,
        ...(previous.sequencer === undefined
          ? {}
          : { sequencer: previous.sequencer }),
        warnings: previous.warnings,
        // A rejected file's errors stay; an unfinished run's error goes
        // once this reconcile brought everything in line with the records.
        errors: previous.errors.filter(
          (error) => !error.message.startsWith(StatusNotes.unfinished)
        ),
        ...(previous.deploymentKey === undefined
          ? {}
          : { deploymentKey: previous.deploymentKey }),
        ...(previous.processDefinitionKey === undefined
          ? {}
          : { processDefinitionKey: previous.processDefinitionKey }),
        ...(previous.appliedVersion === undefined
          ? {}
          : { appliedVersion: previous.appliedVersion }),
        ...(previous.owner === undefined ? {} : { owner: previous.owner }),
        versions,
      },
      new Map(),
      deps
    );
    return reports(true);
  });

/**
 * The scheduled check of retained versions, as Camunda's connectors
 * runtime does it (docs/binding-model.md, "Process versions"): for every
 * process with older versions kept active, asks Camunda which message
 * subscriptions still wait on each (`POST /v2/message-subscriptions/search`,
 * by process definition key and state CREATED, paged) and records the
 * answer in the status; a version found empty on
 * `VersionDefaults.emptyChecksToRetire` checks in a row is retired: the
 * elements only it had leave their bindings, and a binding left without
 * elements is deprovisioned (alias, secrets, mapping, record). Fail safe:
 * when Camunda cannot be asked, nothing is concluded or deprovisioned; the
 * report says `failed` and the next check asks again.
 *
 * @param deps - ports, configuration, clock and observer
 * @returns one report per retained version checked
 * @example
 * ```ts
 * const reports = await checkVersions(deps);
 * ```
 */
const checkVersions = async (
  deps: ProvisionerDependencies
): Promise<VersionCheckReport[]> => {
  const reports: VersionCheckReport[] = [];
  const statuses = await deps.store.listStatuses();
  for (const status of statuses) {
    if (!(status.versions ?? []).some((version) => !version.latest)) continue;
    const outcomes = await askCamunda(status, deps);
    let processReports: VersionCheckReport[];
    try {
      processReports = await applyOutcomes(status.processId, outcomes, deps);
    } catch (error) {
      const reason = describeFailure(error);
      processReports = (status.versions ?? [])
        .filter((version) => !version.latest)
        .map((version) => ({
          processId: status.processId,
          processDefinitionKey: version.processDefinitionKey,
          ...(version.version === undefined
            ? {}
            : { version: version.version }),
          outcome: 'failed' as const,
          reason,
        }));
    }
    for (const report of processReports) {
      deps.observer?.onVersionCheck?.(report);
      reports.push(report);
    }
  }
  return reports;
};

export { checkVersions };

import type { Problem } from '../bpmn/types.js';
import { processKey } from '../store/index.js';
import type { ProcessStatus } from '../store/types.js';
import { commitPlan } from './commitPlan.js';
import { planReconcile } from './planReconcile.js';
import { planVersionBindings } from './planVersionBindings.js';
import { readActual } from './readActual.js';
import type { DesiredBinding, ProvisionerDependencies } from './types.js';

/** What one process is reconciled to. */
interface ReconcileRequest {
  readonly processId: string;
  /** The latest version's bindings (natural ids, ESM plans). */
  readonly fresh: readonly DesiredBinding[];
  /** The file (or `camunda:<processId>`) and its version. */
  readonly source: {
    readonly key: string;
    readonly version: string;
    readonly sequencer?: string;
  };
  /**
   * The Camunda version provisioned now; undefined when it is unknown
   * (not deployed by the provisioner) or gone (deleted in Camunda).
   */
  readonly latest?: { readonly key: string; readonly version?: number };
  readonly warnings: readonly Problem[];
  readonly secretValues: ReadonlyMap<string, string>;
  readonly deploymentKey?: string;
  /** `camunda` when discovery provisions the process. */
  readonly owner?: 'camunda';
}

const ownerName = (status: ProcessStatus): string =>
  status.owner === 'camunda'
    ? 'Camunda (discovered deployments)'
    : status.sourceKey;

/**
 * Reconciles one process under its lock: the bindings of its latest
 * version plus those its retained versions still need
 * (`planVersionBindings`), then aliases, secrets, ESMs and records
 * (`planReconcile`, `applyPlan`), and its status with the active versions.
 *
 * @param request - the latest version's bindings and where they come from
 * @param deps - the ports
 * @returns the status written
 * @throws what applying the plan threw, after the status says so
 */
const reconcileProcess = (
  request: ReconcileRequest,
  deps: ProvisionerDependencies
): Promise<ProcessStatus> =>
  deps.store.withLock(processKey(request.processId), async () => {
    const { processId, source } = request;
    const previous = await deps.store.getStatus(processId);
    const actual = await readActual(processId, request.fresh, previous, deps);
    const versionPlan = planVersionBindings({
      fresh: request.fresh,
      ...(request.latest === undefined ? {} : { latest: request.latest }),
      ...(previous === undefined ? {} : { previous }),
      records: actual.records,
      platform: deps.config.platform,
      now: deps.now(),
    });
    const plan = planReconcile(processId, versionPlan.desired, actual);
    const warnings: Problem[] = [...request.warnings, ...versionPlan.warnings];
    if (previous !== undefined && previous.sourceKey !== source.key) {
      warnings.push({
        message: `The process was provisioned from ${ownerName(previous)} before; ${
          request.owner === 'camunda'
            ? 'Camunda (discovered deployments)'
            : source.key
        } now defines it.`,
      });
    }
    return commitPlan(
      plan,
      {
        sourceKey: source.key,
        sourceVersion: source.version,
        ...(source.sequencer === undefined
          ? {}
          : { sequencer: source.sequencer }),
        warnings,
        ...(request.deploymentKey === undefined
          ? {}
          : { deploymentKey: request.deploymentKey }),
        ...(request.latest === undefined
          ? {}
          : { processDefinitionKey: request.latest.key }),
        ...(request.owner === undefined ? {} : { owner: request.owner }),
        ...(versionPlan.versions === undefined
          ? {}
          : { versions: versionPlan.versions }),
      },
      request.secretValues,
      deps
    );
  });

export type { ReconcileRequest };
export { reconcileProcess };

import { processKey } from '../store/index.js';
import { applyContextOf } from './applyContextOf.js';
import { applyPlan } from './applyPlan.js';
import { planReconcile } from './planReconcile.js';
import { readActual } from './readActual.js';
import type { ProvisionerDependencies } from './types.js';

/**
 * Removes everything of a process (every version's bindings) and its
 * status, under its lock. With discovery on, a bucket file's process is
 * remembered as released with its Camunda version, so that discovery does
 * not take that version up again (a newer deployment it does).
 *
 * @param processId - the process
 * @param deps - the ports
 * @param options - `release: false` when the platform itself goes (the
 *   teardown): nothing is remembered for discovery
 */
const removeProcess = async (
  processId: string,
  deps: ProvisionerDependencies,
  options: { readonly release?: boolean } = {}
): Promise<void> => {
  await deps.store.withLock(processKey(processId), async () => {
    const previous = await deps.store.getStatus(processId);
    const actual = await readActual(processId, [], previous, deps);
    const plan = planReconcile(processId, [], actual);
    await applyPlan(plan, {
      ...applyContextOf(deps),
      sourceKey: previous?.sourceKey ?? '',
      sourceVersion: previous?.sourceVersion ?? '',
      secretValues: new Map(),
    });
    await deps.store.deleteStatus(processId);
    if (
      options.release !== false &&
      deps.config.discoverDeployments &&
      previous?.owner === undefined &&
      previous?.processDefinitionKey !== undefined
    ) {
      await deps.store.putReleased({
        processId,
        processDefinitionKey: previous.processDefinitionKey,
        sourceKey: previous.sourceKey,
        releasedAt: deps.now().toISOString(),
      });
    }
  });
};

export { removeProcess };

import { checkVersions } from './checkVersions.js';
import { discoverDeployments } from './discoverDeployments.js';
import type {
  DiscoveryMemo,
  ProvisionerDependencies,
  ScheduledCheckResult,
} from './types.js';

/**
 * One scheduled run of the provisioner: discovery of deployments made in
 * Camunda when `discoverDeployments` is on (`discoverDeployments`), then
 * the check of retained versions (`checkVersions`). It never throws for
 * Camunda being unreachable: each report says what could not be asked, and
 * the next run asks again. While the platform is torn down it does nothing.
 *
 * @param deps - ports, configuration, clock and observer
 * @param memo - definitions known to have no Kafka element (kept by the host)
 * @example
 * ```ts
 * const { checks } = await runScheduledCheck(deps);
 * ```
 */
const runScheduledCheck = async (
  deps: ProvisionerDependencies,
  memo: DiscoveryMemo = new Set<string>()
): Promise<ScheduledCheckResult> => {
  if ((await deps.store.tearingDownSince()) !== undefined) {
    // The stack is being deleted: neither discover nor retire anything.
    return { discovery: [], checks: [] };
  }
  const discovery = deps.config.discoverDeployments
    ? await discoverDeployments(deps, memo)
    : [];
  const checks = await checkVersions(deps);
  return { discovery, checks };
};

export { runScheduledCheck };

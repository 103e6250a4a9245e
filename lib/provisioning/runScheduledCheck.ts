import { checkVersions } from './checkVersions.js';
import type { ProvisionerDependencies, ScheduledCheckResult } from './types.js';

/**
 * One scheduled run of the provisioner: the check of retained versions
 * (`checkVersions`). It never throws for Camunda being unreachable: each
 * report says what could not be asked, and the next run asks again.
 *
 * @param deps - ports, configuration, clock and observer
 * @example
 * ```ts
 * const { checks } = await runScheduledCheck(deps);
 * ```
 */
const runScheduledCheck = async (
  deps: ProvisionerDependencies
): Promise<ScheduledCheckResult> => {
  const checks = await checkVersions(deps);
  return { discovery: [], checks };
};

export { runScheduledCheck };

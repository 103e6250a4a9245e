import type { Binding } from '../binding/types.js';
import type { Problem } from '../bpmn/types.js';
import type { DeployedBinding } from '../consumer/types.js';
import { buildEsmPlan } from '../esm/index.js';
import type { PlatformSettings } from '../esm/types.js';
import type { DesiredBinding } from './types.js';

/**
 * The ESM plan of every binding of a file, with the plans' warnings and
 * errors located at the binding's element. The provisioner refuses a file
 * whose plans have errors; `validate` reports the same errors, from this
 * same function, so that it fails exactly where an upload would.
 *
 * @param bindings - the file's valid bindings
 * @param deploy - the binding as the platform runs it
 * @param platform - the platform settings (MSK clusters discovered)
 */
const planBindings = (
  bindings: readonly Binding[],
  deploy: (binding: Binding) => DeployedBinding,
  platform: PlatformSettings
): {
  readonly desired: DesiredBinding[];
  readonly warnings: Problem[];
  readonly errors: Problem[];
} => {
  const desired: DesiredBinding[] = [];
  const warnings: Problem[] = [];
  const errors: Problem[] = [];
  for (const binding of bindings) {
    const deployed = deploy(binding);
    const plan = buildEsmPlan(deployed, platform);
    const elementId = binding.elements[0]?.elementId;
    const locate = (problem: Problem): Problem =>
      problem.elementId === undefined && elementId !== undefined
        ? { elementId, ...problem }
        : problem;
    warnings.push(...plan.warnings.map(locate));
    errors.push(...(plan.errors ?? []).map(locate));
    desired.push({ deployed, plan });
  }
  return { desired, warnings, errors };
};

export { planBindings };

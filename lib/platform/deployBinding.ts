import type { Binding } from '../binding/types.js';
import type { DeployedBinding } from '../consumer/types.js';
import type { PlatformDefaults } from './types.js';

/**
 * A binding as the platform runs it: ordering, key concurrency, ESM mode and
 * tenant from the platform defaults, plus the process definition key when
 * the BPMN was deployed.
 *
 * @param binding - a binding of the model
 * @param defaults - the platform defaults
 * @param processDefinitionKey - the key Camunda gave the deployed process
 */
const deployBinding = (
  binding: Binding,
  defaults: PlatformDefaults,
  processDefinitionKey?: string
): DeployedBinding => ({
  binding,
  ordering: defaults.ordering,
  keyConcurrency: defaults.keyConcurrency,
  esmMode: defaults.esmMode,
  ...(defaults.tenantId === undefined ? {} : { tenantId: defaults.tenantId }),
  ...(defaults.businessIdUniqueness ? { businessIdUniqueness: true } : {}),
  ...(processDefinitionKey === undefined ? {} : { processDefinitionKey }),
});

export { deployBinding };

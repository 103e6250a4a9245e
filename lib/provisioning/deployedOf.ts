import type { Binding } from '../binding/types.js';
import type { DeployedBinding } from '../consumer/types.js';
import type { ProvisionerDependencies } from './types.js';

/**
 * A binding as deployed: the platform defaults, the tenant, and the process
 * definition key Camunda gave its version, when known.
 *
 * @param binding - a binding of the model
 * @param deps - the provisioner's configuration
 * @param processDefinitionKey - the version's key
 */
const deployedOf = (
  binding: Binding,
  deps: Pick<ProvisionerDependencies, 'config'>,
  processDefinitionKey?: string
): DeployedBinding => ({
  binding,
  ordering: deps.config.defaults.ordering,
  keyConcurrency: deps.config.defaults.keyConcurrency,
  esmMode: deps.config.defaults.esmMode,
  ...(deps.config.tenantId === undefined
    ? {}
    : { tenantId: deps.config.tenantId }),
  ...(processDefinitionKey === undefined ? {} : { processDefinitionKey }),
});

export { deployedOf };

import type { ProvisionerDependencies } from './types.js';

/**
 * The ports and platform facts every `applyPlan` call gets: the secret
 * prefix (where binding secrets are looked for) and the MSK clusters (SCRAM
 * secret associations), besides the store, mappings and secrets.
 *
 * @param deps - the provisioner's dependencies
 */
const applyContextOf = (deps: ProvisionerDependencies) => ({
  mappings: deps.mappings,
  secrets: deps.secrets,
  store: deps.store,
  now: deps.now,
  secretPrefix: deps.config.secretPrefix,
  mskClusterArns: deps.config.platform.mskClusters.map((c) => c.arn),
  ...(deps.msk === undefined ? {} : { msk: deps.msk }),
});

export { applyContextOf };

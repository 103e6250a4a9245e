import type { Problem } from '../bpmn/types.js';
import type { PlatformSettings } from '../esm/types.js';
import type { MskClusters } from './types.js';

/**
 * The platform settings with the brokers and listeners of every MSK cluster
 * given by ARN alone, read with `GetBootstrapBrokers`, so that a binding's
 * bootstrap servers can be matched to its cluster. A cluster that cannot be
 * read keeps no brokers (a binding on it is then an error naming it) and
 * gives a warning saying why.
 *
 * @param platform - the settings read from the environment
 * @param msk - the MSK port; absent when the platform has no clusters
 */
const discoverMskClusters = async (
  platform: PlatformSettings,
  msk: MskClusters | undefined
): Promise<{ platform: PlatformSettings; warnings: Problem[] }> => {
  const warnings: Problem[] = [];
  if (msk === undefined) {
    return { platform, warnings };
  }
  const clusters = [];
  for (const cluster of platform.mskClusters) {
    if (cluster.bootstrapServers.length > 0) {
      clusters.push(cluster);
      continue;
    }
    const found = await msk.describe(cluster.arn);
    if (found.kind === 'found') {
      clusters.push({
        arn: cluster.arn,
        bootstrapServers: found.bootstrapServers,
        authentication: found.authentication,
      });
    } else {
      clusters.push(cluster);
      warnings.push({
        property: 'mskClusterArns',
        message: `The MSK cluster ${cluster.arn} cannot be read (${found.reason}): bindings on its brokers cannot be mapped.`,
      });
    }
  }
  return { platform: { ...platform, mskClusters: clusters }, warnings };
};

export { discoverMskClusters };

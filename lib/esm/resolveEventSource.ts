import type { Problem } from '../bpmn/types.js';
import type { EsmEventSource, PlatformSettings } from './types.js';

// Provisioned and serverless MSK broker names:
// b-1.name.abc123.c2.kafka.eu-west-1.amazonaws.com,
// b-1-public.name.abc123.c2.kafka.eu-west-1.amazonaws.com,
// boot-abc.c1.kafka-serverless.eu-west-1.amazonaws.com (and .com.cn).
const MSK_HOST =
  /\.kafka(?:-serverless)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

const PROPERTY = 'topic.bootstrapServers';

/**
 * Host name of a `host:port` bootstrap server, lower-cased, without a
 * `PROTOCOL://` prefix.
 *
 * @param server - a bootstrap server as written
 */
const hostOf = (server: string): string => {
  const withoutScheme = server.trim().replace(/^[a-z_]+:\/\//i, '');
  const colon = withoutScheme.lastIndexOf(':');
  const host = colon === -1 ? withoutScheme : withoutScheme.slice(0, colon);
  return host.toLowerCase();
};

/**
 * The AWS region of an MSK broker host name, or undefined when the host is
 * not an MSK host name.
 *
 * @param server - a bootstrap server (`host:port`)
 */
const mskRegionOf = (server: string): string | undefined =>
  MSK_HOST.exec(hostOf(server))?.[1];

/**
 * Decides whether a binding reads from Amazon MSK or self-managed Kafka.
 *
 * Rule: the binding uses MSK cluster X when one of its bootstrap hosts is a
 * broker host of X in `platform.mskClusters` (ports are ignored: MSK serves
 * each authentication on its own port of the same hosts). Otherwise it is
 * self-managed — unless its hosts are MSK host names
 * (`*.kafka.<region>.amazonaws.com`): connecting to an MSK cluster the
 * platform does not know as self-managed Kafka would leave the ESM without
 * the cluster's IAM permissions and networking, so that is an error naming
 * what to configure, never a silent fallback.
 *
 * @param servers - the binding's bootstrap servers
 * @param platform - the platform's known MSK clusters and region
 */
const resolveEventSource = (
  servers: readonly string[],
  platform: Pick<PlatformSettings, 'mskClusters' | 'region'>
): { source: EsmEventSource; warnings: Problem[]; errors: Problem[] } => {
  const hosts = new Set(servers.map(hostOf));
  const cluster = platform.mskClusters.find((candidate) =>
    candidate.bootstrapServers.some((server) => hosts.has(hostOf(server)))
  );
  if (cluster !== undefined) {
    return {
      source: {
        kind: 'msk',
        clusterArn: cluster.arn,
        ...(cluster.authentication === undefined
          ? {}
          : { authentication: cluster.authentication }),
      },
      warnings: [],
      errors: [],
    };
  }
  const source: EsmEventSource = { kind: 'selfManaged' };
  const mskRegions = servers
    .map(mskRegionOf)
    .filter((region): region is string => region !== undefined);
  if (mskRegions.length === 0) {
    return { source, warnings: [], errors: [] };
  }
  const undiscovered = platform.mskClusters.filter(
    (candidate) => candidate.bootstrapServers.length === 0
  );
  const errors: Problem[] = [
    undiscovered.length > 0
      ? {
          property: PROPERTY,
          message: `The bootstrap servers are Amazon MSK brokers, and the brokers of the platform's MSK cluster(s) ${undiscovered.map((c) => c.arn).join(', ')} are not known here: the provisioner reads them with kafka:GetBootstrapBrokers; offline, give them as <clusterArn>=<broker>|<broker> in MSK_CLUSTER_ARNS.`,
        }
      : {
          property: PROPERTY,
          message:
            'The bootstrap servers are Amazon MSK brokers of a cluster the platform does not know: add the cluster ARN to the stack prop mskClusterArns (an ESM must read an MSK cluster as MSK, with the cluster ARN and its IAM permissions).',
        },
  ];
  const otherRegion = mskRegions.find((region) => region !== platform.region);
  if (otherRegion !== undefined) {
    errors.push({
      property: PROPERTY,
      message: `The MSK brokers are in ${otherRegion}, the platform in ${platform.region}: an MSK event source must be in the function's region.`,
    });
  }
  return { source, warnings: [], errors };
};

export { hostOf, mskRegionOf, resolveEventSource };

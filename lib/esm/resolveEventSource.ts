import type { Problem } from '../bpmn/types.js';
import type { EsmEventSource, PlatformSettings } from './types.js';

// Provisioned and serverless MSK broker names:
// b-1.name.abc123.c2.kafka.eu-west-1.amazonaws.com,
// boot-abc.c1.kafka-serverless.eu-west-1.amazonaws.com (and .com.cn).
const MSK_HOST =
  /\.kafka(?:-serverless)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

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
 * each auth mode on its own port). Otherwise it is self-managed; when its
 * hosts are MSK host names (`*.kafka.<region>.amazonaws.com`) a warning says
 * the cluster is unknown, so the ESM connects to it as self-managed Kafka.
 *
 * @param servers - the binding's bootstrap servers
 * @param platform - the platform's known MSK clusters and region
 */
const resolveEventSource = (
  servers: readonly string[],
  platform: Pick<PlatformSettings, 'mskClusters' | 'region'>
): { source: EsmEventSource; warnings: Problem[] } => {
  const hosts = new Set(servers.map(hostOf));
  const cluster = platform.mskClusters.find((candidate) =>
    candidate.bootstrapServers.some((server) => hosts.has(hostOf(server)))
  );
  if (cluster !== undefined) {
    return { source: { kind: 'msk', clusterArn: cluster.arn }, warnings: [] };
  }
  const mskRegions = servers
    .map(mskRegionOf)
    .filter((region): region is string => region !== undefined);
  if (mskRegions.length === 0) {
    return {
      source: { kind: 'selfManaged', unknownMskHosts: false },
      warnings: [],
    };
  }
  const warnings: Problem[] = [
    {
      property: 'topic.bootstrapServers',
      message:
        'The bootstrap servers are Amazon MSK brokers of a cluster the platform does not know (not configured, not discovered): the ESM connects to them as self-managed Kafka. Add the cluster ARN to the platform settings to use an MSK event source.',
    },
  ];
  const otherRegion = mskRegions.find((region) => region !== platform.region);
  if (otherRegion !== undefined) {
    warnings.push({
      property: 'topic.bootstrapServers',
      message: `The MSK brokers are in ${otherRegion}, the platform in ${platform.region}: an MSK event source must be in the function's region.`,
    });
  }
  return { source: { kind: 'selfManaged', unknownMskHosts: true }, warnings };
};

export { hostOf, mskRegionOf, resolveEventSource };

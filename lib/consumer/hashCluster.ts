import { createHash } from 'node:crypto';

/**
 * A cluster identity (lib/kafka `clusterIdentity`) as keys carry it: 16 hex
 * digits (64 bits) of its SHA-256, enough to tell a handful of clusters
 * apart, short whatever the bootstrap server list.
 *
 * @param cluster - `clusterIdentity` of an event
 */
const hashCluster = (cluster: string): string =>
  createHash('sha256').update(cluster).digest('hex').slice(0, 16);

export { hashCluster };

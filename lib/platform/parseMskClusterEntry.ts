import type { MskCluster } from '../esm/types.js';

/**
 * One entry of `mskClusterArns` / `MSK_CLUSTER_ARNS`: a cluster ARN, or
 * `<clusterArn>=<broker>|<broker>…` when its brokers are given (then they
 * need not be discovered: synth time, `validate` offline). Infra and the
 * functions read entries with this one parser, so the IAM statements name
 * the same ARN the ESM uses.
 *
 * @param entry - the entry as written
 */
const parseMskClusterEntry = (entry: string): MskCluster => {
  const separator = entry.indexOf('=');
  const arn = (separator === -1 ? entry : entry.slice(0, separator)).trim();
  const servers = separator === -1 ? '' : entry.slice(separator + 1);
  return {
    arn,
    bootstrapServers: servers
      .split('|')
      .map((server) => server.trim())
      .filter((server) => server !== ''),
  };
};

export { parseMskClusterEntry };

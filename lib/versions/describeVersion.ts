import { VersionDefaults } from './constants.js';
import type { ProcessVersion } from './types.js';

/**
 * Why a version is active, in one line (for `status` and logs).
 *
 * @param version - an active version
 */
const describeVersion = (version: ProcessVersion): string => {
  if (version.latest) return 'the latest version';
  const check = version.lastCheck;
  if (check === undefined) {
    const since =
      version.supersededAt === undefined ? '' : ` ${version.supersededAt}`;
    return `superseded${since}; kept until a check finds nothing waiting`;
  }
  switch (check.kind) {
    case 'waiting':
      return `${check.capped ? 'at least ' : ''}${check.subscriptions} waiting message subscription(s)${
        check.elementIds.length === 0
          ? ''
          : ` at ${check.elementIds.join(', ')}`
      } (checked ${check.at})`;
    case 'none': {
      const left =
        VersionDefaults.emptyChecksToRetire - (version.emptyChecks ?? 0);
      return `nothing waits (checked ${check.at}); retired after ${left} more empty check(s)`;
    }
    case 'failed':
      return `kept: the last check failed (${check.at}: ${check.reason}); retried at the next check`;
  }
};

export { describeVersion };

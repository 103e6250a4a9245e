import { VersionDefaults } from './constants.js';
import type { ProcessVersion, WaitingSubscriptions } from './types.js';

/**
 * A retained version after one check: what was found waiting (and the
 * count of empty checks in a row), or why Camunda could not be asked (a
 * failure neither counts nor resets: nothing is concluded from it).
 *
 * @param version - the version checked
 * @param outcome - the subscriptions found, or the failure's reason
 * @param now - the clock
 */
const recordCheck = (
  version: ProcessVersion,
  outcome:
    | { readonly kind: 'found'; readonly waiting: WaitingSubscriptions }
    | { readonly kind: 'failed'; readonly reason: string },
  now: Date
): ProcessVersion => {
  const at = now.toISOString();
  if (outcome.kind === 'failed') {
    return {
      ...version,
      lastCheck: { kind: 'failed', at, reason: outcome.reason },
    };
  }
  const { waiting } = outcome;
  return waiting.count > 0
    ? {
        ...version,
        emptyChecks: 0,
        lastCheck: {
          kind: 'waiting',
          at,
          subscriptions: waiting.count,
          capped: waiting.capped,
          elementIds: waiting.elementIds,
        },
      }
    : {
        ...version,
        emptyChecks: (version.emptyChecks ?? 0) + 1,
        lastCheck: { kind: 'none', at },
      };
};

/**
 * Whether a version is retired: not the latest, and the last
 * `emptyChecksToRetire` checks in a row found nothing waiting.
 *
 * @param version - a version of a process
 */
const isRetired = (version: ProcessVersion): boolean =>
  !version.latest &&
  (version.emptyChecks ?? 0) >= VersionDefaults.emptyChecksToRetire;

export { isRetired, recordCheck };

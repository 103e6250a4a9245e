import type { ProcessVersion } from './types.js';

/**
 * The versions of a process after its owner provisioned `latest` (or, with
 * `latest` undefined, after the process lost its latest version: deleted
 * in Camunda, or not deployed by the provisioner). The previous latest
 * becomes a retained version from `now`; versions already retained keep
 * their checks. Bindings are filled in by the caller, which also drops
 * retained versions left without elements.
 *
 * @param previous - the status's versions (undefined: none recorded)
 * @param legacyKey - the status's process definition key, when it
 *   predates versions (it is then the previous latest)
 * @param latest - the version provisioned now
 * @param now - the clock
 */
const supersedeVersions = (
  previous: readonly ProcessVersion[] | undefined,
  legacyKey: string | undefined,
  latest: { readonly key: string; readonly version?: number } | undefined,
  now: Date
): ProcessVersion[] => {
  const known: readonly ProcessVersion[] =
    previous ??
    (legacyKey === undefined
      ? []
      : [{ processDefinitionKey: legacyKey, latest: true, bindingIds: [] }]);
  const others = known
    .filter((version) => version.processDefinitionKey !== latest?.key)
    .map(
      (version): ProcessVersion =>
        version.latest
          ? {
              ...version,
              latest: false,
              supersededAt: now.toISOString(),
              emptyChecks: 0,
            }
          : version
    );
  return latest === undefined
    ? others
    : [
        {
          processDefinitionKey: latest.key,
          ...(latest.version === undefined ? {} : { version: latest.version }),
          latest: true,
          bindingIds: [],
        },
        ...others,
      ];
};

export { supersedeVersions };

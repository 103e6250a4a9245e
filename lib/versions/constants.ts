/**
 * How versions are followed. A version that is not the latest is retired
 * after `emptyChecksToRetire` checks in a row found nothing waiting: one
 * empty answer could be Camunda's search index lagging behind an instance
 * that just reached a message element (secondary storage is eventually
 * consistent). Waiting subscriptions are read `pageSize` at a time, at most
 * `maxPages` pages (then "at least" that many wait).
 */
const VersionDefaults = {
  emptyChecksToRetire: 2,
  pageSize: 1_000,
  maxPages: 20,
  /** Minutes between two scheduled checks (stack prop `versionCheckInterval`). */
  checkIntervalMinutes: 5,
  /** Seconds between two checks of the local runtime. */
  localCheckIntervalSeconds: 30,
} as const;

/** Marks an id of a binding that shares its natural id with another. */
const VERSIONED_ID_MARK = '--v';

export { VERSIONED_ID_MARK, VersionDefaults };

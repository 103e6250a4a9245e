import { resolve } from 'node:path';
import { createMemoryIdempotency } from '../consumer/index.js';
import { readPlatformDefaults } from '../platform/index.js';
import { VersionDefaults } from '../versions/index.js';
import { LocalDefaults, LocalEnv } from './constants.js';
import { createLocalReconciler } from './createLocalReconciler.js';
import { discoverDeployments } from './discoverDeployments.js';
import { formatBindingSummary } from './formatBindingSummary.js';
import { readLocalEnv } from './readLocalEnv.js';
import { scanProcessesDir } from './scanProcessesDir.js';
import type {
  LocalBindingStatus,
  LocalRuntime,
  LocalRuntimeOptions,
} from './types.js';
import { type FolderWatch, watchProcessesDir } from './watchProcessesDir.js';

/**
 * Runs the Kafka bindings of a folder of BPMN files against Kafka and
 * Camunda, each through an emulated event source mapping and the same
 * batch algorithm as the Lambda consumer. Watches the folder: a new or
 * changed file (re)starts its bindings, a removed file stops them, a file
 * with errors changes nothing that runs. With `versions`, an older version
 * of a process keeps consuming while instances wait on its message
 * elements (checked every `versionCheckMs`), as on AWS.
 *
 * @param options - folder, Camunda port, dead-letter file, env and logger
 * @throws LocalConfigError when a LOCAL_RETRY_* variable (or, with versions
 *   or discovery, LOCAL_VERSION_CHECK_MS / LOCAL_DISCOVER_MS) is not a
 *   positive whole number or LOCAL_SUMMARY_INTERVAL_MS not a whole number (0: no
 *   summary), PlatformConfigError for the platform defaults' variables
 * @example
 * ```ts
 * const runtime = await startLocalRuntime({
 *   processesDir: 'processes', camunda, deadLetterFile: 'dlq.jsonl',
 *   env: process.env, log,
 * });
 * // … later
 * await runtime.stop();
 * ```
 */
const startLocalRuntime = async (
  options: LocalRuntimeOptions
): Promise<LocalRuntime> => {
  const { env, log } = options;
  const read = readLocalEnv(env);
  const positive = { minimum: 1, what: 'a positive whole number' };
  const dir = resolve(options.processesDir);
  const deadLetterFile = resolve(options.deadLetterFile);
  // Every setting is read before anything starts: a bad one starts nothing.
  const summaryMs =
    options.summaryIntervalMs ??
    read.integer(LocalEnv.summaryIntervalMs, LocalDefaults.summaryIntervalMs, {
      minimum: 0,
      what: 'a whole number of milliseconds (0: no summary)',
    });
  const checkEveryMs = VersionDefaults.localCheckIntervalSeconds * 1_000;
  const versionCheckMs =
    options.versions === undefined
      ? checkEveryMs
      : (options.versionCheckMs ??
        read.integer(LocalEnv.versionCheckMs, checkEveryMs, positive));
  const discoverMs =
    options.discover === undefined
      ? checkEveryMs
      : (options.discoverMs ??
        read.integer(LocalEnv.discoverMs, checkEveryMs, positive));
  let stopped = false;
  let reloading: Promise<void> = Promise.resolve();

  /** Runs `work` after everything queued before it (one change at a time). */
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = reloading.then(() => (stopped ? undefined : work()));
    reloading = next.catch(() => undefined);
    return next;
  };

  const reconciler = createLocalReconciler({
    options,
    // The emulated ESM honours partial batch responses (provisioned mode).
    defaults: { ...readPlatformDefaults(env), esmMode: 'provisioned' },
    deadLetterFile,
    idempotency: options.idempotency ?? createMemoryIdempotency(),
    retryInitialMs:
      options.retryInitialMs ??
      read.integer(
        LocalEnv.retryInitialMs,
        LocalDefaults.retryInitialMs,
        positive
      ),
    retryMaxMs:
      options.retryMaxMs ??
      read.integer(LocalEnv.retryMaxMs, LocalDefaults.retryMaxMs, positive),
    enqueue,
  });

  const reload = (): Promise<void> =>
    enqueue(async () => {
      await scanProcessesDir(dir, reconciler, log, () => stopped);
    });

  // A change the watcher saw: files still being written (empty, or
  // changed within two debounce periods) are read later.
  const settleMs = options.watchDebounceMs ?? LocalDefaults.watchDebounceMs;
  let settleTimer: NodeJS.Timeout | undefined;
  const reloadChanged = (): Promise<void> =>
    enqueue(async () => {
      const { unsettled } = await scanProcessesDir(
        dir,
        reconciler,
        log,
        () => stopped,
        2 * settleMs
      );
      clearTimeout(settleTimer);
      if (unsettled && !stopped) {
        settleTimer = setTimeout(() => void reloadChanged(), settleMs);
        settleTimer.unref();
      }
    });

  const summarize = (bindings: readonly LocalBindingStatus[]): void => {
    for (const binding of bindings) {
      log.info(formatBindingSummary(binding));
    }
  };

  log.info(`reading BPMN files from ${dir}`);
  log.info(`dead letters go to ${deadLetterFile}`);
  await reload();
  if (reconciler.files().length === 0) {
    log.info(
      `no BPMN files in ${dir} yet: add one (it is watched), or start with --processes <dir>`
    );
  }

  const watcher: FolderWatch | undefined =
    (options.watch ?? true)
      ? watchProcessesDir(dir, () => void reloadChanged(), settleMs, log)
      : undefined;
  const summaryTimer =
    summaryMs > 0
      ? setInterval(() => summarize(reconciler.status()), summaryMs)
      : undefined;
  summaryTimer?.unref();
  const versionTimer =
    options.versions === undefined
      ? undefined
      : setInterval(
          () => void enqueue(() => reconciler.checkVersions()),
          versionCheckMs
        );
  versionTimer?.unref();
  const discover = options.discover;
  const discoverTimer =
    discover === undefined
      ? undefined
      : setInterval(
          () =>
            void enqueue(() => discoverDeployments(discover, reconciler, log)),
          discoverMs
        );
  discoverTimer?.unref();
  if (discover !== undefined) {
    await enqueue(() => discoverDeployments(discover, reconciler, log));
  }

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    watcher?.close();
    clearTimeout(settleTimer);
    reconciler.cancelRetries();
    clearInterval(summaryTimer);
    clearInterval(versionTimer);
    clearInterval(discoverTimer);
    await reloading;
    summarize(await reconciler.stop());
  };

  return { reload, status: reconciler.status, stop };
};

export { startLocalRuntime };

import { loadBindingModel } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem } from '../bpmn/index.js';
import { describeError } from '../common/index.js';
import {
  consumerIdentity,
  countWaitingSubscriptions,
  type ExistingBinding,
  isRetired,
  type MergedBinding,
  mergeVersionBindings,
  type ProcessVersion,
  recordCheck,
  splitRetained,
  supersedeVersions,
} from '../versions/index.js';
import { LocalDefaults } from './constants.js';
import { retryDelay } from './retryDelay.js';
import {
  type LocalBindingContext,
  type RunningBinding,
  startLocalBinding,
} from './startLocalBinding.js';
import type { LocalBindingStatus, LocalDeployResult } from './types.js';

/** A process definition found in Camunda (`start --discover`). */
interface DiscoveredDefinition {
  readonly processId: string;
  readonly key: string;
  readonly version?: number;
}

/** What the reconciler needs from the runtime. */
interface LocalReconcilerContext
  extends Omit<LocalBindingContext, 'hinted' | 'holdReason'> {
  /** Runs `work` after everything queued before it (deploy retries too). */
  readonly enqueue: (work: () => Promise<void>) => Promise<void>;
}

/** The running bindings of a folder of BPMN files, kept equal to the files. */
interface LocalReconciler {
  /** Hash of the content last read for the file (valid or not). */
  readonly hashOf: (file: string) => string | undefined;
  /** Every file read so far and not removed. */
  readonly files: () => string[];
  /**
   * Takes a new content of a file: starts, restarts and stops its bindings
   * to match it and deploys it; a content with errors changes nothing that
   * runs. With `discovered`, the content is a definition deployed in
   * Camunda already: only that process's bindings run, nothing is deployed.
   */
  readonly load: (
    file: string,
    xml: string,
    hash: string,
    discovered?: DiscoveredDefinition
  ) => Promise<void>;
  /** Stops the bindings of a removed file and forgets the file. */
  readonly remove: (file: string) => Promise<void>;
  readonly status: () => LocalBindingStatus[];
  /** Cancels the deployment retries not yet due. */
  readonly cancelRetries: () => void;
  /**
   * Asks Camunda what waits on the older versions still consuming, and
   * stops what only versions nothing waits on (two checks in a row) need.
   */
  readonly checkVersions: () => Promise<void>;
  /**
   * Stops every binding (committing what is done) and forgets every file.
   * Returns the status of the bindings just before they were forgotten.
   */
  readonly stop: () => Promise<LocalBindingStatus[]>;
}

interface FileState {
  /** Hash of the content last read (valid or not). */
  hash: string;
  /**
   * Why the file's records must wait (its deployment to Camunda is pending
   * or was refused); undefined = records go through.
   */
  holdReason?: string;
  /** Bindings started from the last valid content, by binding id. */
  readonly running: Map<string, RunningBinding>;
  /** The bindings of the last valid content (natural ids). */
  latest: readonly Binding[];
  /** The active versions of each process of the file (keys known once deployed). */
  readonly versions: Map<string, ProcessVersion[]>;
  /** The versions of each element of each running binding. */
  readonly versionKeys: Map<string, readonly (readonly string[])[]>;
}

const newState = (hash: string): FileState => ({
  hash,
  running: new Map(),
  latest: [],
  versions: new Map(),
  versionKeys: new Map(),
});

/**
 * The reconciler of the local runtime: for each BPMN file, the bindings of
 * its last valid content run, and its records wait until that content is
 * deployed to Camunda (when the runtime deploys).
 *
 * @param context - what the bindings share, and the runtime's work queue
 */
const createLocalReconciler = (
  context: LocalReconcilerContext
): LocalReconciler => {
  const { options, enqueue } = context;
  const { log } = options;
  const files = new Map<string, FileState>();
  const deployTimers = new Set<NodeJS.Timeout>();
  const bindingContext: LocalBindingContext = {
    ...context,
    hinted: new Set<string>(),
    holdReason: (file) => files.get(file)?.holdReason,
  };

  const stopBindings = async (
    file: string,
    bindings: readonly RunningBinding[],
    why: string
  ): Promise<void> => {
    await Promise.all(
      bindings.map(async (running) => {
        await running.esm.stop();
        log.info(`${file}: stopped ${running.name} (${why})`);
      })
    );
  };

  /** Starts, restarts and stops the bindings of a file to match `model`. */
  const reconcile = async (
    file: string,
    bindings: readonly Binding[],
    why = 'changed or removed from the file'
  ): Promise<void> => {
    const state = files.get(file) ?? newState('');
    files.set(file, state);
    const wanted = new Map(bindings.map((b) => [b.id, b]));
    const outdated = [...state.running.values()].filter(
      (running) =>
        wanted.get(running.binding.id)?.revision !== running.binding.revision
    );
    for (const running of outdated) state.running.delete(running.binding.id);
    await stopBindings(file, outdated, why);
    for (const binding of bindings) {
      if (state.running.has(binding.id)) continue;
      const started = startLocalBinding(bindingContext, file, binding);
      if (started !== undefined) state.running.set(binding.id, started);
    }
    if (bindings.length === 0) {
      log.info(`${file}: no Kafka elements`);
    }
  };

  /**
   * The bindings the file's active versions need (lib/versions, as the
   * provisioner plans them): the last valid content's, plus the message
   * elements of older versions still retained, grouped by consumer
   * identity. `latestKeys` are the keys of the content's versions once
   * deployed; before that every known version counts as retained (a new
   * one is on its way, and the merge is the same either way).
   */
  const planVersions = (
    state: FileState,
    latestKeys: ReadonlyMap<string, string> | undefined
  ): MergedBinding[] => {
    const existing: ExistingBinding[] = [...state.running.values()].map(
      (running) => {
        const keys = state.versionKeys.get(running.binding.id);
        return {
          id: running.binding.id,
          binding: running.binding,
          ...(keys === undefined ? {} : { versionKeys: keys }),
        };
      }
    );
    const processIds = new Set([
      ...state.latest.map((binding) => binding.processId),
      ...state.versions.keys(),
    ]);
    const merged: MergedBinding[] = [];
    for (const processId of processIds) {
      const latestKey = latestKeys?.get(processId);
      const retained = new Set(
        (state.versions.get(processId) ?? [])
          .filter((version) =>
            latestKeys === undefined ? true : !version.latest
          )
          .map((version) => version.processDefinitionKey)
      );
      const own = existing.filter(
        (item) => item.binding.processId === processId
      );
      merged.push(
        ...mergeVersionBindings(
          {
            ...(latestKey === undefined ? {} : { key: latestKey }),
            bindings: state.latest.filter(
              (binding) => binding.processId === processId
            ),
          },
          splitRetained(own, retained),
          own.map((item) => ({
            id: item.id,
            identity: consumerIdentity(item.binding),
          }))
        )
      );
    }
    return merged;
  };

  /** Runs the planned bindings and remembers their versions. */
  const apply = async (
    file: string,
    state: FileState,
    merged: readonly MergedBinding[],
    why?: string
  ): Promise<void> => {
    await reconcile(
      file,
      merged.map((item) => item.binding),
      why
    );
    state.versionKeys.clear();
    for (const item of merged) {
      state.versionKeys.set(item.binding.id, item.versionKeys);
    }
    for (const [processId, versions] of state.versions) {
      const kept = versions
        .map((version) => ({
          ...version,
          bindingIds: merged
            .filter((item) =>
              item.versionKeys.some((keys) =>
                keys.includes(version.processDefinitionKey)
              )
            )
            .map((item) => item.binding.id),
        }))
        .filter((version) => version.latest || version.bindingIds.length > 0);
      state.versions.set(processId, kept);
    }
  };

  /**
   * Takes the versions Camunda made of the file's processes: the previous
   * latest versions become retained, the bindings are planned again.
   */
  const followVersions = async (
    file: string,
    state: FileState,
    processes: Extract<LocalDeployResult, { kind: 'deployed' }>['processes']
  ): Promise<void> => {
    if (options.versions === undefined || processes === undefined) return;
    const latestKeys = new Map<string, string>();
    for (const process of processes) {
      latestKeys.set(process.processId, process.key);
      state.versions.set(
        process.processId,
        supersedeVersions(
          state.versions.get(process.processId),
          undefined,
          {
            key: process.key,
            ...(process.version === undefined
              ? {}
              : { version: process.version }),
          },
          new Date()
        )
      );
    }
    await apply(file, state, planVersions(state, latestKeys));
    for (const [processId, versions] of state.versions) {
      const older = versions.filter((version) => !version.latest);
      if (older.length > 0) {
        log.info(
          `${file}: ${processId} version(s) ${older.map((v) => v.version ?? v.processDefinitionKey).join(', ')} keep consuming while instances may wait on their message elements`
        );
      }
    }
  };

  /**
   * Deploys the file to Camunda. Its bindings run meanwhile (so Kafka
   * trouble shows), but its records wait until the deployment is done;
   * while Camunda is away, tries again later (unless the file changed).
   */
  const deploy = async (
    file: string,
    xml: string,
    hash: string,
    attempt: number
  ): Promise<void> => {
    const state = files.get(file);
    if (options.deploy === undefined || state?.hash !== hash) return;
    const result = await options.deploy(file, xml).catch(
      (error: unknown): LocalDeployResult => ({
        kind: 'retry',
        reason: describeError(error, { causes: true }),
      })
    );
    if (result.kind === 'deployed') {
      delete state.holdReason;
      await followVersions(file, state, result.processes);
      log.info(
        `${file}: deployed to Camunda${result.detail ? ` (${result.detail})` : ''}`
      );
      return;
    }
    if (result.kind === 'rejected') {
      state.holdReason = `Camunda refused the deployment of ${file}`;
      log.error(
        `${file}: Camunda refused the deployment (${result.reason}); its records wait until a version Camunda accepts is saved (or start with --no-deploy)`
      );
      return;
    }
    state.holdReason = `${file} is not deployed to Camunda yet`;
    const delayMs = retryDelay(
      attempt,
      options.deployRetryMs ?? LocalDefaults.deployRetryMs,
      LocalDefaults.reconnectMaxMs
    );
    // The first failure is news; the retries are not.
    (attempt === 1 ? log.warn : log.debug)(
      `${file}: cannot deploy to Camunda yet (${result.reason}); its records wait until it is deployed (next try in ${Math.round(delayMs / 1000)} s)`
    );
    const timer = setTimeout(() => {
      deployTimers.delete(timer);
      void enqueue(() => deploy(file, xml, hash, attempt + 1));
    }, delayMs);
    deployTimers.add(timer);
  };

  const loadFile = async (
    file: string,
    xml: string,
    hash: string,
    discovered?: DiscoveredDefinition
  ): Promise<void> => {
    const known = files.get(file);
    let model: Awaited<ReturnType<typeof loadBindingModel>>;
    try {
      model = await loadBindingModel(xml);
    } catch (error) {
      log.error(
        `${file}: cannot be read: ${describeError(error, { causes: true })}`
      );
      return;
    }
    for (const problem of model.warnings) {
      log.warn(`${file}: ${formatProblem(problem)}`);
    }
    if (model.errors.length > 0) {
      for (const problem of model.errors) {
        log.error(`${file}: ${formatProblem(problem)}`);
      }
      log.error(
        `${file}: not started because of the errors above${known !== undefined && known.running.size > 0 ? '; what runs from its previous version keeps running' : ''}`
      );
      return;
    }
    const state = files.get(file) ?? newState(hash);
    files.set(file, state);
    if (options.deploy !== undefined) {
      // Records wait from now until this version is deployed.
      state.holdReason = `${file} is not deployed to Camunda yet`;
    }
    const bindings =
      discovered === undefined
        ? model.bindings
        : model.bindings.filter(
            (binding) => binding.processId === discovered.processId
          );
    if (discovered !== undefined) {
      // Deployed already: nothing to deploy, nothing to hold.
      delete state.holdReason;
      if (bindings.length === 0 && state.running.size === 0) return;
    }
    state.latest = bindings;
    if (options.versions === undefined) {
      await reconcile(file, bindings);
    } else {
      await apply(file, state, planVersions(state, undefined));
    }
    if (discovered !== undefined) {
      await followVersions(file, state, [discovered]);
      return;
    }
    await deploy(file, xml, hash, 1);
  };

  const status = (): LocalBindingStatus[] =>
    [...files.values()].flatMap((state) =>
      [...state.running.values()].map((running) => running.status())
    );

  const checkVersions = async (): Promise<void> => {
    const search = options.versions;
    if (search === undefined) return;
    for (const [file, state] of files) {
      let retiredAny = false;
      for (const [processId, versions] of state.versions) {
        const checked: ProcessVersion[] = [];
        for (const version of versions) {
          if (version.latest) {
            checked.push(version);
            continue;
          }
          const outcome = await countWaitingSubscriptions(
            search,
            version.processDefinitionKey
          ).then(
            (waiting) => ({ kind: 'found' as const, waiting }),
            (error: unknown) => ({
              kind: 'failed' as const,
              reason: describeError(error, { causes: true }),
            })
          );
          if (outcome.kind === 'failed') {
            log.warn(
              `${file}: cannot check ${processId} version ${version.version ?? version.processDefinitionKey} (${outcome.reason}); it keeps consuming, checked again later`
            );
          }
          const next = recordCheck(version, outcome, new Date());
          if (isRetired(next)) {
            retiredAny = true;
            log.info(
              `${file}: ${processId} version ${version.version ?? version.processDefinitionKey}: nothing waits any more; its bindings stop`
            );
            continue;
          }
          checked.push(next);
        }
        state.versions.set(processId, checked);
      }
      if (retiredAny) {
        const latestKeys = new Map(
          [...state.versions].flatMap(([processId, versions]) => {
            const latest = versions.find((version) => version.latest);
            return latest === undefined
              ? []
              : [[processId, latest.processDefinitionKey] as const];
          })
        );
        await apply(
          file,
          state,
          planVersions(state, latestKeys),
          'an older version it served is retired: nothing waits on it'
        );
      }
    }
  };

  return {
    hashOf: (file) => files.get(file)?.hash,
    files: () => [...files.keys()],
    load: async (file, xml, hash, discovered) => {
      const state = files.get(file) ?? newState(hash);
      state.hash = hash;
      files.set(file, state);
      await loadFile(file, xml, hash, discovered);
    },
    remove: async (file) => {
      const state = files.get(file);
      if (state === undefined) return;
      await stopBindings(file, [...state.running.values()], 'file removed');
      files.delete(file);
    },
    status,
    checkVersions,
    cancelRetries: () => {
      for (const timer of deployTimers) clearTimeout(timer);
    },
    stop: async () => {
      await Promise.all(
        [...files].map(([file, state]) =>
          stopBindings(file, [...state.running.values()], 'shutting down')
        )
      );
      const last = status();
      files.clear();
      return last;
    },
  };
};

export type { DiscoveredDefinition, LocalReconciler, LocalReconcilerContext };
export { createLocalReconciler };

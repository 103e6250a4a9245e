import { loadBindingModel } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem } from '../bpmn/index.js';
import { describeError } from '../common/index.js';
import { LocalDefaults } from './constants.js';
import { retryDelay } from './retryDelay.js';
import {
  type LocalBindingContext,
  type RunningBinding,
  startLocalBinding,
} from './startLocalBinding.js';
import type { LocalBindingStatus, LocalDeployResult } from './types.js';

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
   * runs.
   */
  readonly load: (file: string, xml: string, hash: string) => Promise<void>;
  /** Stops the bindings of a removed file and forgets the file. */
  readonly remove: (file: string) => Promise<void>;
  readonly status: () => LocalBindingStatus[];
  /** Cancels the deployment retries not yet due. */
  readonly cancelRetries: () => void;
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
}

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
    bindings: readonly Binding[]
  ): Promise<void> => {
    const state = files.get(file) ?? { hash: '', running: new Map() };
    files.set(file, state);
    const wanted = new Map(bindings.map((b) => [b.id, b]));
    const outdated = [...state.running.values()].filter(
      (running) =>
        wanted.get(running.binding.id)?.revision !== running.binding.revision
    );
    for (const running of outdated) state.running.delete(running.binding.id);
    await stopBindings(file, outdated, 'changed or removed from the file');
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
    hash: string
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
    const state = files.get(file);
    if (options.deploy !== undefined && state !== undefined) {
      // Records wait from now until this version is deployed.
      state.holdReason = `${file} is not deployed to Camunda yet`;
    }
    await reconcile(file, model.bindings);
    await deploy(file, xml, hash, 1);
  };

  const status = (): LocalBindingStatus[] =>
    [...files.values()].flatMap((state) =>
      [...state.running.values()].map((running) => running.status())
    );

  return {
    hashOf: (file) => files.get(file)?.hash,
    files: () => [...files.keys()],
    load: async (file, xml, hash) => {
      const state = files.get(file) ?? { hash, running: new Map() };
      state.hash = hash;
      files.set(file, state);
      await loadFile(file, xml, hash);
    },
    remove: async (file) => {
      const state = files.get(file);
      if (state === undefined) return;
      await stopBindings(file, [...state.running.values()], 'file removed');
      files.delete(file);
    },
    status,
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

export type { LocalReconciler, LocalReconcilerContext };
export { createLocalReconciler };

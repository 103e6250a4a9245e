import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadBindingModel } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem } from '../bpmn/index.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
} from '../consumer/index.js';
import type { RecordEvent } from '../consumer/types.js';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  SchemaRegistryPort,
} from '../kafka/types.js';
import { deployBinding, readPlatformDefaults } from '../platform/index.js';
import { buildLocalKafkaSettings } from './buildLocalKafkaSettings.js';
import { LocalDefaults, LocalEnv } from './constants.js';
import { createEsmConsumer, describeError } from './createEsmConsumer.js';
import { createFileDeadLetterSink } from './createFileDeadLetterSink.js';
import { kafkajsLogCreator } from './createLocalLogger.js';
import { createLocalSchemaRegistry } from './createLocalSchemaRegistry.js';
import { LocalRuntimeError } from './errors.js';
import { retryDelay } from './retryDelay.js';
import type {
  EsmConsumer,
  EsmConsumerEvent,
  LocalBindingStatus,
  LocalDeployResult,
  LocalRuntime,
  LocalRuntimeOptions,
} from './types.js';

interface RunningBinding {
  readonly binding: Binding;
  readonly esm: EsmConsumer;
  readonly status: () => LocalBindingStatus;
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

interface Counters {
  received: number;
  activated: number;
  deadLettered: number;
}

const positiveInt = (value: string | undefined, fallback: number): number => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

const elementsOf = (binding: Binding): string =>
  binding.elements.map((element) => element.elementId).join(', ');

/**
 * Runs the Kafka bindings of a folder of BPMN files against Kafka and
 * Camunda, each through an emulated event source mapping and the same
 * batch algorithm as the Lambda consumer. Watches the folder: a new or
 * changed file (re)starts its bindings, a removed file stops them, a file
 * with errors changes nothing that runs.
 *
 * @param options - folder, Camunda port, dead-letter file, env and logger
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
  // The emulated ESM honours partial batch responses (provisioned mode).
  const defaults = {
    ...readPlatformDefaults(env),
    esmMode: 'provisioned',
  } as const;
  const dir = resolve(options.processesDir);
  const deadLetterFile = resolve(options.deadLetterFile);
  const idempotency = options.idempotency ?? createMemoryIdempotency();
  const files = new Map<string, FileState>();
  // Server lists already explained to the user (one long hint per list).
  const hinted = new Set<string>();
  const deployTimers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let reloading: Promise<void> = Promise.resolve();

  /** Every partition of the event fails at its first record. */
  const holdAll = (event: KafkaEvent): KafkaBatchResponse => ({
    batchItemFailures: Object.entries(event.records).flatMap(
      ([partition, records]) =>
        records[0] === undefined
          ? []
          : [{ itemIdentifier: { partition, offset: records[0].offset } }]
    ),
  });

  const startBinding = (
    file: string,
    binding: Binding
  ): RunningBinding | undefined => {
    const name = `${binding.processId}/${elementsOf(binding)}`;
    let settings: ReturnType<typeof buildLocalKafkaSettings>;
    let schemaRegistry: SchemaRegistryPort | undefined;
    try {
      settings = buildLocalKafkaSettings(binding, env);
      schemaRegistry = createLocalSchemaRegistry(binding, env);
    } catch (error) {
      if (!(error instanceof LocalRuntimeError)) throw error;
      log.error(`${file}: ${name} not started: ${error.message}`);
      return undefined;
    }
    const counters: Counters = { received: 0, activated: 0, deadLettered: 0 };
    const lastRetryReason = new Map<number, string>();
    const observer = {
      onRecord: (event: RecordEvent): void => {
        if (event.type === 'received') counters.received += 1;
        if (event.type === 'activated') counters.activated += 1;
        if (event.type === 'retry') {
          lastRetryReason.set(event.partition, event.detail ?? 'retry');
        }
        if (event.type === 'created' || event.type === 'published') {
          log.debug(
            `${name}: ${event.topic}-${event.partition}@${event.offset} ${event.type}`
          );
        }
      },
    };
    const deadLetters = createFileDeadLetterSink(deadLetterFile, (letter) => {
      counters.deadLettered += 1;
      log.warn(
        `${name}: ${letter.topic}-${letter.partition}@${letter.offset} dead-lettered (${letter.reason}: ${letter.error}) → ${deadLetterFile}`
      );
    });
    const processor = createBatchProcessor(deployBinding(binding, defaults), {
      camunda: options.camunda,
      deadLetters,
      idempotency,
      observer,
      ...(schemaRegistry === undefined ? {} : { schemaRegistry }),
    });
    const serverList = settings.servers.join(',');
    let waitingReported = false;
    const onEvent = (event: EsmConsumerEvent): void => {
      switch (event.type) {
        case 'waiting':
          if (waitingReported) {
            log.debug(
              `${name}: still waiting for Kafka at ${serverList} (${event.reason}); next try in ${event.retryInMs} ms`
            );
          } else if (hinted.has(serverList)) {
            waitingReported = true;
            log.warn(`${name}: waiting for Kafka at ${serverList} as well`);
          } else {
            waitingReported = true;
            hinted.add(serverList);
            log.warn(
              `${name}: waiting for Kafka at ${serverList} (${event.reason}). Start Kafka there, or point the binding elsewhere: ` +
                (settings.serversOverridden
                  ? `${LocalEnv.bootstrapServers}=host:port (set now)`
                  : `topic.bootstrapServers in ${file}, or ${LocalEnv.bootstrapServers}=host:port for every local binding`) +
                '. Retrying in the background (every few seconds, then every 30 s).'
            );
          }
          break;
        case 'joined':
          if (waitingReported)
            log.info(`${name}: Kafka at ${serverList} is reachable now`);
          waitingReported = false;
          log.info(
            `${name}: consuming ${binding.kafka.topic} partitions ${event.partitions.join(', ') || '(none)'} as group ${binding.kafka.groupId}`
          );
          break;
        case 'retryScheduled':
          log.warn(
            `${name}: ${binding.kafka.topic}-${event.partition}@${event.offset} not done (${lastRetryReason.get(event.partition) ?? 'failed'}); redelivery in ${event.delayMs} ms (attempt ${event.attempt})`
          );
          break;
        case 'crashed':
          log.warn(
            `${name}: the Kafka consumer failed (${event.reason}); ${event.restart ? 'restarting' : 'reconnecting'}`
          );
          break;
        case 'problem':
          log.warn(`${name}: ${event.reason}`);
          break;
        case 'invoked':
          log.debug(
            `${name}: batch of ${event.records} record(s) from ${event.partitions.join(', ')}`
          );
          break;
        case 'committed':
          log.debug(
            `${name}: committed ${binding.kafka.topic}-${event.partition} at ${event.offset}`
          );
          break;
        default:
          break;
      }
    };
    const esm = createEsmConsumer({
      name,
      client: {
        ...settings.client,
        logCreator: kafkajsLogCreator(log),
      },
      groupId: binding.kafka.groupId,
      topic: binding.kafka.topic,
      fromBeginning: settings.fromBeginning,
      ...(binding.kafka.offsets === undefined
        ? {}
        : { offsets: binding.kafka.offsets }),
      batchSize: settings.batchSize,
      batchWindowMs: settings.batchWindowMs,
      ...(settings.sessionTimeoutMs === undefined
        ? {}
        : { sessionTimeoutMs: settings.sessionTimeoutMs }),
      ...(settings.heartbeatIntervalMs === undefined
        ? {}
        : { heartbeatIntervalMs: settings.heartbeatIntervalMs }),
      retryInitialMs:
        options.retryInitialMs ??
        positiveInt(env[LocalEnv.retryInitialMs], LocalDefaults.retryInitialMs),
      retryMaxMs:
        options.retryMaxMs ??
        positiveInt(env[LocalEnv.retryMaxMs], LocalDefaults.retryMaxMs),
      ...(options.reconnectInitialMs === undefined
        ? {}
        : { reconnectInitialMs: options.reconnectInitialMs }),
      ...(options.reconnectMaxMs === undefined
        ? {}
        : { reconnectMaxMs: options.reconnectMaxMs }),
      processBatch: async (event) => {
        const held = files.get(file)?.holdReason;
        if (held !== undefined) {
          for (const records of Object.values(event.records)) {
            const first = records[0];
            if (first) lastRetryReason.set(first.partition, held);
          }
          return holdAll(event);
        }
        return (await processor.process(event)).response;
      },
      onEvent,
    });
    log.info(
      `${file}: process ${binding.processId}, element ${elementsOf(binding)} ← topic ${binding.kafka.topic}, group ${binding.kafka.groupId}, servers ${serverList}`
    );
    esm.start();
    return {
      binding,
      esm,
      status: () => ({
        file,
        bindingId: binding.id,
        revision: binding.revision,
        processId: binding.processId,
        elementIds: binding.elements.map((element) => element.elementId),
        topic: binding.kafka.topic,
        groupId: binding.kafka.groupId,
        servers: settings.servers,
        ...counters,
        consumer: esm.stats(),
      }),
    };
  };

  const stopBindings = async (
    file: string,
    bindings: readonly RunningBinding[],
    why: string
  ): Promise<void> => {
    await Promise.all(
      bindings.map(async (running) => {
        await running.esm.stop();
        log.info(
          `${file}: stopped ${running.binding.processId}/${elementsOf(running.binding)} (${why})`
        );
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
      const started = startBinding(file, binding);
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
        reason: describeError(error),
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
      log.error(`${file}: cannot be read: ${describeError(error)}`);
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

  const scan = async (): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((entry) =>
        entry.toLowerCase().endsWith('.bpmn')
      );
    } catch (error) {
      log.error(`cannot read the folder ${dir}: ${describeError(error)}`);
      names = [];
    }
    const present = new Set(names);
    for (const [file, state] of [...files]) {
      if (present.has(file)) continue;
      await stopBindings(file, [...state.running.values()], 'file removed');
      files.delete(file);
    }
    for (const file of names.sort()) {
      if (stopped) return;
      let xml: string;
      try {
        xml = await readFile(join(dir, file), 'utf8');
      } catch {
        // Removed between readdir and readFile: the next scan sees it gone.
        continue;
      }
      const hash = createHash('sha256').update(xml).digest('hex');
      const known = files.get(file);
      if (known?.hash === hash) continue;
      const state = known ?? { hash, running: new Map() };
      state.hash = hash;
      files.set(file, state);
      await loadFile(file, xml, hash);
    }
  };

  /** Runs `work` after everything queued before it (one change at a time). */
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = reloading.then(() => (stopped ? undefined : work()));
    reloading = next.catch(() => undefined);
    return next;
  };

  const reload = (): Promise<void> => enqueue(scan);

  const status = (): LocalBindingStatus[] =>
    [...files.values()].flatMap((state) =>
      [...state.running.values()].map((running) => running.status())
    );

  const summarize = (): void => {
    for (const binding of status()) {
      const lag = binding.consumer.partitions
        // `?`: nothing fetched from the partition yet.
        .map((p) => `${p.partition}:${p.lag ?? '?'}`)
        .join(' ');
      log.info(
        `summary ${binding.processId}/${binding.elementIds.join(', ')}: received ${binding.received}, activated ${binding.activated}, dead-lettered ${binding.deadLettered}, lag ${lag || '(no partitions yet)'} [${binding.consumer.state}]`
      );
    }
  };

  log.info(`reading BPMN files from ${dir}`);
  log.info(`dead letters go to ${deadLetterFile}`);
  await reload();
  if (files.size === 0) {
    log.info(
      `no BPMN files in ${dir} yet: add one (it is watched), or start with --processes <dir>`
    );
  }

  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  if (options.watch ?? true) {
    try {
      watcher = watch(dir, () => {
        clearTimeout(debounce);
        debounce = setTimeout(
          () => void reload(),
          options.watchDebounceMs ?? LocalDefaults.watchDebounceMs
        );
      });
      watcher.on('error', (error) =>
        log.warn(`watching ${dir} stopped: ${describeError(error)}`)
      );
    } catch (error) {
      log.warn(`cannot watch ${dir}: ${describeError(error)}`);
    }
  }
  const summaryMs =
    options.summaryIntervalMs ??
    positiveInt(
      env[LocalEnv.summaryIntervalMs],
      LocalDefaults.summaryIntervalMs
    );
  const summaryTimer =
    summaryMs > 0 ? setInterval(summarize, summaryMs) : undefined;
  summaryTimer?.unref();

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    watcher?.close();
    clearTimeout(debounce);
    for (const timer of deployTimers) clearTimeout(timer);
    clearInterval(summaryTimer);
    await reloading;
    await Promise.all(
      [...files].map(([file, state]) =>
        stopBindings(file, [...state.running.values()], 'shutting down')
      )
    );
    summarize();
    files.clear();
  };

  return { reload, status, stop };
};

export { startLocalRuntime };

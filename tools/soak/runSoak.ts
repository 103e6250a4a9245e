import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import type { CamundaOutcome, CamundaPort } from '../../lib/camunda/types.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
  createMemoryResolvedOffsets,
  toHandlerResponse,
} from '../../lib/consumer/index.js';
import type {
  BatchResult,
  DeadLetter,
  IdempotencyPort,
  ResolvedOffsetsStore,
} from '../../lib/consumer/types.js';
import { analyzeSoakRun } from './analyzeSoakRun.js';
import { buildSoakBinding } from './buildSoakBinding.js';
import {
  KILL_AT_MAX_CALL,
  VIRTUAL_EPOCH_MS,
  VIRTUAL_RUN_CLIENT_TIMEOUT_MS,
} from './constants.js';
import { createFaultPlan, recordIdOfRequest } from './createFaultPlan.js';
import {
  createInvocationScope,
  type InvocationScope,
  type SoakCall,
} from './createInvocationScope.js';
import { createVirtualClock, type VirtualClock } from './createVirtualClock.js';
import { generateDataset } from './generateDataset.js';
import {
  type EsmInvocation,
  type EsmInvocationOutcome,
  runEsmDriver,
} from './runEsmDriver.js';
import { unitHash } from './seededRandom.js';
import type {
  SoakDataset,
  SoakOptions,
  SoakReport,
  SoakRunConfig,
  SoakRunReport,
  StartSoakDouble,
} from './types.js';

// The client's reason for a call that got no answer in time.
const isTimeout = (reason: string): boolean =>
  /no response within/.test(reason);

interface RunSoakDependencies {
  /** Starts the Camunda double (`startCamundaDouble`). */
  readonly startDouble: StartSoakDouble;
  /** Called after each run, e.g. to print progress. */
  readonly onRun?: (report: SoakRunReport) => void;
  readonly now?: () => number;
}

interface InvocationFactoryOptions {
  readonly options: SoakOptions;
  readonly config: SoakRunConfig;
  readonly camunda: CamundaPort;
  readonly idempotency: IdempotencyPort;
  /** Shared by the invocations; absent: each has its own. */
  readonly resolvedOffsets?: ResolvedOffsetsStore;
  /** Virtual time (slow-camunda profile): deadlines and function timeouts. */
  readonly clock?: VirtualClock;
  readonly letters: { letter: DeadLetter; scope: InvocationScope }[];
  readonly onKilled: (scope: InvocationScope, timedOut: boolean) => void;
  readonly onOutcome: (request: SoakCall, outcome: CamundaOutcome) => void;
  readonly onResult: (result: BatchResult) => void;
}

/**
 * One Lambda invocation: a fresh batch processor (as in a new container)
 * over ports that may be killed mid-batch, sharing the Camunda client, the
 * idempotency store and the resolved-offsets store (DynamoDB in
 * production: they survive kills). In virtual time the invocation has a
 * function timeout: the processor sees its remaining time, and an
 * invocation still running at the timeout is killed.
 */
const createInvoke = (
  factory: InvocationFactoryOptions
): ((invocation: EsmInvocation) => Promise<EsmInvocationOutcome>) => {
  const { options, config, clock } = factory;
  const timing = options.timing;
  const deployed = buildSoakBinding(config, options.keyConcurrency);
  return async ({ poller, number, event }) => {
    const at = [options.seed, config.path, config.mode, poller, number];
    const killAtCall =
      unitHash(...at, 'kill') < options.rates.kill
        ? 1 + Math.floor(unitHash(...at, 'killAt') * KILL_AT_MAX_CALL)
        : undefined;
    const scope = createInvocationScope({
      camunda: factory.camunda,
      ...(factory.resolvedOffsets === undefined
        ? {}
        : { resolvedOffsets: factory.resolvedOffsets }),
      killAtCall,
      onOutcome: factory.onOutcome,
      onLetters: (letters) => {
        for (const letter of letters) factory.letters.push({ letter, scope });
      },
    });
    const processor = createBatchProcessor(deployed, {
      camunda: scope.camunda,
      deadLetters: scope.deadLetters,
      idempotency: factory.idempotency,
      ...(scope.resolvedOffsets === undefined
        ? {}
        : { resolvedOffsets: scope.resolvedOffsets }),
      ...(timing === undefined
        ? {}
        : { deadlineMarginMs: timing.deadlineMarginMs }),
    });
    let timedOut = false;
    let cancelTimeout = (): void => undefined;
    let remainingTimeMs: (() => number) | undefined;
    if (clock !== undefined && timing !== undefined) {
      const deadline = clock.now() + timing.functionTimeoutMs;
      if (timing.useDeadline !== false) {
        remainingTimeMs = () => deadline - clock.now();
      }
      cancelTimeout = clock.after(timing.functionTimeoutMs, () => {
        timedOut = true;
        scope.kill();
      });
    }
    const processing = processor
      .process(event, remainingTimeMs === undefined ? {} : { remainingTimeMs })
      .then((result): EsmInvocationOutcome => {
        if (!scope.wasKilled()) factory.onResult(result);
        return {
          kind: 'response',
          response: toHandlerResponse(result, deployed.esmMode),
        };
      })
      .catch((): EsmInvocationOutcome => ({ kind: 'failed' }));
    const outcome = await Promise.race([
      processing,
      scope.killed.then((): EsmInvocationOutcome => ({ kind: 'failed' })),
    ]);
    cancelTimeout();
    if (!scope.wasKilled()) return outcome;
    factory.onKilled(scope, timedOut);
    // The dead batch winds down (every call of it is refused) before its
    // partitions are delivered again.
    await processing;
    return { kind: 'failed' };
  };
};

/** A Camunda port that counts its calls still waiting for an answer. */
const countingPort = (
  port: CamundaPort,
  requestTimeoutMs: number
): { readonly port: CamundaPort; readonly inFlight: () => number } => {
  let inFlight = 0;
  const count = async (
    call: () => Promise<CamundaOutcome>
  ): Promise<CamundaOutcome> => {
    inFlight += 1;
    try {
      return await call();
    } finally {
      inFlight -= 1;
    }
  };
  return {
    port: {
      requestTimeoutMs,
      createProcessInstance: (request) =>
        count(() => port.createProcessInstance(request)),
      publishMessage: (request) => count(() => port.publishMessage(request)),
    },
    inFlight: () => inFlight,
  };
};

const runOne = async (
  options: SoakOptions,
  dataset: SoakDataset,
  config: SoakRunConfig,
  deps: RunSoakDependencies
): Promise<SoakRunReport> => {
  const now = deps.now ?? Date.now;
  const started = now();
  const { timing } = options;
  const clock = timing === undefined ? undefined : createVirtualClock();
  const plan = createFaultPlan({
    seed: options.seed,
    rates: options.rates,
    dataset,
    ...(timing === undefined
      ? {}
      : { latency: { meanMs: timing.latencyMs, jitterMs: timing.jitterMs } }),
  });
  // Requests the double holds until their virtual answer time.
  let parked = 0;
  const double = await deps.startDouble({
    businessIdUniqueness: config.path === 'create' && config.businessId,
    fault: plan.decide,
    ...(clock === undefined
      ? {}
      : {
          now: () => VIRTUAL_EPOCH_MS + clock.now(),
          pause: async (request) => {
            parked += 1;
            try {
              await clock.sleep(plan.latencyOf(request.id));
            } finally {
              parked -= 1;
            }
          },
        }),
  });
  try {
    const client = createCamundaClient(
      readCamundaConfig({
        CAMUNDA_REST_ADDRESS: double.restAddress,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        ...(clock === undefined
          ? { CAMUNDA_REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs) }
          : {
              CAMUNDA_REQUEST_TIMEOUT_MS: String(VIRTUAL_RUN_CLIENT_TIMEOUT_MS),
              // A call queued for a connection would be neither parked at
              // the double nor answered: the clock could not tell it waits.
              CAMUNDA_MAX_CONCURRENT_REQUESTS: '100000',
            }),
      })
    );
    // In virtual time the processor is told the profile's request timeout
    // (no virtual answer takes longer); the client's own is a real-time
    // safety bound.
    const counted = countingPort(client, options.requestTimeoutMs);
    const camunda = clock === undefined ? client : counted.port;
    const letters: { letter: DeadLetter; scope: InvocationScope }[] = [];
    const abandonedRecords = new Set<string>();
    const timedOutRecords = new Set<string>();
    let clientTimeouts = 0;
    let killedInvocations = 0;
    let functionTimeouts = 0;
    let deadlineStops = 0;
    const driving = runEsmDriver({
      partitions: dataset.partitions,
      batchSize:
        config.mode === 'key' ? options.keyBatchSize : options.batchSize,
      pollers: options.pollers,
      invoke: createInvoke({
        options,
        config,
        camunda,
        idempotency: createMemoryIdempotency(),
        ...(options.rememberResolved === false
          ? {}
          : { resolvedOffsets: createMemoryResolvedOffsets() }),
        ...(clock === undefined ? {} : { clock }),
        letters,
        onKilled: (scope, timedOut) => {
          if (timedOut) functionTimeouts += 1;
          else killedInvocations += 1;
          for (const request of scope.abandoned()) {
            const id = recordIdOfRequest(request);
            if (id !== undefined) abandonedRecords.add(id);
          }
        },
        onOutcome: (request, outcome) => {
          if (outcome.kind !== 'retry' || !isTimeout(outcome.reason)) return;
          clientTimeouts += 1;
          const id = recordIdOfRequest(request);
          if (id !== undefined) timedOutRecords.add(id);
        },
        onResult: (result) => {
          deadlineStops += result.counts.deadlineStops ?? 0;
        },
      }),
      deadlineMs: options.runDeadlineMs,
      maxInvocations: options.maxInvocations ?? 2 * options.records + 1_000,
      now,
    });
    const driver =
      clock === undefined
        ? await driving
        : await clock.drive(driving, () => counted.inFlight() > parked);
    return analyzeSoakRun({
      profile: options.profile,
      config,
      dataset,
      requests: double.requests,
      instances: double.instances,
      messages: double.messages,
      faultOf: plan.faultOf,
      injected: plan.injected,
      letters: letters.map(({ letter, scope }) => ({
        letter,
        invocationKilled: scope.wasKilled(),
      })),
      abandonedRecords,
      timedOutRecords,
      clientTimeouts,
      invocations: driver.invocations,
      killedInvocations,
      invalidResponses: driver.invalidResponses,
      commitRegressions: driver.commitRegressions,
      functionTimeouts,
      deadlineStops,
      partitionResponses: driver.partitionResponses,
      partitionsWithoutProgress: driver.partitionsWithoutProgress,
      ...(clock === undefined ? {} : { virtualTimeMs: clock.now() }),
      committed: driver.committed,
      completed: driver.completed,
      wallTimeMs: now() - started,
    });
  } finally {
    await double.close();
  }
};

/**
 * The fault soak: generates the records once, then for each configured run
 * (path × ordering mode × business id) starts a Camunda double that injects
 * the faults, drives the real batch processor with the real Camunda client
 * like a provisioned-mode ESM (killing some invocations mid-batch), and
 * analyses what reached Camunda and the dead-letter queue.
 *
 * @param options - Size, seed, rates, tuning and runs.
 * @param deps - The double's starter; progress callback; clock.
 * @example
 * const report = await runSoak(
 *   { ...SOAK_DEFAULTS, runs: [{ path: 'publish', mode: 'key', businessId: false }] },
 *   { startDouble: startCamundaDouble },
 * );
 */
const runSoak = async (
  options: SoakOptions,
  deps: RunSoakDependencies
): Promise<SoakReport> => {
  const now = deps.now ?? Date.now;
  const started = now();
  const dataset = generateDataset({
    records: options.records,
    partitions: options.partitions,
    keys: options.keys,
    seed: options.seed,
    poisonRate: options.rates.poison,
  });
  const runs: SoakRunReport[] = [];
  for (const config of options.runs) {
    const report = await runOne(options, dataset, config, deps);
    runs.push(report);
    deps.onRun?.(report);
  }
  const { runs: _runs, ...settings } = options;
  return { settings, runs, wallTimeMs: now() - started };
};

export type { RunSoakDependencies };
export { runSoak };

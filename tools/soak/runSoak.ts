import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import type { CamundaOutcome, CamundaPort } from '../../lib/camunda/types.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
  toHandlerResponse,
} from '../../lib/consumer/index.js';
import type { DeadLetter, IdempotencyPort } from '../../lib/consumer/types.js';
import { analyzeSoakRun } from './analyzeSoakRun.js';
import { buildSoakBinding } from './buildSoakBinding.js';
import { KILL_AT_MAX_CALL } from './constants.js';
import { createFaultPlan, recordIdOfRequest } from './createFaultPlan.js';
import {
  createInvocationScope,
  type InvocationScope,
  type SoakCall,
} from './createInvocationScope.js';
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
  readonly letters: { letter: DeadLetter; scope: InvocationScope }[];
  readonly onKilled: (scope: InvocationScope) => void;
  readonly onOutcome: (request: SoakCall, outcome: CamundaOutcome) => void;
}

/**
 * One Lambda invocation: a fresh batch processor (as in a new container)
 * over ports that may be killed mid-batch, sharing the Camunda client and
 * the idempotency store (DynamoDB in production: it survives kills).
 */
const createInvoke = (
  factory: InvocationFactoryOptions
): ((invocation: EsmInvocation) => Promise<EsmInvocationOutcome>) => {
  const { options, config } = factory;
  const deployed = buildSoakBinding(config, options.keyConcurrency);
  return async ({ poller, number, event }) => {
    const at = [options.seed, config.path, config.mode, poller, number];
    const killAtCall =
      unitHash(...at, 'kill') < options.rates.kill
        ? 1 + Math.floor(unitHash(...at, 'killAt') * KILL_AT_MAX_CALL)
        : undefined;
    const scope = createInvocationScope({
      camunda: factory.camunda,
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
    });
    const processing = processor
      .process(event)
      .then(
        (result): EsmInvocationOutcome => ({
          kind: 'response',
          response: toHandlerResponse(result, deployed.esmMode),
        })
      )
      .catch((): EsmInvocationOutcome => ({ kind: 'failed' }));
    const outcome = await Promise.race([
      processing,
      scope.killed.then((): EsmInvocationOutcome => ({ kind: 'failed' })),
    ]);
    if (!scope.wasKilled()) return outcome;
    factory.onKilled(scope);
    // The dead batch winds down (every call of it is refused) before its
    // partitions are delivered again.
    await processing;
    return { kind: 'failed' };
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
  const plan = createFaultPlan({
    seed: options.seed,
    rates: options.rates,
    dataset,
  });
  const double = await deps.startDouble({
    businessIdUniqueness: config.path === 'create' && config.businessId,
    fault: plan.decide,
  });
  try {
    const camunda = createCamundaClient(
      readCamundaConfig({
        CAMUNDA_REST_ADDRESS: double.restAddress,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs),
      })
    );
    const letters: { letter: DeadLetter; scope: InvocationScope }[] = [];
    const abandonedRecords = new Set<string>();
    const timedOutRecords = new Set<string>();
    let clientTimeouts = 0;
    let killedInvocations = 0;
    const driver = await runEsmDriver({
      partitions: dataset.partitions,
      batchSize:
        config.mode === 'key' ? options.keyBatchSize : options.batchSize,
      pollers: options.pollers,
      invoke: createInvoke({
        options,
        config,
        camunda,
        idempotency: createMemoryIdempotency(),
        letters,
        onKilled: (scope) => {
          killedInvocations += 1;
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
      }),
      deadlineMs: options.runDeadlineMs,
      maxInvocations: 2 * options.records + 1_000,
      now,
    });
    return analyzeSoakRun({
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

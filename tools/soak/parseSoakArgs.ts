import { parseArgs } from 'node:util';
import { describeError } from '../../lib/common/index.js';
import { SLOW_CAMUNDA_DEFAULTS, SOAK_DEFAULTS } from './constants.js';
import { SoakArgumentError } from './errors.js';
import {
  type BusinessIdChoice,
  type ModeChoice,
  planRuns,
} from './planRuns.js';
import type { SoakOptions, SoakProfile } from './types.js';

/** What `npm run soak -- …` asked for. */
interface SoakCommand {
  readonly options: SoakOptions;
  /** Runs at once, each in its own process (the machine's cores). */
  readonly parallel: number;
  /** Write the JSON report to this file as well. */
  readonly jsonFile?: string;
  readonly help: boolean;
}

const SOAK_USAGE = `Usage: npm run soak -- [options]

  --profile P          fault | slow-camunda (default fault)
                       fault: 503s, timeouts, resets, poison records and kills, in real time
                       slow-camunda: Camunda answers in ${SLOW_CAMUNDA_DEFAULTS.timing.latencyMs} ms ± ${SLOW_CAMUNDA_DEFAULTS.timing.jitterMs} ms, batches of ${SLOW_CAMUNDA_DEFAULTS.batchSize},
                       a ${SLOW_CAMUNDA_DEFAULTS.timing.functionTimeoutMs / 1000} s function timeout, kills and poison records, in virtual time
                       (the defaults below are the fault profile's; slow-camunda has its own)
  --records N          records in all (default ${SOAK_DEFAULTS.records})
  --partitions N       partitions (default ${SOAK_DEFAULTS.partitions})
  --keys N             distinct record keys (default ${SOAK_DEFAULTS.keys})
  --seed N             seed of records, poison records and faults (default ${SOAK_DEFAULTS.seed})
  --mode M             partition | key | both (default both)
  --business-id B      create path with business id: on | off | both (default both)
  --batch-size N       records per invocation, partition mode (default ${SOAK_DEFAULTS.batchSize})
  --key-batch-size N   records per invocation, key mode (default ${SOAK_DEFAULTS.keyBatchSize})
  --pollers N          concurrent invocations (default ${SOAK_DEFAULTS.pollers})
  --key-concurrency N  keys of a partition at once, key mode (default ${SOAK_DEFAULTS.keyConcurrency})
  --timeout-ms N       Camunda client request timeout (default ${SOAK_DEFAULTS.requestTimeoutMs})
  --kill-rate X        share of invocations killed mid-batch (default ${SOAK_DEFAULTS.rates.kill})
  --deadline-s N       give up a run after N seconds (default ${SOAK_DEFAULTS.runDeadlineMs / 1000})
  --forget-resolved    invocations share no resolved offsets (as before issue 15), to compare request counts
  --parallel N         runs at once, one process each (default 2)
  --json FILE          also write the JSON report to FILE
`;

const integer = (
  option: string,
  text: string | undefined,
  fallback: number,
  min: number
): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new SoakArgumentError(
      `--${option}`,
      `expected an integer of at least ${min}, got '${text}'`
    );
  }
  return value;
};

const share = (
  option: string,
  text: string | undefined,
  fallback: number
): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new SoakArgumentError(
      `--${option}`,
      `expected a number from 0 to 1, got '${text}'`
    );
  }
  return value;
};

const choice = <T extends string>(
  option: string,
  text: string | undefined,
  allowed: readonly T[],
  fallback: T
): T => {
  if (text === undefined) return fallback;
  const found = allowed.find((item) => item === text);
  if (found === undefined) {
    throw new SoakArgumentError(
      `--${option}`,
      `expected one of ${allowed.join(', ')}, got '${text}'`
    );
  }
  return found;
};

/**
 * Reads the soak's command line into its options and runs.
 *
 * @param argv - The arguments after the script name.
 * @throws SoakArgumentError for an unknown option or a bad value.
 */
const parseSoakArgs = (argv: readonly string[]): SoakCommand => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        profile: { type: 'string' },
        records: { type: 'string' },
        partitions: { type: 'string' },
        keys: { type: 'string' },
        seed: { type: 'string' },
        mode: { type: 'string' },
        'business-id': { type: 'string' },
        'batch-size': { type: 'string' },
        'key-batch-size': { type: 'string' },
        pollers: { type: 'string' },
        'key-concurrency': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'kill-rate': { type: 'string' },
        'deadline-s': { type: 'string' },
        'forget-resolved': { type: 'boolean' },
        parallel: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    const message = describeError(error);
    throw new SoakArgumentError('arguments', message, { cause: error });
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const profile = choice<SoakProfile>(
    'profile',
    text('profile'),
    ['fault', 'slow-camunda'],
    'fault'
  );
  const d = profile === 'slow-camunda' ? SLOW_CAMUNDA_DEFAULTS : SOAK_DEFAULTS;
  const timing =
    profile === 'slow-camunda' ? SLOW_CAMUNDA_DEFAULTS.timing : undefined;
  const mode = choice<ModeChoice>(
    'mode',
    text('mode'),
    ['partition', 'key', 'both'],
    'both'
  );
  const businessId = choice<BusinessIdChoice>(
    'business-id',
    text('business-id'),
    ['on', 'off', 'both'],
    'both'
  );
  const jsonFile = text('json');
  const requestTimeoutMs = integer(
    'timeout-ms',
    text('timeout-ms'),
    d.requestTimeoutMs,
    1
  );
  if (
    timing !== undefined &&
    timing.latencyMs + timing.jitterMs >= requestTimeoutMs
  ) {
    // Virtual time holds no client timeout: answers must come before it.
    throw new SoakArgumentError(
      '--timeout-ms',
      `the slow-camunda profile needs a request timeout above its slowest answer (${timing.latencyMs + timing.jitterMs} ms), got ${requestTimeoutMs}`
    );
  }
  return {
    options: {
      profile,
      ...(timing === undefined ? {} : { timing }),
      records: integer('records', text('records'), d.records, 1),
      partitions: integer('partitions', text('partitions'), d.partitions, 1),
      keys: integer('keys', text('keys'), d.keys, 1),
      seed: integer('seed', text('seed'), d.seed, 0),
      batchSize: integer('batch-size', text('batch-size'), d.batchSize, 1),
      keyBatchSize: integer(
        'key-batch-size',
        text('key-batch-size'),
        d.keyBatchSize,
        1
      ),
      pollers: integer('pollers', text('pollers'), d.pollers, 1),
      keyConcurrency: integer(
        'key-concurrency',
        text('key-concurrency'),
        d.keyConcurrency,
        1
      ),
      requestTimeoutMs,
      rates: {
        ...d.rates,
        kill: share('kill-rate', text('kill-rate'), d.rates.kill),
      },
      runDeadlineMs:
        integer('deadline-s', text('deadline-s'), d.runDeadlineMs / 1000, 1) *
        1000,
      ...(values['forget-resolved'] === true
        ? { rememberResolved: false }
        : {}),
      runs: planRuns(mode, businessId),
    },
    parallel: integer('parallel', text('parallel'), 2, 1),
    ...(jsonFile === undefined ? {} : { jsonFile }),
    help: values.help === true,
  };
};

export type { SoakCommand };
export { parseSoakArgs, SOAK_USAGE };

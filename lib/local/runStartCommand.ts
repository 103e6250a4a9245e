import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCamundaClient, readCamundaConfig } from '../camunda/index.js';
import { describeError } from '../common/index.js';
import { LocalDefaults, LocalEnv } from './constants.js';
import { createCamundaDeploy } from './createCamundaDeploy.js';
import { createLocalLogger } from './createLocalLogger.js';
import { readLocalEnv } from './readLocalEnv.js';
import { startLocalRuntime } from './startLocalRuntime.js';
import type { LocalLogger } from './types.js';

/** Streams and environment of the command (the CLI's `CliIo`). */
interface StartCommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

interface StartCommandOptions {
  /** Stops the runtime when aborted; default: SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
  /** Also stops it when aborted: standard output was closed (EPIPE). */
  readonly outputClosed?: AbortSignal;
  /** Bound of the stop, ms (default LocalDefaults.commandStopTimeoutMs). */
  readonly stopTimeoutMs?: number;
}

const USAGE =
  'usage: kafka-inbound start [--processes <dir>] [--dead-letter <file.jsonl>] [--no-deploy] [--discover] [--json] [--help]';

/** A failure before the runtime starts: a line (or a JSON line) and exit 2. */
const fail = (
  io: StartCommandIo,
  json: boolean,
  kind: 'usage' | 'config' | 'input',
  message: string,
  hint: string
): number => {
  if (json) {
    io.out(
      JSON.stringify({
        ok: false,
        command: 'start',
        exitCode: 2,
        error: { kind, message, hint },
      })
    );
  } else {
    io.err(`kafka-inbound start: ${message}`);
    if (kind === 'usage') io.err(USAGE);
    io.err(`  next: ${hint}`);
  }
  return 2;
};

// The repository's examples, for `npm start` from anywhere in a clone.
const packageExamples = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  LocalDefaults.fallbackProcessesDir
);

/** `--processes`, else ./processes, else ./examples, else the clone's examples. */
const chooseProcessesDir = (given: string | undefined, cwd: string): string => {
  if (given !== undefined) return resolve(cwd, given);
  const candidates = [
    resolve(cwd, LocalDefaults.processesDir),
    resolve(cwd, LocalDefaults.fallbackProcessesDir),
    packageExamples,
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0] ?? cwd;
};

const untilStopped = (
  signal: AbortSignal | undefined,
  outputClosed?: AbortSignal
): Promise<string> =>
  new Promise((done) => {
    if (outputClosed !== undefined) {
      const onClosed = () => done('output closed');
      if (outputClosed.aborted) onClosed();
      outputClosed.addEventListener('abort', onClosed, { once: true });
    }
    if (signal !== undefined) {
      if (signal.aborted) done('stopped');
      signal.addEventListener('abort', () => done('stopped'), { once: true });
      return;
    }
    const onSignal = (name: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(name);
    };
    const onInt = onSignal('SIGINT');
    const onTerm = onSignal('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });

/** Tells once, in plain words, whether Camunda answers. */
const probeCamunda = async (
  getTopology: () => Promise<unknown>,
  address: string,
  log: LocalLogger
): Promise<void> => {
  try {
    await getTopology();
    log.info(`Camunda at ${address} is reachable`);
  } catch (error) {
    log.warn(
      `Camunda at ${address} does not answer (${describeError(error, { causes: true })}). Records wait and are retried until it does. Start Camunda 8 Run (http://localhost:8080 by default), or set CAMUNDA_REST_ADDRESS (and CAMUNDA_AUTH_STRATEGY with its variables).`
    );
  }
};

/**
 * `kafka-inbound start [--processes <dir>] [--dead-letter <file.jsonl>]
 * [--no-deploy] [--discover]`: deploys each valid BPMN file to Camunda
 * (unless --no-deploy) and runs its bindings until Ctrl-C (or
 * `options.signal`); with --discover, also the Kafka processes deployed to
 * Camunda from any tool. Then stops the consumers, committing what is
 * done, within a bound whatever the state of Kafka and Camunda. Returns
 * the exit code.
 *
 * @param args - the arguments after `start`
 * @param io - streams, environment and working directory
 * @param options - an abort signal instead of the process signals
 */
const runStartCommand = async (
  args: readonly string[],
  io: StartCommandIo,
  options: StartCommandOptions = {}
): Promise<number> => {
  let values: {
    processes?: string;
    'dead-letter'?: string;
    'no-deploy'?: boolean;
    json?: boolean;
    discover?: boolean;
  };
  const json = args.includes('--json');
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        processes: { type: 'string' },
        'dead-letter': { type: 'string' },
        'no-deploy': { type: 'boolean' },
        json: { type: 'boolean' },
        discover: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(
      io,
      json,
      'usage',
      describeError(error).split('. ')[0] ?? describeError(error),
      'kafka-inbound start --help explains each option'
    );
  }
  const log = createLocalLogger(
    io,
    readLocalEnv(io.env).text(LocalEnv.logLevel),
    undefined,
    {
      json: values.json === true,
    }
  );
  let camunda: ReturnType<typeof createCamundaClient>;
  try {
    camunda = createCamundaClient(readCamundaConfig(io.env));
  } catch (error) {
    return fail(
      io,
      json,
      'config',
      `Camunda settings: ${describeError(error, { causes: true })}`,
      'set CAMUNDA_REST_ADDRESS, and CAMUNDA_AUTH_STRATEGY (NONE, BASIC or OAUTH) with its variables (docs/camunda.md)'
    );
  }
  const processesDir = chooseProcessesDir(values.processes, io.cwd);
  // A folder that is not there cannot be watched either: the runtime would
  // wait for nothing (and Node.js end it with exit code 13, unexplained).
  if (!statSync(processesDir, { throwIfNoEntry: false })?.isDirectory()) {
    return fail(
      io,
      json,
      'input',
      `${processesDir} is not a folder`,
      values.processes === undefined
        ? 'create ./processes with your BPMN files, or give --processes <dir>'
        : 'give --processes the folder of your BPMN files (default ./processes, else ./examples)'
    );
  }
  const deadLetterFile = resolve(
    io.cwd,
    values['dead-letter'] ?? LocalDefaults.deadLetterFile
  );
  log.info(
    `kafka-inbound local runtime: Camunda ${camunda.restAddress}, Ctrl-C to stop`
  );
  void probeCamunda(() => camunda.getTopology(), camunda.restAddress, log);
  const runtime = await startLocalRuntime({
    processesDir,
    camunda,
    deadLetterFile,
    env: io.env,
    log,
    // Older versions keep consuming while instances wait (keys are known
    // only for what the runtime deploys).
    ...(values['no-deploy'] === true
      ? {}
      : { deploy: createCamundaDeploy(camunda), versions: camunda }),
    // Processes deployed from a modeler or c8ctl run too.
    ...(values.discover === true ? { discover: camunda } : {}),
  });
  const why = await untilStopped(options.signal, options.outputClosed);
  log.info(`${why}: stopping (committing what is done)…`);
  // Stop means stop: whatever Kafka or Camunda do, the command returns
  // within the bound (a second Ctrl-C ends the process at once).
  const boundMs = options.stopTimeoutMs ?? LocalDefaults.commandStopTimeoutMs;
  let bound: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    runtime.stop().then(() => true),
    new Promise<boolean>((resolve) => {
      bound = setTimeout(() => resolve(false), boundMs);
    }),
  ]);
  clearTimeout(bound);
  if (finished) {
    log.info('stopped');
  } else {
    log.warn(
      `stopped without finishing: the consumers did not stop within ${boundMs} ms; records not committed are delivered again on the next start`
    );
  }
  return 0;
};

export type { StartCommandIo, StartCommandOptions };
export { chooseProcessesDir, runStartCommand };

/**
 * `npm run soak -- [options]`: the fault soak of issue 6. The real batch
 * processor and the real Camunda client, driven like a provisioned-mode
 * Kafka ESM (commit up to the first reported failure, redeliver from there,
 * some invocations killed mid-batch), against the Camunda test double on
 * 127.0.0.1 injecting 503s, timeouts (before and after processing),
 * connection resets and poison 400s. Prints one column per run (ordering
 * mode × publish / create with and without business id) and exits 1 when a
 * target is missed. Runs go to child processes, `--parallel` at a time (the
 * client and the double of one run share one event loop, so one core).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startCamundaDouble } from '../test/support/camunda-double.js';
import {
  checkSoakTargets,
  formatSoakReport,
  parseSoakArgs,
  runLabel,
  runSoak,
  SOAK_USAGE,
  SoakArgumentError,
  type SoakOptions,
  type SoakReport,
  type SoakRunConfig,
  type SoakRunReport,
} from './soak/index.js';

const CHILD_FLAG = '--soak-child';

/** In a child process: one run, its report as JSON on stdout. */
const runChild = async (json: string): Promise<void> => {
  const options = JSON.parse(json) as SoakOptions;
  const report = await runSoak(options, { startDouble: startCamundaDouble });
  process.stdout.write(JSON.stringify(report));
};

const spawnRun = (
  options: SoakOptions,
  run: SoakRunConfig
): Promise<SoakRunReport> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        CHILD_FLAG,
        JSON.stringify({ ...options, runs: [run] }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`soak run ${runLabel(run)} exited with ${code}`));
        return;
      }
      const report = JSON.parse(
        Buffer.concat(chunks).toString('utf8')
      ) as SoakReport;
      const only = report.runs[0];
      if (only === undefined) {
        reject(new Error(`soak run ${runLabel(run)} reported nothing`));
        return;
      }
      resolve(only);
    });
  });

const progress = (run: SoakRunReport): void => {
  const verdict = checkSoakTargets(run);
  process.stderr.write(
    `soak: ${runLabel(run)} done in ${(run.wallTimeMs / 1000).toFixed(1)} s, ${verdict.missed.length === 0 ? 'targets met' : `MISSED: ${verdict.missed.join('; ')}`}\n`
  );
};

/** The runs, `parallel` at a time, each in its own process. */
const runAll = async (
  options: SoakOptions,
  parallel: number
): Promise<SoakReport> => {
  const started = Date.now();
  if (parallel <= 1) {
    return runSoak(options, {
      startDouble: startCamundaDouble,
      onRun: progress,
    });
  }
  const results: SoakRunReport[] = new Array(options.runs.length);
  // Key-mode publish takes longest (it re-sends done records on
  // redelivery): start it first so the other runs fill the other core.
  const order = options.runs
    .map((run, index) => ({ run, index }))
    .sort(
      (a, b) =>
        Number(b.run.mode === 'key' && b.run.path === 'publish') -
        Number(a.run.mode === 'key' && a.run.path === 'publish')
    );
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = order[next++]; item; item = order[next++]) {
      const { run, index } = item;
      const report = await spawnRun(options, run);
      results[index] = report;
      progress(report);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(parallel, options.runs.length) }, worker)
  );
  const { runs: _runs, ...settings } = options;
  return { settings, runs: results, wallTimeMs: Date.now() - started };
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args[0] === CHILD_FLAG) {
    await runChild(args[1] ?? '{}');
    return;
  }
  let command: ReturnType<typeof parseSoakArgs>;
  try {
    command = parseSoakArgs(args);
  } catch (error) {
    if (error instanceof SoakArgumentError) {
      process.stderr.write(`${error.message}\n\n${SOAK_USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (command.help) {
    process.stdout.write(SOAK_USAGE);
    return;
  }
  const report = await runAll(command.options, command.parallel);
  process.stdout.write(`${formatSoakReport(report)}\n`);
  if (command.jsonFile !== undefined) {
    await writeFile(command.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  const met = report.runs.every(
    (run) => checkSoakTargets(run).missed.length === 0
  );
  process.exitCode = met ? 0 : 1;
};

await main();

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { produce, waitFor } from '../local/helpers.js';
import { kafkaBpmn } from '../support/bpmn.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';

// Issue 15, as a developer meets it: `kafka-inbound start` (the real
// command, in a process of its own) consuming from a Kafka that goes away,
// or with a Camunda that does not answer, then SIGTERM. Before the fix the
// process printed "stopped" and kept restarting its Kafka consumer.

const bin = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'bin',
  'kafka-inbound.mjs'
);

interface RunningCli {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exit: Promise<{ code: number | null; signal: string | null }>;
}

const startCli = (
  dir: string,
  camunda: CamundaDouble,
  env: Readonly<Record<string, string>>
): RunningCli => {
  const child = spawn(
    process.execPath,
    [bin, 'start', '--processes', dir, '--dead-letter', join(dir, 'dl.jsonl')],
    {
      env: {
        ...process.env,
        CAMUNDA_REST_ADDRESS: camunda.restAddress,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        LOCAL_SUMMARY_INTERVAL_MS: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      lines.push(...chunk.split('\n').filter((line) => line.length > 0));
    });
  }
  const exit = new Promise<{ code: number | null; signal: string | null }>(
    (resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    }
  );
  return { child, lines, exit };
};

/**
 * The exit, or a failure once `boundMs` has passed without one. The
 * command's own bound is 8 s (LocalDefaults.commandStopTimeoutMs) plus at
 * most 1 s to exit; this one is generous, for a loaded machine: it tells a
 * process that exits from one that never does (the bug), and the command's
 * own lines tell whether it finished within its bound.
 */
const exitWithin = async (
  cli: RunningCli,
  boundMs: number
): Promise<{ code: number | null; signal: string | null }> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      cli.exit,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the process did not exit within ${boundMs} ms of SIGTERM`
              )
            ),
          boundMs
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** Generous bound of the exit after SIGTERM (see exitWithin). */
const EXIT_BOUND_MS = 45_000;

describe('End to end: kafka-inbound start, stopping', () => {
  const cleanups: (() => Promise<unknown>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch(() => undefined);
    }
  });

  const setUp = async (
    options: { readonly camundaDelayMs?: number } = {}
  ): Promise<{
    kafka: KafkaCluster;
    camunda: CamundaDouble;
    cli: RunningCli;
  }> => {
    const [kafka, camunda, dir] = await Promise.all([
      startKafkaCluster({ topics: [{ name: 'orders', partitions: 2 }] }),
      startCamundaDouble({
        delayMs: (request) =>
          request.path === '/v2/process-instances'
            ? (options.camundaDelayMs ?? 0)
            : 0,
      }),
      mkdtemp(join(tmpdir(), 'kafka-inbound-stop-')),
    ]);
    cleanups.push(
      () => rm(dir, { recursive: true, force: true }),
      () => kafka.stop(),
      () => camunda.close()
    );
    await writeFile(
      join(dir, 'orders.bpmn'),
      kafkaBpmn({
        processId: 'orders',
        kind: 'start',
        topic: 'orders',
        servers: kafka.bootstrapServers,
        groupId: 'orders',
        properties: { additionalProperties: '{"fetch.max.wait.ms": "100"}' },
      })
    );
    const cli = startCli(
      dir,
      camunda,
      options.camundaDelayMs === undefined
        ? {}
        : // The call must outlast the stop bound, not time out before it.
          { CAMUNDA_REQUEST_TIMEOUT_MS: String(options.camundaDelayMs) }
    );
    cleanups.push(async () => {
      if (cli.child.exitCode === null && cli.child.signalCode === null) {
        cli.child.kill('SIGKILL');
      }
    });
    await waitFor(
      'the runtime to consume',
      () => cli.lines.some((line) => line.includes('consuming orders')),
      90_000
    );
    return { kafka, camunda, cli };
  };

  it('exits on SIGTERM after Kafka has gone away, and restarts nothing', async () => {
    // Prepare: Kafka goes away; the consumer fails and kafkajs restarts it.
    const { kafka, cli } = await setUp();
    await kafka.stop();
    await waitFor(
      'the consumer to fail',
      () =>
        cli.lines.some((line) => line.includes('the Kafka consumer failed')),
      90_000
    );

    // Act
    cli.child.kill('SIGTERM');
    const exit = await exitWithin(cli, EXIT_BOUND_MS);

    // Assess
    expect(exit).toEqual({ code: 0, signal: null });
    const stopping = cli.lines.findIndex((line) =>
      line.includes('SIGTERM: stopping')
    );
    expect(stopping).toBeGreaterThan(0);
    const after = cli.lines.slice(stopping);
    // "stopped", not "stopped without finishing": the runtime's stop
    // finished within the command's own 8 s bound, as the process measured.
    expect(after.at(-1)).toMatch(/ stopped$/);
    expect(after.join('\n')).not.toContain('stopped without finishing');
    expect(
      after.filter((line) => /restarting|reconnecting/.test(line))
    ).toEqual([]);
  }, 240_000);

  it('exits on SIGTERM while Camunda holds a call, within the stop bound', async () => {
    // Prepare: Camunda takes ten minutes to answer.
    const { camunda, cli, kafka } = await setUp({ camundaDelayMs: 600_000 });
    await produce(kafka.brokers, 'orders', [
      { partition: 0, value: '{"n":1}' },
      { partition: 0, value: '{"n":2}' },
    ]);
    await waitFor(
      'the call to Camunda',
      () => camunda.requestsTo('/v2/process-instances', 'POST').length > 0,
      90_000
    );

    // Act
    cli.child.kill('SIGTERM');
    const exit = await exitWithin(cli, EXIT_BOUND_MS);

    // Assess: the first record's call was in flight and is abandoned; the
    // second record never started.
    expect(exit).toEqual({ code: 0, signal: null });
    const all = cli.lines.join('\n');
    expect(all).toContain(
      'did not finish stopping within 7000 ms (Kafka or Camunda not answering)'
    );
    expect(all).toContain('stopped');
    expect(camunda.requestsTo('/v2/process-instances', 'POST')).toHaveLength(1);
  }, 240_000);
});

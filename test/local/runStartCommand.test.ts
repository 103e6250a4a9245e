import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseProcessesDir, runStartCommand } from '../../lib/local/index.js';
import { kafkaBpmn } from '../support/bpmn.js';
import { waitFor } from './helpers.js';

describe('Function: runStartCommand', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-start-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says plainly which servers it waits for when nothing listens, and stops cleanly', async () => {
    // Prepare
    await mkdir(join(dir, 'processes'));
    await writeFile(
      join(dir, 'processes', 'orders.bpmn'),
      kafkaBpmn({
        processId: 'orders',
        kind: 'start',
        topic: 'orders',
        servers: '127.0.0.1:1',
        groupId: 'orders',
      })
    );
    const out: string[] = [];
    const err: string[] = [];
    const abort = new AbortController();

    // Act
    const exit = runStartCommand(
      [],
      {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        env: { CAMUNDA_REST_ADDRESS: 'http://127.0.0.1:1' },
        cwd: dir,
      },
      { signal: abort.signal }
    );
    await waitFor(
      'the waiting message',
      () => err.some((line) => line.includes('waiting for Kafka')),
      15_000
    );
    abort.abort();
    const code = await exit;

    // Assess
    const all = [...out, ...err].join('\n');
    expect(code).toBe(0);
    expect(all).toContain(
      'orders/KafkaStartEvent: waiting for Kafka at 127.0.0.1:1'
    );
    expect(all).toContain(
      'topic.bootstrapServers in orders.bpmn, or KAFKA_BOOTSTRAP_SERVERS=host:port'
    );
    expect(all).toContain('Camunda at http://127.0.0.1:1/v2 does not answer');
    expect(all).toContain(
      'orders.bpmn: cannot deploy to Camunda yet (Camunda deployResources: network error'
    );
    expect(all).toContain(
      `dead letters go to ${join(dir, '.kafka-inbound', 'dead-letters.jsonl')}`
    );
    expect(out.at(-1)).toMatch(/ stopped$/);
    // Never a stack trace.
    expect(all).not.toMatch(/^\s+at /m);
  });

  it('with --json writes only JSON lines { time, level, message } on stdout, and exits 0 when stopped', async () => {
    // Prepare: nothing listens for Kafka or Camunda
    await mkdir(join(dir, 'processes'));
    await writeFile(
      join(dir, 'processes', 'orders.bpmn'),
      kafkaBpmn({
        processId: 'orders',
        kind: 'start',
        topic: 'orders',
        servers: '127.0.0.1:1',
        groupId: 'orders',
      })
    );
    const out: string[] = [];
    const err: string[] = [];
    const abort = new AbortController();

    // Act
    const exit = runStartCommand(
      ['--json'],
      {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        env: { CAMUNDA_REST_ADDRESS: 'http://127.0.0.1:1' },
        cwd: dir,
      },
      { signal: abort.signal }
    );
    await waitFor(
      'the waiting message',
      () => out.some((line) => line.includes('waiting for Kafka')),
      15_000
    );
    abort.abort();
    const code = await exit;

    // Assess
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const lines = out.map(
      (line) => JSON.parse(line) as Record<string, unknown>
    );
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['level', 'message', 'time']);
      expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
    }
    expect(lines.map((line) => line.level)).toContain('warn');
    expect(lines.at(-1)).toMatchObject({ level: 'info', message: 'stopped' });
  });

  it('with --json answers wrong Camunda settings with one JSON failure on stdout and exit 2', async () => {
    // Prepare
    const out: string[] = [];
    const err: string[] = [];

    // Act
    const code = await runStartCommand(['--json'], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { CAMUNDA_AUTH_STRATEGY: 'KERBEROS' },
      cwd: dir,
    });

    // Assess
    expect(code).toBe(2);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toEqual({
      ok: false,
      command: 'start',
      exitCode: 2,
      error: {
        kind: 'config',
        message: expect.stringContaining('CAMUNDA_AUTH_STRATEGY'),
        hint: expect.stringContaining('CAMUNDA_REST_ADDRESS'),
      },
    });
  });

  it.each([
    { args: ['--nope'], message: /Unknown option '--nope'/ },
    { args: ['extra'], message: /Unexpected argument 'extra'/ },
  ])('returns 2 with the usage for $args', async ({ args, message }) => {
    // Prepare
    const err: string[] = [];

    // Act
    const code = await runStartCommand(args, {
      out: () => undefined,
      err: (line) => err.push(line),
      env: {},
      cwd: dir,
    });

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).toContain('usage: kafka-inbound start');
  });

  it.each([
    { json: false, args: ['--processes', 'nowhere'] },
    { json: true, args: ['--processes', 'nowhere', '--json'] },
  ])(
    'returns 2 at once for a processes folder that is not there (json: $json)',
    async ({ json, args }) => {
      // Prepare
      const out: string[] = [];
      const err: string[] = [];

      // Act: before, it ran watching nothing until Node.js ended it (exit 13)
      const code = await runStartCommand(args, {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        env: { CAMUNDA_REST_ADDRESS: 'http://127.0.0.1:1' },
        cwd: dir,
      });

      // Assess
      expect(code).toBe(2);
      const message = `${join(dir, 'nowhere')} is not a folder`;
      if (json) {
        expect(err).toEqual([]);
        expect(out.map((line) => JSON.parse(line))).toEqual([
          {
            ok: false,
            command: 'start',
            exitCode: 2,
            error: {
              kind: 'input',
              message,
              hint: expect.stringContaining('--processes'),
            },
          },
        ]);
      } else {
        expect(out).toEqual([]);
        expect(err[0]).toBe(`kafka-inbound start: ${message}`);
        expect(err.at(-1)).toMatch(/^ {2}next: give --processes the folder/);
      }
    }
  );

  it('returns 2 and names the variable when the Camunda settings are wrong', async () => {
    // Prepare
    const err: string[] = [];

    // Act
    const code = await runStartCommand([], {
      out: () => undefined,
      err: (line) => err.push(line),
      env: { CAMUNDA_AUTH_STRATEGY: 'KERBEROS' },
      cwd: dir,
    });

    // Assess
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('CAMUNDA_AUTH_STRATEGY');
  });
});

describe('Function: chooseProcessesDir', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-dir-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes --processes first, then ./processes, then ./examples', async () => {
    // Prepare
    await mkdir(join(dir, 'examples'));
    const withExamples = chooseProcessesDir(undefined, dir);
    await mkdir(join(dir, 'processes'));

    // Act
    const withBoth = chooseProcessesDir(undefined, dir);
    const given = chooseProcessesDir('elsewhere', dir);

    // Assess
    expect(withExamples).toBe(join(dir, 'examples'));
    expect(withBoth).toBe(join(dir, 'processes'));
    expect(given).toBe(join(dir, 'elsewhere'));
  });
});

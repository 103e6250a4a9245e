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

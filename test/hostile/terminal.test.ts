import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { createLocalLogger } from '../../lib/local/createLocalLogger.js';
import { formatStatus } from '../../lib/provisioning/index.js';
import type { StatusReport } from '../../lib/provisioning/types.js';
import { captureIo } from '../cli/cliIo.js';
import { validOrderXml } from './hostileBpmn.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a terminal would act on: C0 (but line feed), DEL, C1, bidi controls. */
const ACTIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be there
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const HOSTILE = '\x1b[2J\x1b]0;owned\x07\u202e\x9b31m';

describe('Terminal safety: every printed name is escaped', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-terminal-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validate escapes a topic with ESC[2J in its error and a file name with escapes', async () => {
    // Prepare
    const file = join(dir, `order${HOSTILE}.bpmn`);
    await writeFile(
      file,
      validOrderXml().replace(
        'value="orders"',
        'value="ord&#27;[2J&#x202E;ers"'
      )
    );

    // Act
    const io = captureIo();
    const code = await main(['validate', file], io);

    // Assess
    const text = [...io.stdout, ...io.stderr].join('\n');
    expect(code).toBe(1);
    expect(text).toContain('is not a valid Kafka topic name');
    expect(text).toContain('ord\\x1b[2J\\u202eers');
    expect(text).toContain('order\\x1b[2J');
    expect(text).not.toMatch(ACTIVE);
  });

  it('validate escapes a topic that passes validation around a secret reference', async () => {
    // Prepare: a reference lets any text stand around it in the topic.
    const file = join(dir, 'reference-topic.bpmn');
    await writeFile(
      file,
      validOrderXml().replace(
        'value="orders"',
        'value="{{secrets.TOPIC}}&#27;[2J&#10;  error: fake"'
      )
    );

    // Act
    const io = captureIo();
    await main(['validate', file], io);

    // Assess: one line per binding line, no injected "error:" line.
    const text = [...io.stdout, ...io.stderr].join('\n');
    expect(text).toContain('{{secrets.TOPIC}}\\x1b[2J\\x0a  error: fake');
    expect(text).not.toMatch(ACTIVE);
    expect(io.stdout.filter((line) => line.startsWith('  error:'))).toEqual([]);
  });

  it('status escapes process ids, S3 keys, topics, reasons and messages from the table', () => {
    // Prepare
    const report = {
      processes: [
        {
          processId: `order${HOSTILE}`,
          state: 'errors',
          sourceKey: `processes/${HOSTILE}.bpmn`,
          sourceVersion: 'v1',
          updatedAt: '2026-12-01T00:00:00.000Z',
          bindings: [
            {
              bindingId: `b${HOSTILE}`,
              revision: 'r1',
              topic: `t${HOSTILE}`,
              esmUuid: 'uuid-1',
              esmState: 'Enabled',
              stateTransitionReason: `reason${HOSTILE}`,
              lastProcessingResult: `PROBLEM: ${HOSTILE}`,
            },
          ],
          errors: [
            {
              elementId: `E${HOSTILE}`,
              property: 'topic.topicName',
              message: `"x${HOSTILE}" is not a valid Kafka topic name`,
            },
          ],
          warnings: [],
        },
      ],
      failedSources: [
        { sourceKey: `processes/bad${HOSTILE}.bpmn`, errors: [] },
      ],
    } as unknown as StatusReport;

    // Act
    const text = formatStatus(report);

    // Assess
    expect(text).toContain('order\\x1b[2J');
    expect(text).not.toMatch(ACTIVE);
  });

  it('the local runtime escapes every message it prints', () => {
    // Prepare
    const lines: string[] = [];
    const log = createLocalLogger(
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
      'debug',
      () => new Date(Date.UTC(2026, 11, 1))
    );

    // Act
    log.info(`orders${HOSTILE}-0@7: activated`);
    log.warn(`dead letter: ${HOSTILE}\nfake line`);

    // Assess
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toMatch(ACTIVE);
    expect(lines[1]).toContain('\\x0afake line');
  });

  it('validate | head: a closed pipe ends the CLI quietly, without EPIPE', async () => {
    // Prepare: enough output to outlast the reader.
    const files = Array.from(
      { length: 300 },
      () => `${ROOT}examples/order-process.bpmn`
    );

    // Act: read the first chunk, then close the pipe (what head -1 does).
    const outcome = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stderr: string;
      firstChunk: string;
    }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [`${ROOT}bin/kafka-inbound.mjs`, 'validate', ...files],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
      );
      let stderr = '';
      let firstChunk = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      child.stdout.once('data', (chunk: Buffer) => {
        firstChunk = chunk.toString('utf8');
        child.stdout.destroy();
      });
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({ code, signal, stderr, firstChunk })
      );
    });

    // Assess
    expect(outcome.firstChunk).toContain('order-process.bpmn: ok');
    expect(outcome.stderr).toBe('');
    expect(outcome.signal).toBeNull();
    expect(outcome.code).toBe(0);
  }, 60_000);
});

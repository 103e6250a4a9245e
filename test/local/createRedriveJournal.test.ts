import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CamundaOutcome } from '../../lib/camunda/types.js';
import { createRedriveJournal } from '../../lib/local/index.js';

const created: CamundaOutcome = { kind: 'done', status: 200 };

describe('Function: createRedriveJournal', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-journal-'));
    file = join(dir, 'sub', 'redrive-journal.jsonl');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a call once across runs: a done call is a duplicate the next time', async () => {
    // Prepare
    let calls = 0;
    const work = async (): Promise<CamundaOutcome> => {
      calls++;
      return created;
    };
    const first = await createRedriveJournal(file);
    await first.once('b:orders:0:4', work);
    await first.close();

    // Act: a new run reads the journal.
    const second = await createRedriveJournal(file);
    const outcome = await second.once('b:orders:0:4', work);
    await second.close();

    // Assess
    expect(calls).toBe(1);
    expect(outcome).toEqual({ kind: 'done', status: 200, duplicate: true });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).state)).toEqual([
      'started',
      'done',
    ]);
  });

  it('runs a failed call again', async () => {
    // Prepare
    const journal = await createRedriveJournal(file);
    await journal.once('k', async () => ({ kind: 'retry', reason: '503' }));

    // Act
    const outcome = await journal.once('k', async () => created);

    // Assess
    expect(outcome).toEqual(created);
    await journal.close();
  });

  it('does not repeat blindly a call an interrupted run started, until told to', async () => {
    // Prepare: the run stopped during the call (started, nothing after).
    const interrupted = await createRedriveJournal(file);
    await interrupted.once('k', async () => created);
    await interrupted.close();
    const text = await readFile(file, 'utf8');
    const [started] = text.trim().split('\n');
    await rm(file);
    await appendFile(file, `${started}\n{"key":"k","sta`);
    let calls = 0;
    const work = async (): Promise<CamundaOutcome> => {
      calls++;
      return created;
    };

    // Act
    const cautious = await createRedriveJournal(file);
    const inDoubt = await cautious.once('k', work);
    const listed = cautious.inDoubt();
    await cautious.close();
    const told = await createRedriveJournal(file, { retryInDoubt: true });
    const retried = await told.once('k', work);
    await told.close();

    // Assess
    expect(inDoubt).toEqual({
      kind: 'retry',
      reason: expect.stringMatching(
        /^in doubt: an earlier redrive was stopped during this call \(k, .*\), so Camunda may have done it; check Camunda, then run redrive with --retry-in-doubt$/
      ),
    });
    expect(listed).toEqual(['k']);
    expect(retried).toEqual(created);
    expect(calls).toBe(1);
  });
});

import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalReconciler } from '../../lib/local/createLocalReconciler.js';
import { scanProcessesDir } from '../../lib/local/scanProcessesDir.js';

/** A reconciler that records the files it is given. */
const recordingReconciler = () => {
  const loaded: string[] = [];
  const hashes = new Map<string, string>();
  const reconciler = {
    hashOf: (file: string) => hashes.get(file),
    files: () => [...hashes.keys()],
    load: async (file: string, _xml: string, hash: string) => {
      loaded.push(file);
      hashes.set(file, hash);
    },
    remove: async (file: string) => {
      hashes.delete(file);
    },
  } as unknown as LocalReconciler;
  return { reconciler, loaded };
};

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

describe('Function: scanProcessesDir', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-scan-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves an empty file (truncated by an editor before it writes) for a later scan', async () => {
    // Prepare
    await writeFile(join(dir, 'saving.bpmn'), '');
    await writeFile(join(dir, 'ready.bpmn'), '<definitions/>');
    const { mtimeMs } = await stat(join(dir, 'ready.bpmn'));
    const { reconciler, loaded } = recordingReconciler();

    // Act: the clock says both were written long ago.
    const result = await scanProcessesDir(
      dir,
      reconciler,
      quiet,
      () => false,
      100,
      () => mtimeMs + 10_000
    );

    // Assess
    expect(loaded).toEqual(['ready.bpmn']);
    expect(result).toEqual({ unsettled: true });
  });

  it('reads a file once it has been left alone for the settle time, not before', async () => {
    // Prepare: a file half written, as the clock sees it.
    const file = join(dir, 'orders.bpmn');
    await writeFile(file, '<definitions');
    const { mtimeMs } = await stat(file);
    const { reconciler, loaded } = recordingReconciler();

    // Act
    const early = await scanProcessesDir(
      dir,
      reconciler,
      quiet,
      () => false,
      100,
      () => mtimeMs + 99
    );
    const loadedEarly = [...loaded];
    const settled = await scanProcessesDir(
      dir,
      reconciler,
      quiet,
      () => false,
      100,
      () => mtimeMs + 100
    );

    // Assess
    expect(early).toEqual({ unsettled: true });
    expect(loadedEarly).toEqual([]);
    expect(settled).toEqual({ unsettled: false });
    expect(loaded).toEqual(['orders.bpmn']);
  });

  it('reads every file at once without a settle time (the first scan, reload)', async () => {
    // Prepare
    await writeFile(join(dir, 'empty.bpmn'), '');
    const { reconciler, loaded } = recordingReconciler();

    // Act
    const result = await scanProcessesDir(dir, reconciler, quiet, () => false);

    // Assess: an empty file is read, and reported by the reconciler.
    expect(loaded).toEqual(['empty.bpmn']);
    expect(result).toEqual({ unsettled: false });
  });
});

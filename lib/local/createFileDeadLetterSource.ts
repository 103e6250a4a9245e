import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readDeadLetter } from '../redrive/readDeadLetter.js';
import type { DeadLetterSource, SourceLetter } from '../redrive/types.js';

/** A line of the file as read, and what redrive decided for it. */
interface Line {
  readonly text: string;
  state: 'unchanged' | 'removed' | 'replaced';
  replacement?: string;
}

/** Reads the bytes of `file` from `from` to its end. */
const readTail = async (file: string, from: number): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= from) return Buffer.alloc(0);
    const tail = Buffer.alloc(size - from);
    await handle.read(tail, 0, tail.length, from);
    return tail;
  } finally {
    await handle.close();
  }
};

/**
 * The local runtime's dead-letter file (JSON lines) as a redrive source.
 * Letters leave it or are replaced only when the source is closed, in one
 * atomic rewrite: a new file beside it, synced, renamed over it. Lines the
 * runtime appends while redrive runs (`npm start` may write to the same
 * file) are carried over: what was appended after the file was read is
 * copied to the new file, and so is anything still written to the old file
 * in the moment of the rename. An interrupted run leaves the file as it
 * was; running redrive again is safe (its journal knows what was done).
 *
 * @param file - the JSON-lines file
 */
const createFileDeadLetterSource = async (
  file: string
): Promise<DeadLetterSource> => {
  // The file as read: its lines are ours, anything after `readBytes` is not.
  const content = await readFile(file);
  const readBytes = content.length;
  const lines: Line[] = [];
  const letters: SourceLetter[] = [];
  let start = 0;
  for (
    let end = content.indexOf(10);
    start < readBytes;
    end = content.indexOf(10, start)
  ) {
    const stop = end === -1 ? readBytes : end;
    const text = content.subarray(start, stop).toString('utf8');
    const index = lines.length;
    lines.push({ text, state: 'unchanged' });
    start = stop + 1;
    if (text.trim() === '') continue;
    let read: SourceLetter['read'];
    try {
      const parsed = readDeadLetter(JSON.parse(text));
      read = typeof parsed === 'string' ? { problem: parsed } : parsed;
    } catch {
      read = { problem: 'not JSON' };
    }
    letters.push({
      handle: String(index),
      where: `${basename(file)}:${index + 1}`,
      read,
    });
  }
  let handedOut = false;
  let changed = false;
  const lineOf = (letter: SourceLetter): Line => {
    const line = lines[Number(letter.handle)];
    if (line === undefined) throw new Error(`no line ${letter.handle}`);
    return line;
  };

  const rewrite = async (): Promise<void> => {
    const kept = lines
      .filter((line) => line.state !== 'removed')
      .map((line) => line.replacement ?? line.text)
      .filter((text) => text.trim() !== '');
    const tmp = join(
      dirname(file),
      `.${basename(file)}.redrive-${process.pid}.tmp`
    );
    const before = (await stat(file)).size;
    const appended = await readTail(file, readBytes);
    const handle = await open(tmp, 'w');
    try {
      const body = kept.length === 0 ? '' : `${kept.join('\n')}\n`;
      await handle.write(body);
      // A partial last line (the runtime writing right now) is completed
      // by the copy below, never cut.
      if (appended.length > 0) await handle.write(appended);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The old file stays open: whatever is still appended to it after our
    // read (an append that opened it before the rename) is copied over.
    const old = await open(file, 'r');
    try {
      await rename(tmp, file).catch(async (error: unknown) => {
        await unlink(tmp).catch(() => undefined);
        throw error;
      });
      for (let settle = 0; settle < 2; settle++) {
        const { size } = await old.stat();
        const known = Math.max(before, readBytes + appended.length);
        if (size > known) {
          const late = Buffer.alloc(size - known);
          await old.read(late, 0, late.length, known);
          const target = await open(file, 'a');
          try {
            await target.write(late);
            await target.sync();
          } finally {
            await target.close();
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await old.close();
    }
  };

  return {
    name: `file ${file}`,
    next: async () => {
      if (handedOut) return [];
      handedOut = true;
      return letters;
    },
    remove: async (letter) => {
      lineOf(letter).state = 'removed';
      changed = true;
    },
    replace: async (letter, updated) => {
      const line = lineOf(letter);
      line.state = 'replaced';
      line.replacement = JSON.stringify(updated);
      changed = true;
    },
    keep: async () => undefined,
    close: async () => {
      if (changed) await rewrite();
      changed = false;
    },
  };
};

export { createFileDeadLetterSource };

import { type FileHandle, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CamundaOutcome } from '../camunda/types.js';
import type { IdempotencyPort } from '../consumer/types.js';

/** One line of the journal. */
interface JournalEntry {
  readonly key: string;
  readonly state: 'started' | 'done' | 'failed';
  readonly at: string;
  readonly status?: number;
}

/** The journal as an idempotency port, and its end. */
interface RedriveJournal extends IdempotencyPort {
  /** Keys whose call was started but never finished (an interrupted run). */
  readonly inDoubt: () => readonly string[];
  readonly close: () => Promise<void>;
}

const readEntries = async (
  file: string
): Promise<Map<string, JournalEntry>> => {
  const last = new Map<string, JournalEntry>();
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry.key === 'string') last.set(entry.key, entry);
    } catch {
      // A line cut by a crash: the entry before it stands.
    }
  }
  return last;
};

/**
 * The local redrive journal: an idempotency port kept in a JSON-lines file
 * that survives the run. Before a Camunda call it writes `started` (and
 * syncs the file), after a done call `done`, after any other outcome
 * `failed`. So a second run, or a run after an interruption:
 *
 * - skips a call that was done (the instance exists; `duplicate`),
 * - runs again a call that failed,
 * - does not repeat blindly a call that was started and never finished (it
 *   may or may not have reached Camunda): it is a retry naming the key,
 *   until the operator has checked Camunda and runs with `retryInDoubt`.
 *
 * @param file - the journal (created with its folder when missing)
 * @param options - `retryInDoubt`: run in-doubt calls again
 */
const createRedriveJournal = async (
  file: string,
  options: { readonly retryInDoubt?: boolean } = {}
): Promise<RedriveJournal> => {
  const entries = await readEntries(file);
  let handle: FileHandle | undefined;
  const append = async (entry: JournalEntry): Promise<void> => {
    if (handle === undefined) {
      await mkdir(dirname(file), { recursive: true });
      handle = await open(file, 'a');
    }
    await handle.write(`${JSON.stringify(entry)}\n`);
    await handle.sync();
    entries.set(entry.key, entry);
  };
  const at = (): string => new Date().toISOString();
  return {
    once: async (key, work): Promise<CamundaOutcome> => {
      const known = entries.get(key);
      if (known?.state === 'done') {
        return { kind: 'done', status: known.status ?? 200, duplicate: true };
      }
      if (known?.state === 'started' && options.retryInDoubt !== true) {
        return {
          kind: 'retry',
          reason: `in doubt: an earlier redrive was stopped during this call (${key}, ${known.at}), so Camunda may have done it; check Camunda, then run redrive with --retry-in-doubt`,
        };
      }
      await append({ key, state: 'started', at: at() });
      let outcome: CamundaOutcome;
      try {
        outcome = await work();
      } catch (error) {
        await append({ key, state: 'failed', at: at() });
        throw error;
      }
      await append(
        outcome.kind === 'done'
          ? { key, state: 'done', at: at(), status: outcome.status }
          : { key, state: 'failed', at: at() }
      );
      return outcome;
    },
    inDoubt: () =>
      [...entries.values()]
        .filter((entry) => entry.state === 'started')
        .map((entry) => entry.key),
    close: async () => {
      await handle?.close();
      handle = undefined;
    },
  };
};

export type { RedriveJournal };
export { createRedriveJournal };

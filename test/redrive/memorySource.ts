import { readDeadLetter } from '../../lib/redrive/index.js';
import type {
  DeadLetterSource,
  SourceLetter,
} from '../../lib/redrive/types.js';

/** An in-memory dead-letter source: `letters` is what it holds now. */
interface MemorySource extends DeadLetterSource {
  /** The letters it holds, as stored (removed ones gone, replaced ones new). */
  readonly letters: () => unknown[];
  readonly closed: () => number;
}

/**
 * A dead-letter source over a list of stored letters (parsed with the
 * module's own reader), handed out `batchSize` at a time.
 */
const memorySource = (
  stored: readonly unknown[],
  batchSize = 10
): MemorySource => {
  const held = stored.map((value, index) => ({ index, value, gone: false }));
  let position = 0;
  let closed = 0;
  const find = (letter: SourceLetter) => {
    const entry = held[Number(letter.handle)];
    if (entry === undefined) throw new Error(`no letter ${letter.handle}`);
    return entry;
  };
  return {
    name: 'memory',
    next: async () => {
      const batch = held.slice(position, position + batchSize);
      position += batch.length;
      return batch.map(({ index, value }) => {
        const parsed = readDeadLetter(value);
        return {
          handle: String(index),
          where: `letter ${index + 1}`,
          read: typeof parsed === 'string' ? { problem: parsed } : parsed,
        };
      });
    },
    remove: async (letter) => {
      find(letter).gone = true;
    },
    replace: async (letter, updated) => {
      find(letter).value = updated;
    },
    keep: async () => undefined,
    close: async () => {
      closed++;
    },
    letters: () =>
      held.filter((entry) => !entry.gone).map((entry) => entry.value),
    closed: () => closed,
  };
};

export type { MemorySource };
export { memorySource };

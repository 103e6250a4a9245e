import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeadLetter, DeadLetterSink } from '../consumer/types.js';

/**
 * A dead-letter sink that appends one JSON line per letter to `file`
 * (creating its folder). A failed write rejects, so the batch algorithm
 * treats the record as a retry rather than losing it.
 *
 * @param file - path of the JSON-lines file
 * @param onSent - told about each letter once it is written
 */
const createFileDeadLetterSink = (
  file: string,
  onSent?: (letter: DeadLetter) => void
): DeadLetterSink => {
  let ready: Promise<unknown> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    send: (letters) => {
      ready ??= mkdir(dirname(file), { recursive: true });
      // Appends one after the other so lines never interleave.
      const write = queue.then(async () => {
        await ready;
        await appendFile(
          file,
          letters.map((letter) => `${JSON.stringify(letter)}\n`).join(''),
          'utf8'
        );
        for (const letter of letters) onSent?.(letter);
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
};

export { createFileDeadLetterSink };

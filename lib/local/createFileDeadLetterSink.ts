import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  fitDeadLetter,
  MAX_DEAD_LETTER_BYTES,
  serializeDeadLetter,
} from '../consumer/index.js';
import type { DeadLetter, DeadLetterSink } from '../consumer/types.js';

/**
 * A dead-letter sink that appends one JSON line per letter to `file`
 * (creating its folder). A failed write rejects, so the batch algorithm
 * treats the record as a retry rather than losing it. Letters are fitted to
 * `maxBytes` (default MAX_DEAD_LETTER_BYTES, the SQS limit) exactly as the
 * queue sink fits them, so a letter reads the same locally and in AWS.
 *
 * @param file - path of the JSON-lines file
 * @param onSent - told about each letter (as written) once it is written
 * @param maxBytes - largest line, in UTF-8 bytes
 */
const createFileDeadLetterSink = (
  file: string,
  onSent?: (letter: DeadLetter) => void,
  maxBytes: number = MAX_DEAD_LETTER_BYTES
): DeadLetterSink => {
  let ready: Promise<unknown> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    send: (letters) => {
      ready ??= mkdir(dirname(file), { recursive: true });
      // Appends one after the other so lines never interleave.
      const fitted = letters.map((letter) => fitDeadLetter(letter, maxBytes));
      const write = queue.then(async () => {
        await ready;
        await appendFile(
          file,
          fitted.map((letter) => `${serializeDeadLetter(letter)}\n`).join(''),
          'utf8'
        );
        for (const letter of fitted) onSent?.(letter);
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
};

export { createFileDeadLetterSink };

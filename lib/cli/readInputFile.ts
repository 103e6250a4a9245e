import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isRecord } from '../common/index.js';
import { isKafkaEvent } from '../kafka/index.js';
import type { KafkaEvent } from '../kafka/types.js';
import { readDeadLetter } from '../redrive/index.js';
import type { StoredDeadLetter } from '../redrive/types.js';
import { CliInputError } from './errors.js';

/** One item of an input file: an ESM event or a dead letter. */
type InputItem =
  | {
      readonly kind: 'event';
      readonly where: string;
      readonly event: KafkaEvent;
    }
  | {
      readonly kind: 'deadLetter';
      readonly where: string;
      readonly stored: StoredDeadLetter;
    };

/** Parses the whole text as JSON, else each non-empty line. */
const parseJson = (
  file: string,
  text: string
): { value: unknown; where: string }[] => {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new CliInputError(file, 'the file is empty', {
      hint: 'it should hold ESM events (one, an array, or JSON lines) or dead letters (JSON lines); examples/events/ has samples',
    });
  }
  try {
    const whole: unknown = JSON.parse(trimmed);
    return (Array.isArray(whole) ? whole : [whole]).map((value, index) => ({
      value,
      where: Array.isArray(whole) ? `${file}[${index}]` : file,
    }));
  } catch {
    // JSON lines: one document per line.
  }
  const items: { value: unknown; where: string }[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    try {
      items.push({ value: JSON.parse(line), where });
    } catch {
      throw new CliInputError(
        file,
        `line ${index + 1} is not JSON (expected an ESM event, a JSON array of events, or JSON lines of events or dead letters)`
      );
    }
  }
  return items;
};

/**
 * Reads what the runtime writes and what an ESM delivers: one ESM event, a
 * JSON array of them, JSON lines of them, and dead letters (JSON lines, as
 * the local runtime's file and the SQS messages hold them), in any mix.
 *
 * @param file - the path, as given (messages name it so)
 * @param cwd - what a relative path is relative to (the command's folder)
 * @throws CliInputError naming the line that is neither
 */
const readInputFile = async (
  file: string,
  cwd: string = process.cwd()
): Promise<InputItem[]> => {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliInputError(
      file,
      code === 'ENOENT'
        ? 'no such file'
        : `cannot be read (${code ?? String(error)})`,
      { cause: error }
    );
  }
  return parseJson(file, text).map(({ value, where }): InputItem => {
    if (isKafkaEvent(value)) return { kind: 'event', where, event: value };
    const stored = readDeadLetter(value);
    if (typeof stored !== 'string')
      return { kind: 'deadLetter', where, stored };
    const looksLikeEvent = isRecord(value) && 'records' in value;
    throw new CliInputError(
      file,
      `${where.slice(file.length + 1) || 'the document'} is neither a Kafka ESM event (eventSource "aws:kafka" or "SelfManagedKafka" and a records object) nor a dead letter${looksLikeEvent ? '' : ` (${stored})`}`,
      {
        hint: 'examples/events/payments.json is an ESM event to start from; dead letters are the lines of .kafka-inbound/dead-letters.jsonl',
      }
    );
  });
};

export type { InputItem };
export { readInputFile };

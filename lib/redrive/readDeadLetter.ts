import { isRecord } from '../common/index.js';
import type { DeadLetter } from '../consumer/types.js';
import type { StoredDeadLetter } from './types.js';

const PARTS = ['value', 'key', 'headers'] as const;

const sha256Of = (part: unknown): string | undefined =>
  isRecord(part) && typeof part.sha256 === 'string' ? part.sha256 : undefined;

/**
 * Reads a dead letter (the JSON object a queue message or a file line
 * holds) into what redrive needs; a string saying what is missing when it
 * is not one. Knows both ways a letter tells that parts of its record were
 * left out to fit its sink: `truncated` with `omitted.{value,key,headers}`
 * (size and SHA-256 of each), and the older `recordTruncated` (value and
 * headers dropped).
 *
 * @param value - the parsed JSON
 */
const readDeadLetter = (value: unknown): StoredDeadLetter | string => {
  if (!isRecord(value)) return 'not a JSON object';
  for (const field of ['bindingId', 'processId', 'topic', 'reason'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '') {
      return `no ${field} (is it a dead letter?)`;
    }
  }
  for (const field of ['partition', 'offset'] as const) {
    const number = value[field];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
      return `no ${field}`;
    }
  }
  const record = value.record;
  if (
    !isRecord(record) ||
    record.topic !== value.topic ||
    record.partition !== value.partition ||
    record.offset !== value.offset
  ) {
    return 'no record with the letter’s topic, partition and offset';
  }
  const omittedField = isRecord(value.omitted) ? value.omitted : {};
  const omitted = PARTS.filter((part) => {
    if (part in omittedField) return true;
    // The older flag: value and headers were dropped together.
    return (
      value.recordTruncated === true &&
      part !== 'key' &&
      (record[part] === null || record[part] === undefined)
    );
  });
  const omittedSha256: Partial<Record<'value' | 'key', string>> = {};
  for (const part of ['value', 'key'] as const) {
    const sha256 = sha256Of(omittedField[part]);
    if (sha256 !== undefined) omittedSha256[part] = sha256;
  }
  return {
    letter: value as unknown as DeadLetter,
    raw: value,
    omitted,
    omittedSha256,
    ...(typeof value.cluster === 'string' && value.cluster !== ''
      ? { cluster: value.cluster }
      : {}),
  };
};

export { readDeadLetter };

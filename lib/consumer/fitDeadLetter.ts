import { createHash } from 'node:crypto';
import { MAX_DEAD_LETTER_NAME_CHARS } from './constants.js';
import { serializeDeadLetter } from './serializeDeadLetter.js';
import type { DeadLetter, OmittablePart, OmittedPart } from './types.js';

const describeBytes = (bytes: Uint8Array): OmittedPart => ({
  bytes: bytes.byteLength,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

const describeText = (text: string): OmittedPart =>
  describeBytes(Buffer.from(text, 'utf8'));

/** Key and value are base64 as the ESM delivered them: describe their bytes. */
const describeBase64 = (base64: string): OmittedPart =>
  describeBytes(Buffer.from(base64, 'base64'));

const byteLength = (letter: DeadLetter): number =>
  Buffer.byteLength(serializeDeadLetter(letter), 'utf8');

const withOmitted = (
  letter: DeadLetter,
  part: OmittablePart,
  described: OmittedPart
): DeadLetter => ({
  ...letter,
  truncated: true,
  omitted: { ...letter.omitted, [part]: described },
});

type Step = (letter: DeadLetter) => DeadLetter;

const omitValue: Step = (letter) => {
  const { value } = letter.record;
  if (typeof value !== 'string' || value === '') return letter;
  return withOmitted(
    { ...letter, record: { ...letter.record, value: null } },
    'value',
    describeBase64(value)
  );
};

const omitHeaders: Step = (letter) => {
  const { headers } = letter.record;
  if (!Array.isArray(headers) || headers.length === 0) return letter;
  return withOmitted(
    { ...letter, record: { ...letter.record, headers: null } },
    'headers',
    describeText(JSON.stringify(headers))
  );
};

const omitKey: Step = (letter) => {
  const { key } = letter.record;
  if (typeof key !== 'string' || key === '') return letter;
  return withOmitted(
    { ...letter, key: null, record: { ...letter.record, key: null } },
    'key',
    describeBase64(key)
  );
};

/** Cuts a text field to `max` characters, noting the original's size and hash. */
const cut =
  (part: OmittablePart & keyof DeadLetter, max: number): Step =>
  (letter) => {
    const text = letter[part];
    if (typeof text !== 'string' || text.length <= max) return letter;
    return withOmitted(
      { ...letter, [part]: `${text.slice(0, max)}…` },
      part,
      describeText(text)
    );
  };

// Largest parts first: the record value is nearly always what is too large.
const STEPS: readonly Step[] = [
  omitValue,
  omitHeaders,
  omitKey,
  cut('error', MAX_DEAD_LETTER_NAME_CHARS),
  cut('processId', MAX_DEAD_LETTER_NAME_CHARS),
  cut('bindingId', MAX_DEAD_LETTER_NAME_CHARS),
  cut('bindingRevision', MAX_DEAD_LETTER_NAME_CHARS),
  cut('elementId', MAX_DEAD_LETTER_NAME_CHARS),
  cut('cluster', MAX_DEAD_LETTER_NAME_CHARS),
];

/**
 * The dead letter as it fits a sink of `maxBytes` (UTF-8 bytes of its JSON,
 * see `serializeDeadLetter`): unchanged when it fits; otherwise the record's
 * value, then its headers, then its key are left out (null), then the error
 * text and the names are cut, until it fits. Each part left out or cut is
 * listed in `omitted` with its size and SHA-256, and `truncated` is set.
 * Coordinates (cluster, topic, partition, offset, timestamp), reason and
 * classification always stay, so the record can be read again from Kafka.
 *
 * With every part left out or cut a letter is a few KiB, so a poison record
 * can always be dead-lettered, whatever its size: it never blocks its
 * partition because its letter is refused.
 *
 * @param letter - the dead letter as the consumer made it
 * @param maxBytes - the sink's limit for one letter
 */
const fitDeadLetter = (letter: DeadLetter, maxBytes: number): DeadLetter => {
  let current = letter;
  if (byteLength(current) <= maxBytes) return current;
  for (const step of STEPS) {
    current = step(current);
    if (byteLength(current) <= maxBytes) return current;
  }
  return current;
};

export { fitDeadLetter };

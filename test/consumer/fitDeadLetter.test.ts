import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fitDeadLetter,
  MAX_DEAD_LETTER_BYTES,
  serializeDeadLetter,
} from '../../lib/consumer/index.js';
import type { DeadLetter } from '../../lib/consumer/types.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

const letterOf = (sizes: {
  key?: number;
  value?: number;
  header?: number;
  error?: number;
  processId?: number;
}): DeadLetter => {
  const key = 'k'.repeat(sizes.key ?? 5);
  return {
    processId: 'p'.repeat(sizes.processId ?? 5),
    bindingId: 'order-start',
    bindingRevision: 'rev',
    cluster: 'bootstrap:broker-1:9092',
    topic: 'orders',
    partition: 2,
    offset: 41,
    timestamp: 1_767_225_600_000,
    key,
    classification: 'poison',
    reason: 'camunda-rejected',
    error: 'e'.repeat(sizes.error ?? 10),
    record: {
      topic: 'orders',
      partition: 2,
      offset: 41,
      timestamp: 1_767_225_600_000,
      key: b64(key),
      value: b64('v'.repeat(sizes.value ?? 10)),
      headers: [{ h: Array.from({ length: sizes.header ?? 1 }, () => 65) }],
    },
    deadLetteredAt: '2026-12-01T00:00:00.000Z',
  };
};

const bytesOf = (letter: DeadLetter) =>
  Buffer.byteLength(serializeDeadLetter(letter));

describe('Function: fitDeadLetter', () => {
  it('returns a letter that fits unchanged', () => {
    // Prepare
    const letter = letterOf({});

    // Act
    const fitted = fitDeadLetter(letter, MAX_DEAD_LETTER_BYTES);

    // Assess
    expect(fitted).toBe(letter);
  });

  it('leaves out the value first, with its size and the SHA-256 of its bytes', () => {
    // Prepare
    const letter = letterOf({ value: 300_000 });

    // Act
    const fitted = fitDeadLetter(letter, MAX_DEAD_LETTER_BYTES);

    // Assess
    expect(fitted).toEqual({
      ...letter,
      record: { ...letter.record, value: null },
      truncated: true,
      omitted: {
        value: { bytes: 300_000, sha256: sha256('v'.repeat(300_000)) },
      },
    });
  });

  it.each([
    { case: 'a 250 KB key', sizes: { key: 250_000 } },
    { case: 'a 1 MB header', sizes: { header: 1_000_000 } },
    { case: 'a 6 MB value and 200 KB key', sizes: { value: 6e6, key: 2e5 } },
    { case: 'a 1 MB error text', sizes: { error: 1_000_000 } },
    { case: 'a 1 MB process id', sizes: { processId: 1_000_000 } },
    {
      case: 'everything large at once',
      sizes: {
        key: 300_000,
        value: 300_000,
        header: 300_000,
        error: 300_000,
        processId: 300_000,
      },
    },
  ])('fits $case into 256 KiB and keeps the coordinates', ({ sizes }) => {
    // Prepare
    const letter = letterOf(sizes);

    // Act
    const fitted = fitDeadLetter(letter, MAX_DEAD_LETTER_BYTES);

    // Assess
    expect(bytesOf(fitted)).toBeLessThanOrEqual(MAX_DEAD_LETTER_BYTES);
    expect(fitted).toMatchObject({
      cluster: 'bootstrap:broker-1:9092',
      topic: 'orders',
      partition: 2,
      offset: 41,
      timestamp: 1_767_225_600_000,
      reason: 'camunda-rejected',
      truncated: true,
    });
    expect(Object.keys(fitted.omitted ?? {}).length).toBeGreaterThan(0);
  });

  it('cuts everything down to a few KiB, so any sink of 16 KiB takes it', () => {
    // Prepare
    const letter = letterOf({
      key: 100_000,
      value: 100_000,
      header: 100_000,
      error: 100_000,
      processId: 100_000,
    });

    // Act
    const fitted = fitDeadLetter(letter, 1);

    // Assess
    expect(bytesOf(fitted)).toBeLessThan(16 * 1024);
    expect(Object.keys(fitted.omitted ?? {}).sort()).toEqual([
      'error',
      'headers',
      'key',
      'processId',
      'value',
    ]);
  });
});

describe('Function: serializeDeadLetter', () => {
  it('writes U+FFFE and U+FFFF as JSON escapes that parse back to the same text', () => {
    // Prepare
    const letter = { ...letterOf({}), key: 'a\uFFFEb\uFFFF' };

    // Act
    const text = serializeDeadLetter(letter);

    // Assess
    expect(text).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(JSON.parse(text)).toEqual(letter);
  });
});

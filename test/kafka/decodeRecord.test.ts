import { describe, expect, it } from 'vitest';
import { decodeKeyText, decodeRecord } from '../../lib/kafka/index.js';
import type { KafkaEventRecord } from '../../lib/kafka/types.js';
import {
  base64,
  loadEvent,
  recordFactory,
} from '../support/factories/index.js';

const recordAt = (
  fixture: string,
  id: string,
  index: number
): KafkaEventRecord => {
  const record = loadEvent(fixture).records[id]?.[index];
  if (record === undefined) throw new Error(`no record ${id}[${index}]`);
  return record;
};

describe('Function: decodeRecord', () => {
  it('decodes an MSK record into the message with its coordinates', () => {
    // Prepare
    const record = recordAt('msk', 'order-events-0', 0);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message).toEqual({
      key: 1,
      value: { orderId: 'o-1', amount: 42.5 },
      rawValue: '{"orderId":"o-1","amount":42.5}',
      headers: { source: 'web', name: 'Zoë' },
      topic: 'order-events',
      partition: 0,
      offset: 15,
      timestamp: 1767225600000,
    });
  });

  it('parses a JSON object key and keeps a non-JSON value as text', () => {
    // Prepare
    const record = recordAt('msk', 'order-events-0', 1);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.key).toEqual({ foo: 'x' });
    expect(message.value).toBe('Test message');
    expect(message.rawValue).toBe('Test message');
    expect(message.headers).toBeNull();
  });

  it('keeps a plain key as text', () => {
    // Prepare
    const record = recordAt('msk', 'order-events-1', 0);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.key).toBe('my-key');
  });

  it.each([
    { case: 'value null', record: { value: null } },
    { case: 'value absent', record: { value: undefined } },
  ])(
    'decodes a tombstone ($case) as null value and rawValue',
    ({ record: overrides }) => {
      // Prepare
      const { value: _ignored, ...rest } = recordFactory({ key: 'k' });
      const record: KafkaEventRecord = { ...rest, ...overrides };

      // Act
      const message = decodeRecord(record);

      // Assess
      expect(message.value).toBeNull();
      expect(message.rawValue).toBeNull();
      expect(message.key).toBe('k');
    }
  );

  it('decodes the self-managed fixture tombstone without a value field', () => {
    // Prepare
    const record = recordAt('self-managed', 'payments-2', 1);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect('value' in record).toBe(false);
    expect(message).toMatchObject({ key: null, value: null, rawValue: null });
  });

  it.each([
    { case: 'absent', key: undefined },
    { case: 'null', key: null },
    { case: 'empty', key: '' },
  ])('decodes a key that is $case as null', ({ key }) => {
    // Prepare
    const record: KafkaEventRecord = { ...recordFactory(), key };

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.key).toBeNull();
    expect(decodeKeyText(record)).toBeNull();
  });

  it.each([
    { key: '1', expected: 1 },
    { key: '{"foo":"x"}', expected: { foo: 'x' } },
    { key: '"q"', expected: 'q' },
    { key: 'true', expected: true },
    { key: 'my-key', expected: 'my-key' },
    { key: 'nothing', expected: 'nothing' },
    { key: ' 7 ', expected: 7 },
  ])('decodes key $key as $expected', ({ key, expected }) => {
    // Prepare
    const record = recordFactory({ key });

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.key).toEqual(expected);
    expect(decodeKeyText(record)).toBe(key);
  });

  it('decodes signed header bytes as UTF-8 (ë = [-61, -85])', () => {
    // Prepare
    const record: KafkaEventRecord = {
      ...recordFactory(),
      headers: [{ name: [90, 111, -61, -85] }],
    };

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.headers).toEqual({ name: 'Zoë' });
  });

  it.each([
    { bytes: [], text: '' },
    { bytes: [...Buffer.from('trace-1')], text: 'trace-1' },
    { bytes: [0x7f, 0x41], text: '\u007fA' },
    { bytes: [0x41, 128 - 256], text: 'A\ufffd' },
    { bytes: [...Buffer.from('x'.repeat(65))], text: 'x'.repeat(65) },
    { bytes: [...Buffer.from('ü'.repeat(40))], text: 'ü'.repeat(40) },
  ])(
    'decodes header bytes $bytes.length long as Buffer does',
    ({ bytes, text }) => {
      // Prepare
      const record: KafkaEventRecord = {
        ...recordFactory(),
        headers: [{ h: bytes }],
      };

      // Act
      const message = decodeRecord(record);

      // Assess
      expect(message.headers).toEqual({ h: text });
      expect(message.headers?.h).toBe(Buffer.from(bytes).toString('utf8'));
    }
  );

  it('keeps the last of duplicate header names and stores __proto__ as data', () => {
    // Prepare
    const record = recordAt('self-managed', 'payments-2', 0);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.headers?.trace).toBe('b');
    expect(Object.getPrototypeOf(message.headers)).toBe(Object.prototype);
    expect(
      Object.getOwnPropertyDescriptor(message.headers, '__proto__')
    ).toMatchObject({ value: 'x', enumerable: true });
    expect(JSON.stringify(message.headers)).toBe(
      '{"trace":"b","__proto__":"x"}'
    );
  });

  it.each([
    { case: 'an empty list', headers: [] },
    { case: 'null', headers: null },
    { case: 'absent', headers: undefined },
  ])('decodes headers that are $case as null', ({ headers }) => {
    // Prepare
    const record: KafkaEventRecord = { ...recordFactory(), headers };

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.headers).toBeNull();
  });

  it('decodes a header without a value as null (camunda/connectors#4827)', () => {
    // Prepare
    const record: KafkaEventRecord = {
      ...recordFactory(),
      headers: [{ absent: null }, { empty: [] }],
    };

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.headers).toEqual({ absent: null, empty: '' });
  });

  it('replaces invalid UTF-8 with U+FFFD instead of throwing', () => {
    // Prepare
    const record = recordAt('self-managed', 'payments-2', 2);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.rawValue).toBe('\uFFFD\uFFFDabc\uFFFD');
    expect(message.value).toBe(message.rawValue);
    expect(message.key).toBeNull();
    expect(message.headers).toBeNull();
  });

  it.each([
    { case: 'escaped', index: 3 },
    { case: 'raw', index: 4 },
  ])('parses JSON with $case control characters in strings', ({ index }) => {
    // Prepare
    const record = recordAt('self-managed', 'payments-2', index);

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.value).toEqual({ text: '\nb\ta\r' });
  });

  it('parses JSON holding an escaped JSON string and keeps rawValue as sent', () => {
    // Prepare
    const raw = '{"payload":"{\\"itemid\\":\\"Item_184\\"}"}';
    const record = recordFactory({ value: raw });

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.rawValue).toBe(raw);
    expect(JSON.parse((message.value as { payload: string }).payload)).toEqual({
      itemid: 'Item_184',
    });
  });

  it('uses the last of duplicate JSON keys', () => {
    // Prepare
    const record = recordFactory({ value: '{"a":1,"a":2}' });

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.value).toEqual({ a: 2 });
  });

  it('keeps a __proto__ JSON key as an own property without polluting prototypes', () => {
    // Prepare
    const record = recordFactory({
      value: '{"__proto__":{"polluted":true},"a":1}',
    });

    // Act
    const message = decodeRecord(record);

    // Assess
    const value = message.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value.polluted).toBeUndefined();
  });

  it('keeps JSON nested deeper than 1000 levels as text', () => {
    // Prepare
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const record = recordFactory({ value: deep });

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(message.value).toBe(deep);
    expect(message.rawValue).toBe(deep);
  });

  it('parses JSON nested exactly 1000 levels', () => {
    // Prepare
    const text = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const record = recordFactory({ value: text });

    // Act
    const message = decodeRecord(record);

    // Assess
    expect(Array.isArray(message.value)).toBe(true);
  });

  it.each(['', ' \t\r\n'])(
    'reads an empty or blank (non-tombstone) value %j as a null value, keeping rawValue',
    (text) => {
      // Prepare
      const record: KafkaEventRecord = {
        ...recordFactory(),
        value: base64(text),
      };

      // Act
      const message = decodeRecord(record);

      // Assess
      expect(message.value).toBeNull();
      expect(message.rawValue).toBe(text);
    }
  );
});

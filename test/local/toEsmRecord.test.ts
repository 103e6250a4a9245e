import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { toEsmRecord, toSignedBytes } from '../../lib/local/toEsmRecord.js';

// kafkajs types a message as a union of its v0/v1 and v2 forms.
const message = (overrides: Partial<KafkaMessage>): KafkaMessage =>
  ({
    key: null,
    value: null,
    timestamp: '1700000000000',
    attributes: 0,
    offset: '42',
    headers: {},
    ...overrides,
  }) as KafkaMessage;

describe('Function: toEsmRecord', () => {
  it('encodes key and value in base64 and numbers as numbers', () => {
    // Prepare
    const input = message({
      key: Buffer.from('k'),
      value: Buffer.from('{"a":1}'),
    });

    // Act
    const record = toEsmRecord('orders', 3, input);

    // Assess
    expect(record).toEqual({
      topic: 'orders',
      partition: 3,
      offset: 42,
      timestamp: 1_700_000_000_000,
      timestampType: 'CREATE_TIME',
      key: 'aw==',
      value: 'eyJhIjoxfQ==',
      headers: [],
    });
  });

  it('leaves the key out and sets a null value for a keyless tombstone', () => {
    // Act
    const record = toEsmRecord('t', 0, message({}));

    // Assess
    expect(record).not.toHaveProperty('key');
    expect(record.value).toBeNull();
  });

  it('writes one single-key header object per occurrence, in signed bytes', () => {
    // Prepare
    const input = message({
      headers: {
        trace: [Buffer.from('a'), Buffer.from('ë')],
        kind: 'x',
      },
    });

    // Act
    const record = toEsmRecord('t', 0, input);

    // Assess
    expect(record.headers).toEqual([
      { trace: [97] },
      { trace: [-61, -85] },
      { kind: [120] },
    ]);
  });

  it('writes a header without a value as {} (the ESM loses its name)', () => {
    // Prepare: kafkajs reads a header without a value as null
    const input = message({
      headers: { trace: Buffer.from('a'), absent: null } as never,
    });

    // Act
    const record = toEsmRecord('t', 0, input);

    // Assess
    expect(record.headers).toEqual([{ trace: [97] }, {}]);
  });

  it('reads LOG_APPEND_TIME from the batch attributes', () => {
    // Act
    const record = toEsmRecord('t', 0, message({ attributes: 0x08 }));

    // Assess
    expect(record.timestampType).toBe('LOG_APPEND_TIME');
  });
});

describe('Function: toSignedBytes', () => {
  it.each([
    { bytes: [0, 127], signed: [0, 127] },
    { bytes: [128, 255], signed: [-128, -1] },
  ])('maps $bytes to $signed', ({ bytes, signed }) => {
    // Act
    const result = toSignedBytes(Uint8Array.from(bytes));

    // Assess
    expect(result).toEqual(signed);
    expect(Buffer.from(result)).toEqual(Buffer.from(bytes));
  });
});

// Avro values a producer can write for an inline-Avro binding: block counts
// that claim more items than the bytes hold (avsc loops over the count and
// allocates it first), items of types that take no bytes, one-byte objects
// by the million, recursive schemas nested past what JSON may be. Each is
// dead-lettered with the reason, within the bounds, and the next record of
// the batch goes on.
import { describe, expect, it } from 'vitest';
import { MAX_AVRO_ITEMS, MAX_JSON_DEPTH } from '../../lib/kafka/index.js';
import {
  base64,
  bindingFactory,
  elementFactory,
  kafkaEventFactory,
  recordFactory,
} from '../support/factories/index.js';
import { setupProcessor } from '../support/setupProcessor.js';
import { BOUNDS, measure } from './measure.js';

/** Avro's zig-zag varint of a long. */
const long = (n: bigint): number[] => {
  let zigzag = (n << 1n) ^ (n >> 63n);
  const bytes: number[] = [];
  while (zigzag >= 0x80n) {
    bytes.push(Number((zigzag & 0x7fn) | 0x80n));
    zigzag >>= 7n;
  }
  bytes.push(Number(zigzag));
  return bytes;
};

const NODE = {
  type: 'record',
  name: 'Node',
  fields: [{ name: 'next', type: ['null', 'Node'] }],
};

/** `levels` nested Node records: union branch 1 (Node) each, then null. */
const nodes = (levels: number): Uint8Array =>
  Uint8Array.from([...Array<number>(levels - 1).fill(2), 0]);

/** An array block of `count` one-byte records (a boolean each), then the end. */
const oneByteRecords = (count: number): Uint8Array => {
  const head = long(BigInt(count));
  const bytes = new Uint8Array(head.length + count + 1);
  bytes.set(head, 0);
  return bytes;
};

const FLAGS = {
  type: 'array',
  items: {
    type: 'record',
    name: 'Flag',
    fields: [{ name: 'on', type: 'boolean' }],
  },
};

/** The hostile value at offset 1, a harmless `null` of the schema at offset 2. */
const run = async (
  schema: unknown,
  hostile: Uint8Array,
  harmless: Uint8Array
) => {
  const binding = bindingFactory({
    elements: [elementFactory({ resultVariable: 'kafka' })],
    kafka: {
      schema: { type: 'inlineSchema', schema: JSON.stringify(schema) },
    },
  });
  const setup = setupProcessor(binding);
  const records = [
    { ...recordFactory({ offset: 1 }), value: base64(hostile) },
    { ...recordFactory({ offset: 2 }), value: base64(harmless) },
  ];
  const { result, cost } = await measure(() =>
    setup.processor.process(kafkaEventFactory(records))
  );
  return { ...setup, result, cost };
};

describe('Hostile Avro records through createBatchProcessor (inline schema)', () => {
  it.each([
    {
      name: 'an array of nulls claiming 100,000,000 items in 5 bytes (45 s and 2.8 GB before)',
      schema: { type: 'array', items: 'null' },
      hostile: Uint8Array.from([...long(100_000_000n), 0]),
      error:
        /a block of 100000000 items claims more than the 5 bytes of the value can hold/,
    },
    {
      name: 'an array of ints claiming 2^50 items',
      schema: { type: 'array', items: 'int' },
      hostile: Uint8Array.from([...long(1n << 50n), 2]),
      error: /a block of 1125899906842624 items claims more than the 9 bytes/,
    },
    {
      name: 'a map claiming 1,000,000,000 entries',
      schema: { type: 'map', values: 'null' },
      hostile: Uint8Array.from([...long(1_000_000_000n), 0, 0]),
      error: /a block of 1000000000 items claims more than the 7 bytes/,
    },
    {
      name: 'blocks of empty records adding up past 100,000 items',
      schema: {
        type: 'array',
        items: { type: 'record', name: 'Empty', fields: [] },
      },
      hostile: Uint8Array.from([
        ...Array.from({ length: 11 }, () => long(10_000n)).flat(),
        0,
      ]),
      error: /a block of 10000 items claims more than the \d+ bytes/,
    },
    {
      name: '4,000,000 one-byte records in 4 MB (490 MB at the peak before)',
      schema: FLAGS,
      hostile: oneByteRecords(4_000_000),
      error: new RegExp(
        `holds more than ${MAX_AVRO_ITEMS.toLocaleString('en-US')} array items and map entries`
      ),
    },
    {
      name: 'a string claiming 2^40 bytes',
      schema: 'string',
      hostile: Uint8Array.from([...long(1n << 40n), 65]),
      error: /truncated buffer/,
    },
    {
      name: `a recursive schema nested ${MAX_JSON_DEPTH + 1} levels`,
      schema: NODE,
      hostile: nodes(MAX_JSON_DEPTH + 1),
      error: new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`),
    },
    {
      name: 'a recursive schema nested 200,000 levels',
      schema: NODE,
      hostile: nodes(200_000),
      error: /are not a value of Avro schema Node/,
    },
  ])(
    'dead-letters $name and goes on with the batch',
    async ({ schema, hostile, error }) => {
      // Prepare: the harmless record is the schema's smallest value
      const harmless =
        schema === 'string'
          ? Uint8Array.from([2, 65])
          : schema === NODE
            ? nodes(1)
            : Uint8Array.from([0]);

      // Act
      const { result, deadLetters, camunda, cost } = await run(
        schema,
        hostile,
        harmless
      );

      // Assess
      expect(result.response).toEqual({ batchItemFailures: [] });
      expect(deadLetters.letters.map((l) => [l.offset, l.reason])).toEqual([
        [1, 'undecodable-record'],
      ]);
      expect(deadLetters.letters[0]?.error).toMatch(error);
      expect(camunda.calls).toHaveLength(1);
      expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(cost.heapDeltaMb).toBeLessThan(BOUNDS.heapDeltaMb);
      expect(cost.peakMb).toBeLessThan(BOUNDS.heapDeltaMb);
    }
  );

  it(`reads a value nested ${MAX_JSON_DEPTH} levels, as deep as JSON may be`, async () => {
    // Act
    const { result, deadLetters, camunda } = await run(
      NODE,
      nodes(MAX_JSON_DEPTH),
      nodes(1)
    );

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters).toEqual([]);
    expect(camunda.calls).toHaveLength(2);
  });

  it(`reads ${MAX_AVRO_ITEMS.toLocaleString('en-US')} one-byte records, the most a value may hold, within the bounds`, async () => {
    // Act: too large for Camunda's variables, so dead-lettered for that
    const { result, deadLetters, cost } = await run(
      FLAGS,
      oneByteRecords(MAX_AVRO_ITEMS),
      Uint8Array.from([0])
    );

    // Assess: 132 MB at the peak and 0.7-1 s of CPU here; 4 times that
    // was the bound's reason (the CPU bound leaves room for a loaded machine)
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters.map((l) => l.reason)).toEqual([
      'variables-too-large',
    ]);
    expect(cost.cpuMs).toBeLessThan(2.5 * BOUNDS.cpuMs);
    expect(cost.peakMb).toBeLessThan(256);
  });
});

import avsc from 'avsc/lib/types.js';
import { describe, expect, it } from 'vitest';
import {
  AvroSchemaError,
  createAvroReader,
  RecordDecodeError,
} from '../../lib/kafka/index.js';

/** Writes `value` with avsc (unions wrapped, as a Java producer's are). */
const write = (schema: unknown, value: unknown): Buffer =>
  avsc.Type.forSchema(schema, { wrapUnions: 'always' }).toBuffer(value);

const read = (schema: unknown, bytes: Buffer): unknown =>
  createAvroReader(JSON.stringify(schema)).read(bytes);

const roundTrip = (schema: unknown, value: unknown): unknown =>
  read(schema, write(schema, value));

// What Camunda's connector makes of Avro, which these cases reproduce
// (camunda/connectors, connectors/kafka, and the Jackson module it uses):
// - inline schema: KafkaConnectorConsumer.startConsumer builds
//   `new AvroMapper().reader(new AvroSchema(schema))`, and
//   KafkaPropertyTransformer.setValue reads the value bytes with it
//   (`case byte[] bytes -> objectReader.readTree(bytes)`): a JsonNode tree;
// - registry Avro: KafkaAvroDeserializer gives a GenericRecord, which
//   GenericRecordConverter.toObjectNode writes back to Avro binary and reads
//   with the same Jackson Avro reader: the same tree;
// - that reader maps each Avro type as jackson-dataformat-avro's
//   AvroReaderFactory.createScalarValueDecoder / createReader say: ENUM →
//   EnumDecoder (`parser.setString`, the symbol); BYTES → BytesDecoder and
//   FIXED → FixedDecoder (binary, a BinaryNode, written as base64); BYTES or
//   FIXED with LogicalTypes.Decimal → BytesDecimalReader / FixedDecimalReader
//   (a BigDecimal, a DecimalNode); INT and LONG → IntReader / LongReader
//   whatever the logical type (date, time-*, timestamp-* stay numbers);
//   STRING → StringReader (uuid stays text); FLOAT → FloatReader (a float,
//   a FloatNode: Float.toString's digits); UNION → ScalarUnionDecoder /
//   UnionReader (the branch's value, no wrapper); RECORD → RecordReader
//   (fields in schema order); MAP → MapReader; ARRAY → ArrayReader.
describe('Function: createAvroReader', () => {
  // AWS's published Avro sample (Powertools for AWS Lambda TypeScript,
  // docs/features/kafka.md and packages/kafka/tests/events/avro.json): the
  // Product record {id: 1001, name: "Laptop", price: 999.99}. Re-encoded
  // here; the bytes equal the published base64 value.
  const product = {
    type: 'record',
    name: 'Product',
    fields: [
      { name: 'id', type: 'int' },
      { name: 'name', type: 'string' },
      { name: 'price', type: 'double' },
    ],
  };

  it('reads AWS’s published Avro sample value', () => {
    const bytes = write(product, { id: 1001, name: 'Laptop', price: 999.99 });

    expect(bytes.toString('base64')).toBe('0g8MTGFwdG9wUrgehes/j0A=');
    expect(read(product, bytes)).toEqual({
      id: 1001,
      name: 'Laptop',
      price: 999.99,
    });
  });

  it.each([
    ['null', 'null', null, null],
    ['boolean', 'boolean', true, true],
    ['int', 'int', -42, -42],
    ['long', 'long', 2 ** 52 + 1, 2 ** 52 + 1],
    ['string', 'string', 'grüße ✓', 'grüße ✓'],
    ['double', 'double', 0.1, 0.1],
  ])('reads a %s as JSON', (_name, type, value, expected) => {
    expect(roundTrip(type, value)).toEqual(expected);
  });

  it('reads a float as its shortest decimal (Java’s Float.toString), not the widened double', () => {
    expect(roundTrip('float', 3.14)).toBe(3.14);
    expect(roundTrip('float', 0.1)).toBe(0.1);
    expect(roundTrip('float', 16_777_216)).toBe(16_777_216);
  });

  it('reads bytes and fixed as base64 text, as Jackson writes binary nodes', () => {
    expect(roundTrip('bytes', Buffer.from([0, 1, 254, 255]))).toBe('AAH+/w==');
    expect(
      roundTrip({ type: 'fixed', name: 'Md5', size: 4 }, Buffer.from('abcd'))
    ).toBe('YWJjZA==');
  });

  it('reads an enum as its symbol', () => {
    const schema = { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] };
    expect(roundTrip(schema, 'PAID')).toBe('PAID');
  });

  it('reads arrays and maps (a __proto__ key stays data)', () => {
    expect(roundTrip({ type: 'array', items: 'int' }, [1, 2, 3])).toEqual([
      1, 2, 3,
    ]);
    const map = roundTrip(
      { type: 'map', values: 'string' },
      JSON.parse('{"a": "x", "__proto__": "y"}')
    ) as Record<string, unknown>;
    expect(Object.keys(map)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toBe('y');
  });

  it('reads unions as the branch’s value, without the branch name', () => {
    const schema = {
      type: 'record',
      name: 'U',
      fields: [
        { name: 'a', type: ['null', 'string'] },
        { name: 'b', type: ['null', 'string'] },
        {
          name: 'c',
          type: [
            'null',
            {
              type: 'record',
              name: 'Inner',
              fields: [{ name: 'x', type: 'float' }],
            },
          ],
        },
        { name: 'd', type: ['int', 'float'] },
      ],
    };
    expect(
      roundTrip(schema, {
        a: null,
        b: { string: 'text' },
        c: { Inner: { x: 1.1 } },
        d: { float: 2.2 },
      })
    ).toEqual({ a: null, b: 'text', c: { x: 1.1 }, d: 2.2 });
  });

  it('reads nested records, arrays of records and unions of records in field order', () => {
    // The shape of Camunda's nested-avro-schema.json
    // (connectors/kafka/src/test/resources), asserted by
    // KafkaIntegrationTest.consumeSchemaRegistryAvroMessage.
    const person = {
      type: 'record',
      name: 'Employee',
      namespace: 'io.camunda.test',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'age', type: 'int' },
        { name: 'emails', type: { type: 'array', items: 'string' } },
        {
          name: 'boss',
          type: [
            'null',
            {
              type: 'record',
              name: 'Boss',
              fields: [
                { name: 'name', type: 'string' },
                { name: 'position', type: 'string' },
              ],
            },
          ],
        },
        { name: 'nickname', type: ['null', 'string'] },
        {
          name: 'colleagues',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Colleague',
              fields: [
                { name: 'name', type: 'string' },
                { name: 'age', type: 'int' },
              ],
            },
          },
        },
      ],
    };
    const value = roundTrip(person, {
      name: 'Test',
      age: 40,
      emails: ['test@camunda.com'],
      boss: { 'io.camunda.test.Boss': { name: 'Boss', position: 'CEO' } },
      nickname: { string: 'Nick' },
      colleagues: [{ name: 'Colleague1', age: 30 }],
    });
    expect(value).toEqual({
      name: 'Test',
      age: 40,
      emails: ['test@camunda.com'],
      boss: { name: 'Boss', position: 'CEO' },
      nickname: 'Nick',
      colleagues: [{ name: 'Colleague1', age: 30 }],
    });
    expect(Object.keys(value as object)).toEqual([
      'name',
      'age',
      'emails',
      'boss',
      'nickname',
      'colleagues',
    ]);
  });

  it('reads decimals (bytes and fixed, negative too) as numbers, as Jackson’s BigDecimal', () => {
    const bytes = {
      type: 'bytes',
      logicalType: 'decimal',
      precision: 9,
      scale: 2,
    };
    const fixed = {
      type: 'fixed',
      name: 'Amount',
      size: 4,
      logicalType: 'decimal',
      precision: 9,
      scale: 3,
    };
    // 1234 → 12.34; -1 (0xff) → -0.01; fixed 0xfffffc18 = -1000 → -1.000
    expect(read(bytes, write('bytes', Buffer.from([0x04, 0xd2])))).toBe(12.34);
    expect(read(bytes, write('bytes', Buffer.from([0xff])))).toBe(-0.01);
    expect(
      read(
        fixed,
        write(
          { type: 'fixed', name: 'Amount', size: 4 },
          Buffer.from([0xff, 0xff, 0xfc, 0x18])
        )
      )
    ).toBe(-1);
  });

  it('reads an invalid decimal as its bytes or fixed (base64), as Avro’s Schema.Parser ignores it', () => {
    // LogicalTypes.fromSchemaIgnoreInvalid drops a decimal that
    // LogicalTypes.Decimal refuses (no precision, scale > precision, more
    // digits than the fixed holds); AvroReaderFactory then finds no Decimal
    // logical type and reads BYTES / FIXED (BinaryNode, base64).
    const raw = Buffer.from([0x04, 0xd2]);
    for (const schema of [
      { type: 'bytes', logicalType: 'decimal', scale: 2 },
      { type: 'bytes', logicalType: 'decimal', precision: 2, scale: 3 },
      { type: 'bytes', logicalType: 'decimal', precision: 0 },
    ]) {
      expect(read(schema, write('bytes', raw))).toBe('BNI=');
    }
    const fixed = { type: 'fixed', name: 'Two', size: 2 };
    expect(
      read(
        { ...fixed, logicalType: 'decimal', precision: 5 },
        write(fixed, raw)
      )
    ).toBe('BNI=');
    expect(
      read(
        { ...fixed, logicalType: 'decimal', precision: 4 },
        write(fixed, raw)
      )
    ).toBe(1234);
  });

  it('reads other logical types as their underlying type, as Jackson’s Avro reader does', () => {
    const schema = {
      type: 'record',
      name: 'Times',
      fields: [
        { name: 'date', type: { type: 'int', logicalType: 'date' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        {
          name: 'micros',
          type: { type: 'long', logicalType: 'timestamp-micros' },
        },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'time', type: { type: 'int', logicalType: 'time-millis' } },
      ],
    };
    const value = {
      date: 19_723,
      at: 1_704_067_200_000,
      micros: 1_704_067_200_000_000,
      id: '4d1d3c1e-8c53-4b5a-9b4f-0c6a1f4c2d10',
      time: 3_600_000,
    };
    expect(roundTrip(schema, value)).toEqual(value);
  });

  it('refuses a long beyond 2^53 instead of rounding it', () => {
    // Zig-zag varint of 2^53 + 1.
    const bytes = write('long', 2 ** 52);
    const unsafe = Buffer.from([
      0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20,
    ]);
    expect(read('long', bytes)).toBe(2 ** 52);
    expect(() => read('long', unsafe)).toThrow(
      /long beyond ±2\^53 cannot be carried exactly/
    );
  });

  it('refuses NaN and infinities, which JSON cannot carry, naming the field', () => {
    const schema = {
      type: 'record',
      name: 'M',
      fields: [{ name: 'ratio', type: 'double' }],
    };
    const bytes = write(schema, { ratio: Number.NaN });
    expect(() => read(schema, bytes)).toThrow(RecordDecodeError);
    expect(() => read(schema, bytes)).toThrow(
      'Avro schema M: .ratio holds a double NaN cannot be carried in JSON'
    );
  });

  it('refuses truncated bytes and trailing bytes, naming the schema', () => {
    const bytes = write(product, { id: 1, name: 'x', price: 1 });
    expect(() => read(product, bytes.subarray(0, 4))).toThrow(
      /^4 bytes are not a value of Avro schema Product: truncated buffer$/
    );
    expect(() =>
      read(product, Buffer.concat([bytes, Buffer.from([1])]))
    ).toThrow(/not a value of Avro schema Product: trailing data/);
  });

  it('says when a value looks Confluent-framed', () => {
    const framed = Buffer.concat([
      Buffer.from([0, 0, 0, 0, 7]),
      write(product, { id: 1, name: 'x', price: 1 }),
    ]);
    expect(() => read(product, framed)).toThrow(
      /magic byte 0 and schema id 7: use the schemaRegistry strategy/
    );
  });

  it('refuses a schema that is not JSON or not Avro', () => {
    expect(() => createAvroReader('{"type": "record"')).toThrow(
      AvroSchemaError
    );
    expect(() => createAvroReader('{"type": "record", "name": "R"}')).toThrow(
      /the Avro schema is not valid/
    );
    expect(() => createAvroReader('"nosuchtype"')).toThrow(AvroSchemaError);
  });
});

import avsc from 'avsc/lib/types.js';
import { describe, expect, it } from 'vitest';
import {
  createRecordDecoder,
  type KafkaEventRecord,
  type RecordDecoding,
  type RegistrySchema,
  SchemaNotFoundError,
  type SchemaRegistryPort,
  SchemaRegistryUnavailableError,
} from '../../lib/kafka/index.js';
import { confluentFrame } from '../support/schema-registry-double.js';

const order = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: 'double' },
    { name: 'note', type: ['null', 'string'] },
  ],
};
const orderType = avsc.Type.forSchema(order, { wrapUnions: 'always' });
const orderBytes = orderType.toBuffer({
  id: 'A-1',
  total: 12.5,
  note: { string: 'gift' },
});
const orderValue = { id: 'A-1', total: 12.5, note: 'gift' };

const record = (
  value: Buffer | null,
  extra: Partial<KafkaEventRecord> = {}
): KafkaEventRecord => ({
  topic: 'orders',
  partition: 0,
  offset: 7,
  timestamp: 1,
  key: Buffer.from('1').toString('base64'),
  value: value === null ? null : value.toString('base64'),
  headers: [],
  ...extra,
});

/** A registry port over a fixed map, counting calls. */
const registryOf = (
  schemas: Record<number, RegistrySchema>,
  failure?: Error,
  subjects: Record<string, RegistrySchema> = {}
): SchemaRegistryPort & { calls: number[] } => {
  const calls: number[] = [];
  return {
    address: 'http://registry.test',
    calls,
    getSchema: async (id) => {
      calls.push(id);
      if (failure !== undefined) throw failure;
      const found = schemas[id];
      if (found === undefined) {
        throw new SchemaNotFoundError('http://registry.test', `${id}`);
      }
      return found;
    },
    getSubjectVersion: async (subject, version) => {
      const found = subjects[`${subject}@${version}`];
      if (found === undefined) {
        throw new SchemaNotFoundError(
          'http://registry.test',
          `${subject} version ${version}`
        );
      }
      return found;
    },
  };
};

const decoded = (result: RecordDecoding) => {
  if (result.kind !== 'decoded')
    throw new Error(`${result.kind}: ${result.error}`);
  return result.message;
};

describe('Function: createRecordDecoder', () => {
  describe('inline Avro', () => {
    const decode = createRecordDecoder({
      kind: 'inlineAvro',
      schema: JSON.stringify(order),
    });

    it('decodes the value with the schema; rawValue stays null and the key text (Camunda reads both with the Avro reader)', () => {
      const message = decoded(decode(record(orderBytes)) as RecordDecoding);
      expect(message.value).toEqual(orderValue);
      expect(message.rawValue).toBeNull();
      // "1" is not JSON-parsed to 1: KafkaPropertyTransformer.parseKey reads
      // the key with the same (Avro) reader, `readTree((String) key)`, which
      // cannot read a character source; its catch keeps the string.
      expect(message.key).toBe('1');
      expect(message.headers).toBeNull();
    });

    it('makes a record the schema cannot read poison, naming the schema; never text', () => {
      const result = decode(
        record(Buffer.from('{"id": "A-1"}'))
      ) as RecordDecoding;
      expect(result.kind).toBe('poison');
      expect(result.kind === 'poison' && result.error).toMatch(
        /not a value of Avro schema shop\.Order/
      );
    });

    it('passes tombstones through', () => {
      const message = decoded(decode(record(null)) as RecordDecoding);
      expect(message.value).toBeNull();
      expect(message.rawValue).toBeNull();
    });

    it('makes every record poison when the stored schema is unusable', () => {
      const broken = createRecordDecoder({ kind: 'inlineAvro', schema: '{}' });
      const result = broken(record(orderBytes)) as RecordDecoding;
      expect(result).toEqual({
        kind: 'poison',
        error: expect.stringMatching(/^the inline Avro schema cannot be used/),
      });
    });
  });

  describe('Confluent wire format', () => {
    it('reads the schema id from the frame, fetches the schema once, decodes Avro', async () => {
      const registry = registryOf({
        5: { schemaType: 'AVRO', schema: JSON.stringify(order) },
      });
      const decode = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        registry
      );
      const first = decoded(
        await decode(record(confluentFrame(5, orderBytes)))
      );
      const second = decoded(
        await decode(record(confluentFrame(5, orderBytes)))
      );
      expect(first.value).toEqual(orderValue);
      expect(first.rawValue).toBeNull();
      expect(first.key).toBe(1);
      expect(second.value).toEqual(orderValue);
      expect(registry.calls).toEqual([5]);
    });

    it('decodes JSON Schema payloads with the compact JSON as rawValue', async () => {
      const registry = registryOf({
        3: { schemaType: 'JSON', schema: '{"type":"object"}' },
      });
      const decode = createRecordDecoder(
        { kind: 'confluent', schemaType: 'json' },
        registry
      );
      // The issue's example: Confluent-framed {"ticket":"T-9","priority":1}.
      const payload = Buffer.from('{ "ticket": "T-9", "priority": 1 }');
      const message = decoded(await decode(record(confluentFrame(3, payload))));
      expect(message.value).toEqual({ ticket: 'T-9', priority: 1 });
      expect(message.rawValue).toBe('{"ticket":"T-9","priority":1}');
    });

    it('writes rawValue as Camunda does (exact decimals) and makes what Confluent’s strict reader refuses poison', async () => {
      // Confluent's AbstractKafkaJsonSchemaDeserializer reads with
      // Jackson.newObjectMapper() (exact BigDecimals, no single quotes);
      // KafkaPropertyTransformer.setValue writes the JsonNode back.
      const registry = registryOf({
        3: { schemaType: 'JSON', schema: '{"type":"object"}' },
      });
      const decode = createRecordDecoder(
        { kind: 'confluent', schemaType: 'json' },
        registry
      );

      const decimals = decoded(
        await decode(
          record(confluentFrame(3, Buffer.from('{"total": 12.50, "n": 1e2}')))
        )
      );
      const quoted = await decode(
        record(confluentFrame(3, Buffer.from("{'ticket': 'T-9'}")))
      );

      expect(decimals.value).toEqual({ total: 12.5, n: 100 });
      expect(decimals.rawValue).toBe('{"total":12.50,"n":1E+2}');
      expect(quoted).toEqual({
        kind: 'poison',
        error: expect.stringMatching(
          /^the JSON payload is not strict JSON \(Confluent's JSON Schema deserializer refuses single quotes/
        ),
      });
    });

    it('reads the ESM’s SOURCE format: frame taken off, id in valueSchemaMetadata', async () => {
      const registry = registryOf({
        9: { schemaType: 'AVRO', schema: JSON.stringify(order) },
      });
      const decode = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        registry
      );
      const message = decoded(
        await decode(
          record(orderBytes, {
            valueSchemaMetadata: { dataFormat: 'AVRO', schemaId: '9' },
          })
        )
      );
      expect(message.value).toEqual(orderValue);
      expect(registry.calls).toEqual([9]);
    });

    it('makes an unknown schema id poison and an unreachable registry a retry', async () => {
      const unknown = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        registryOf({})
      );
      expect(await unknown(record(confluentFrame(42, orderBytes)))).toEqual({
        kind: 'poison',
        error:
          'schema 42 is not in the registry http://registry.test (the value names schema id 42)',
      });
      const down = registryOf(
        {},
        new SchemaRegistryUnavailableError(
          'the schema registry http://registry.test answered HTTP 503'
        )
      );
      const unreachable = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        down
      );
      expect(await unreachable(record(confluentFrame(1, orderBytes)))).toEqual({
        kind: 'retry',
        error:
          'schema 1: the schema registry http://registry.test answered HTTP 503',
      });
      // A failed fetch is asked again.
      await unreachable(record(confluentFrame(1, orderBytes)));
      expect(down.calls).toEqual([1, 1]);
    });

    it('makes unframed values, wrong schema types and unreadable payloads poison', async () => {
      const registry = registryOf({
        1: { schemaType: 'AVRO', schema: JSON.stringify(order) },
        2: { schemaType: 'PROTOBUF', schema: 'syntax = "proto3";' },
      });
      const avro = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        registry
      );
      const json = createRecordDecoder(
        { kind: 'confluent', schemaType: 'json' },
        registry
      );
      const poisonOf = async (
        result: Promise<RecordDecoding> | RecordDecoding
      ) => {
        const settled = await result;
        return settled.kind === 'poison' ? settled.error : settled.kind;
      };
      expect(
        await poisonOf(avro(record(Buffer.from('{"plain": "json"}'))))
      ).toMatch(
        /does not start with the Confluent magic byte 0 \(first byte 123\)/
      );
      expect(await poisonOf(avro(record(confluentFrame(2, orderBytes))))).toBe(
        "schema 2 of http://registry.test is PROTOBUF, but the binding's schemaStrategy.schemaType is avro"
      );
      expect(await poisonOf(json(record(confluentFrame(1, orderBytes))))).toBe(
        "schema 1 of http://registry.test is AVRO, but the binding's schemaStrategy.schemaType is json"
      );
      expect(
        await poisonOf(avro(record(confluentFrame(1, Buffer.from([1, 2])))))
      ).toMatch(/bytes are not a value of Avro schema shop\.Order/);
    });

    it('reads a registry value of schema bytes as Camunda does: the raw bytes after the frame, read as JSON', async () => {
      // confluentinc/schema-registry AbstractKafkaAvroDeserializer
      // (DeserializationContext.read) returns the payload of a BYTES writer
      // schema unread (KafkaAvroSerializer wrote it so); camunda/connectors
      // KafkaPropertyTransformer.setValue reads a byte[] value with
      // objectReader.readTree and leaves rawValue null.
      const registry = registryOf({
        4: { schemaType: 'AVRO', schema: '"bytes"' },
      });
      const decode = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        registry
      );

      const json = decoded(
        await decode(
          record(confluentFrame(4, Buffer.from('{"ticket": "T-9", "n": 1}')))
        )
      );
      const text = await decode(
        record(confluentFrame(4, Buffer.from('plain words')))
      );
      const binary = await decode(
        record(confluentFrame(4, Buffer.from([0xc3, 0x28, 0x01])))
      );

      expect(json.value).toEqual({ ticket: 'T-9', n: 1 });
      expect(json.rawValue).toBeNull();
      // Camunda: value null (readTree fails, setValue falls back to the
      // null rawValue); here the record is poison, never a silent null.
      expect(text).toEqual({
        kind: 'poison',
        error: expect.stringMatching(
          /^the value of Avro schema bytes .* is not JSON/
        ),
      });
      expect(binary).toEqual({
        kind: 'poison',
        error: expect.stringMatching(
          /^the value of Avro schema bytes .* is not UTF-8 text/
        ),
      });
    });

    it('resolves Confluent schema references (named types of other subjects)', async () => {
      const address = {
        type: 'record',
        name: 'Address',
        namespace: 'shop',
        fields: [{ name: 'city', type: 'string' }],
      };
      const customer = {
        type: 'record',
        name: 'Customer',
        namespace: 'shop',
        fields: [
          { name: 'name', type: 'string' },
          { name: 'home', type: 'shop.Address' },
        ],
      };
      const writer = avsc.Type.forSchema({
        ...customer,
        fields: [customer.fields[0], { name: 'home', type: address }],
      });
      const registry = registryOf(
        {
          7: {
            schemaType: 'AVRO',
            schema: JSON.stringify(customer),
            references: [
              { name: 'shop.Address', subject: 'address-value', version: 1 },
            ],
          },
          8: {
            schemaType: 'AVRO',
            schema: JSON.stringify(customer),
            references: [
              { name: 'shop.Address', subject: 'address-value', version: 2 },
            ],
          },
        },
        undefined,
        {
          'address-value@1': {
            schemaType: 'AVRO',
            schema: JSON.stringify(address),
          },
        }
      );
      const decode = createRecordDecoder(
        { kind: 'confluent', schemaType: 'avro' },
        registry
      );
      const bytes = writer.toBuffer({ name: 'Ada', home: { city: 'Zürich' } });
      const message = decoded(await decode(record(confluentFrame(7, bytes))));
      expect(message.value).toEqual({ name: 'Ada', home: { city: 'Zürich' } });
      const missing = await decode(record(confluentFrame(8, bytes)));
      expect(missing).toEqual({
        kind: 'poison',
        error:
          'schema 8 of http://registry.test: schema address-value version 2 is not in the registry http://registry.test',
      });
    });

    it('retries when no registry client is set, rather than reading text', async () => {
      const decode = createRecordDecoder({
        kind: 'confluent',
        schemaType: 'json',
      });
      expect(
        (await decode(record(confluentFrame(1, Buffer.from('{}'))))).kind
      ).toBe('retry');
    });
  });

  describe('a registry the ESM decodes (AWS Glue, JSON format)', () => {
    const decode = createRecordDecoder({ kind: 'esmJson', schemaType: 'avro' });

    it('reads the JSON the ESM delivers with valueSchemaMetadata', () => {
      const message = decoded(
        decode(
          record(Buffer.from(JSON.stringify(orderValue)), {
            valueSchemaMetadata: {
              dataFormat: 'AVRO',
              schemaId: '4d1d3c1e-8c53-4b5a-9b4f-0c6a1f4c2d10',
            },
          })
        ) as RecordDecoding
      );
      expect(message.value).toEqual(orderValue);
      expect(message.rawValue).toBeNull();
    });

    it('makes a record without the ESM’s metadata poison', () => {
      const result = decode(record(orderBytes)) as RecordDecoding;
      expect(result.kind).toBe('poison');
    });
  });
});

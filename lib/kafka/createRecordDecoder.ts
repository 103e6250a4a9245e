import { compactJsonText } from './compactJsonText.js';
import {
  type AvroNamedTypes,
  type AvroReader,
  createAvroReader,
} from './createAvroReader.js';
import { decodeHeaders, decodeKeyText, decodeRecord } from './decodeRecord.js';
import {
  AvroSchemaError,
  RecordDecodeError,
  SchemaNotFoundError,
  SchemaRegistryUnavailableError,
} from './errors.js';
import { parseJsonText } from './parseJsonText.js';
import { readConfluentFrame } from './readConfluentFrame.js';
import type {
  KafkaEventRecord,
  KafkaMessage,
  RecordDecoder,
  RecordDecoding,
  RegistrySchema,
  SchemaRegistryPort,
  ValueFormat,
} from './types.js';

/** The decoded value and its raw text, as Camunda's connector sets them. */
interface ValueParts {
  readonly value: unknown;
  readonly rawValue: string | null;
}

/** Parsed registry schemas kept per decoder (ids are immutable). */
const MAX_CACHED_SCHEMAS = 256;

const poison = (error: string): RecordDecoding => ({ kind: 'poison', error });

const utf8 = new TextDecoder('utf-8', { fatal: true });

const message = (
  record: KafkaEventRecord,
  key: unknown,
  parts: ValueParts
): RecordDecoding => ({
  kind: 'decoded',
  message: {
    key,
    value: parts.value,
    rawValue: parts.rawValue,
    headers: decodeHeaders(record.headers),
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
  } satisfies KafkaMessage,
});

/** The key JSON-parsed when it is JSON, else its text (Camunda's JSON reader). */
const jsonKey = (record: KafkaEventRecord): unknown => {
  const text = decodeKeyText(record);
  if (text === null) return null;
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed.value : text;
};

const TOMBSTONE: ValueParts = { value: null, rawValue: null };

const isTombstone = (record: KafkaEventRecord): boolean =>
  typeof record.value !== 'string';

/**
 * JSON Schema payloads: the JSON value, and as `rawValue` the compact text
 * Camunda's connector writes the JsonNode back as ({@link compactJsonText}).
 * Confluent's deserializer reads them with a strict JSON mapper: what it
 * refuses (single quotes, raw control characters, an empty payload) cannot
 * be read there, and is poison here.
 */
const readJson = (bytes: Uint8Array, what: string): ValueParts => {
  const { value, text } = readJsonValue(bytes, what);
  const rawValue = compactJsonText(text);
  if (rawValue === undefined) {
    throw new RecordDecodeError(
      `${what} is not strict JSON (Confluent's JSON Schema deserializer refuses single quotes, raw control characters and empty payloads)`
    );
  }
  return { value, rawValue };
};

/** UTF-8 JSON: its value (read as Jackson's `readTree` reads) and text. */
const readJsonValue = (
  bytes: Uint8Array,
  what: string
): { readonly value: unknown; readonly text: string } => {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new RecordDecodeError(`${what} is not UTF-8 text`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new RecordDecodeError(
      `${what} is not JSON (or is nested deeper than 1000 levels)`
    );
  }
  return { value: parsed.value, text };
};

/**
 * A registry Avro value: an object for records; a top-level string is
 * text that is then read as JSON, like every String value in Camunda's
 * connector. A top-level `bytes` schema is not Avro-encoded at all:
 * Confluent's serializer writes the bytes after the frame as they are, and
 * its deserializer hands them over as they are
 * (`AbstractKafkaAvroDeserializer.DeserializationContext.read`: "if
 * (writerSchema.getType().equals(Schema.Type.BYTES))"); Camunda's connector
 * then reads that `byte[]` as JSON (`KafkaPropertyTransformer.setValue`,
 * `case byte[] bytes -> objectReader.readTree(bytes)`), leaving `rawValue`
 * null. Bytes that are not JSON give Camunda a silent `value: null`; here
 * they are poison, as an inline value its schema cannot read is.
 */
const readAvro = (reader: AvroReader, payload: Buffer): ValueParts => {
  if (reader.schemaName === 'bytes') {
    const { value } = readJsonValue(
      payload,
      'the value of Avro schema bytes (raw bytes after the Confluent frame, which Camunda’s connector reads as JSON)'
    );
    return { value, rawValue: null };
  }
  const value = reader.read(payload);
  if (reader.schemaName === 'string' && typeof value === 'string') {
    const parsed = parseJsonText(value);
    return { value: parsed.ok ? parsed.value : value, rawValue: value };
  }
  return { value, rawValue: null };
};

const decodeFailure = (error: unknown): RecordDecoding => {
  if (error instanceof RecordDecodeError || error instanceof AvroSchemaError) {
    return poison(error.message);
  }
  throw error;
};

/**
 * Inline Avro: the value is plain Avro binary of the element's schema. The
 * key stays text: Camunda's connector reads it with the Avro reader too,
 * which cannot read text, and keeps the string.
 */
const inlineAvroDecoder = (schema: string): RecordDecoder => {
  let reader: AvroReader;
  try {
    reader = createAvroReader(schema);
  } catch (error) {
    // Validation refuses such schemas; a binding stored before that rule
    // must still not turn its records into text.
    const reason = `the inline Avro schema cannot be used: ${(error as Error).message}`;
    return () => poison(reason);
  }
  return (record) => {
    const key = decodeKeyText(record);
    if (isTombstone(record)) return message(record, key, TOMBSTONE);
    try {
      const bytes = Buffer.from(record.value as string, 'base64');
      return message(record, key, {
        value: reader.read(bytes),
        rawValue: null,
      });
    } catch (error) {
      return decodeFailure(error);
    }
  };
};

/** A registry the ESM decodes (Glue): the value arrives as JSON text. */
const esmJsonDecoder = (schemaType: 'avro' | 'json'): RecordDecoder => {
  return (record) => {
    const key = jsonKey(record);
    if (isTombstone(record)) return message(record, key, TOMBSTONE);
    if (record.valueSchemaMetadata === undefined) {
      return poison(
        'the record came without the ESM’s valueSchemaMetadata: a Glue Schema Registry binding is decoded by a provisioned-mode event source mapping, not by kafka-inbound'
      );
    }
    try {
      const parts = readJson(
        Buffer.from(record.value as string, 'base64'),
        'the value the ESM decoded'
      );
      return message(
        record,
        key,
        schemaType === 'json' ? parts : { value: parts.value, rawValue: null }
      );
    } catch (error) {
      return decodeFailure(error);
    }
  };
};

/** One registry schema, ready to read payloads. */
type PreparedSchema =
  | { readonly kind: 'avro'; readonly reader: AvroReader }
  | { readonly kind: 'json' }
  | { readonly kind: 'unusable'; readonly error: string };

/** Bounds on the schema references one schema may pull in. */
const MAX_REFERENCED_SCHEMAS = 64;

/**
 * Parses the schemas another schema references (depth first, each subject
 * version once) into `named`, so that the schema can name their types.
 */
const loadReferences = async (
  registry: SchemaRegistryPort,
  references: RegistrySchema['references'],
  named: AvroNamedTypes,
  seen: Set<string>
): Promise<void> => {
  for (const reference of references ?? []) {
    const key = `${reference.subject}@${reference.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_REFERENCED_SCHEMAS) {
      throw new RecordDecodeError(
        `more than ${MAX_REFERENCED_SCHEMAS} referenced schemas`
      );
    }
    const found = await registry.getSubjectVersion(
      reference.subject,
      reference.version
    );
    await loadReferences(registry, found.references, named, seen);
    createAvroReader(found.schema, named);
  }
};

const prepareSchema = async (
  id: number,
  found: RegistrySchema,
  expected: 'avro' | 'json',
  registry: SchemaRegistryPort
): Promise<PreparedSchema> => {
  const type = (found.schemaType || 'AVRO').toUpperCase();
  const label = `schema ${id} of ${registry.address}`;
  if (type !== expected.toUpperCase()) {
    return {
      kind: 'unusable',
      error: `${label} is ${type}, but the binding's schemaStrategy.schemaType is ${expected}`,
    };
  }
  // JSON Schema payloads are not validated, so references do not matter.
  if (type === 'JSON') return { kind: 'json' };
  const named: AvroNamedTypes = {};
  try {
    await loadReferences(registry, found.references, named, new Set());
    return { kind: 'avro', reader: createAvroReader(found.schema, named) };
  } catch (error) {
    if (error instanceof SchemaRegistryUnavailableError) throw error;
    return { kind: 'unusable', error: `${label}: ${(error as Error).message}` };
  }
};

/**
 * The Confluent wire format: the schema id from the frame (or from the
 * ESM's `valueSchemaMetadata` when the ESM took the frame off), the schema
 * from the registry (fetched once per id), then Avro or JSON.
 */
const confluentDecoder = (
  schemaType: 'avro' | 'json',
  registry: SchemaRegistryPort | undefined
): RecordDecoder => {
  const schemas = new Map<number, Promise<PreparedSchema>>();

  const schemaFor = (id: number): Promise<PreparedSchema> => {
    const cached = schemas.get(id);
    if (cached !== undefined) return cached;
    if (registry === undefined) {
      return Promise.reject(
        new SchemaRegistryUnavailableError('no schema registry client is set')
      );
    }
    const pending = registry
      .getSchema(id)
      .then((found) => prepareSchema(id, found, schemaType, registry))
      .catch((error: unknown) => {
        // Only answers are kept; a failed fetch is asked again.
        schemas.delete(id);
        throw error;
      });
    if (schemas.size >= MAX_CACHED_SCHEMAS) {
      const oldest = schemas.keys().next();
      if (!oldest.done) schemas.delete(oldest.value);
    }
    schemas.set(id, pending);
    return pending;
  };

  const readPayload = (
    prepared: PreparedSchema,
    payload: Buffer
  ): ValueParts => {
    if (prepared.kind === 'unusable') {
      throw new RecordDecodeError(prepared.error);
    }
    if (prepared.kind === 'json') return readJson(payload, 'the JSON payload');
    return readAvro(prepared.reader, payload);
  };

  return async (record) => {
    const key = jsonKey(record);
    if (isTombstone(record)) return message(record, key, TOMBSTONE);
    const bytes = Buffer.from(record.value as string, 'base64');
    let id: number;
    let payload: Buffer;
    const metadata = record.valueSchemaMetadata;
    if (metadata !== undefined) {
      // The ESM (SOURCE format) took the 5-byte frame off and names the id.
      id = Number(metadata.schemaId);
      if (!Number.isInteger(id) || id < 0) {
        return poison(
          `the ESM's valueSchemaMetadata names schema id ${JSON.stringify(metadata.schemaId)}, which is not a Confluent schema id`
        );
      }
      payload = bytes;
    } else {
      const frame = readConfluentFrame(bytes);
      if (typeof frame === 'string') return poison(frame);
      id = frame.schemaId;
      payload = frame.payload;
    }
    let prepared: PreparedSchema;
    try {
      prepared = await schemaFor(id);
    } catch (error) {
      if (error instanceof SchemaNotFoundError) {
        return poison(`${error.message} (the value names schema id ${id})`);
      }
      return {
        kind: 'retry',
        error: `schema ${id}: ${(error as Error).message}`,
      };
    }
    try {
      return message(record, key, readPayload(prepared, payload));
    } catch (error) {
      return decodeFailure(error);
    }
  };
};

/**
 * Builds the record decoder of a binding: the connector's message (`key`,
 * `value`, `rawValue`, `headers` and the coordinates) for each record, or
 * why there is none. Text values go through {@link decodeRecord} (never
 * fails); Avro and JSON Schema values that their schema cannot read are
 * poison with a reason naming the schema, never text.
 *
 * @param format - How the binding's values are encoded.
 * @param registry - The binding's schema registry (Confluent formats).
 */
const createRecordDecoder = (
  format: ValueFormat,
  registry?: SchemaRegistryPort
): RecordDecoder => {
  switch (format.kind) {
    case 'inlineAvro':
      return inlineAvroDecoder(format.schema);
    case 'confluent':
      return confluentDecoder(format.schemaType, registry);
    case 'esmJson':
      return esmJsonDecoder(format.schemaType);
    default:
      return (record) => ({ kind: 'decoded', message: decodeRecord(record) });
  }
};

export { createRecordDecoder };

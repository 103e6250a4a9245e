/**
 * One header occurrence as the ESM sends it: name → bytes (Java signed
 * bytes); null for a header without a value.
 */
type KafkaEventHeader = Readonly<Record<string, readonly number[] | null>>;

/** A record as a Kafka event source mapping delivers it (MSK or self-managed). */
interface KafkaEventRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType?: 'CREATE_TIME' | 'LOG_APPEND_TIME' | string;
  /** base64; absent, null or "" when the record has no key. */
  readonly key?: string | null;
  /** base64; null or absent for a tombstone. */
  readonly value?: string | null;
  readonly headers?: readonly KafkaEventHeader[] | null;
  readonly keySchemaMetadata?: {
    readonly dataFormat: string;
    readonly schemaId?: string;
  };
  readonly valueSchemaMetadata?: {
    readonly dataFormat: string;
    readonly schemaId?: string;
  };
}

/** The event a Kafka ESM invokes the function with. */
interface KafkaEvent {
  readonly eventSource:
    | 'aws:kafka'
    | 'SelfManagedKafka'
    | 'aws:SelfManagedKafka';
  /** MSK cluster ARN (MSK events only). */
  readonly eventSourceArn?: string;
  readonly bootstrapServers?: string;
  /** Records keyed by `"<topic>-<partition>"`, each array in offset order. */
  readonly records: Readonly<Record<string, readonly KafkaEventRecord[]>>;
}

/**
 * What FEEL sees for one record: the connector's message (`key`, `value`,
 * `rawValue`, `headers`) plus the record's coordinates.
 */
interface KafkaMessage {
  readonly key: unknown;
  readonly value: unknown;
  readonly rawValue: string | null;
  /** Name → UTF-8 text; null for a header without a value. */
  readonly headers: Readonly<Record<string, string | null>> | null;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}

/** The ESM's partial batch response for Kafka. */
interface KafkaBatchResponse {
  readonly batchItemFailures: readonly {
    readonly itemIdentifier: {
      readonly partition: string;
      readonly offset: number;
    };
  }[];
}

/** The records of one topic-partition of an event, in offset order. */
interface KafkaPartitionBatch {
  /** `"<topic>-<partition>"`: the event's key, and the response's identifier. */
  readonly id: string;
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly KafkaEventRecord[];
}

/**
 * How a binding's record values are encoded, from its schema strategy:
 * `text` (noSchema: UTF-8, JSON when it parses), `inlineAvro` (plain Avro
 * binary of one schema), `confluent` (Confluent wire format: magic byte 0,
 * 4-byte schema id, then Avro or JSON; or the same without the 5 bytes when
 * the ESM took them off and names the id in `valueSchemaMetadata`), or
 * `esmJson` (a registry the ESM decodes into JSON text: AWS Glue).
 */
type ValueFormat =
  | { readonly kind: 'text' }
  | { readonly kind: 'inlineAvro'; readonly schema: string }
  | { readonly kind: 'confluent'; readonly schemaType: 'avro' | 'json' }
  | { readonly kind: 'esmJson'; readonly schemaType: 'avro' | 'json' };

/** A schema as a registry gives it for an id. */
interface RegistrySchema {
  /** `AVRO` (Confluent omits the type for Avro), `JSON` or `PROTOBUF`. */
  readonly schemaType: string;
  /** The schema text (Avro or JSON Schema as JSON text). */
  readonly schema: string;
  /** Other subjects' schemas this one names (Confluent schema references). */
  readonly references?: readonly {
    readonly name: string;
    readonly subject: string;
    readonly version: number;
  }[];
}

/**
 * Port to a Confluent-compatible schema registry: the schema of an id. The
 * adapter (HTTP, credentials, timeout, cache) lives with the hosts.
 */
interface SchemaRegistryPort {
  /** The registry address, never with credentials (for reasons and logs). */
  readonly address: string;
  /**
   * Throws `SchemaNotFoundError` when the registry does not know the id
   * (poison), `SchemaRegistryUnavailableError` when it cannot answer (retry).
   */
  getSchema(id: number): Promise<RegistrySchema>;
  /**
   * A schema by subject and version (`GET /subjects/{subject}/versions/{v}`),
   * for the references of another schema. Same errors as `getSchema`.
   */
  getSubjectVersion(subject: string, version: number): Promise<RegistrySchema>;
}

/** What decoding one record gave: the message, or why there is none. */
type RecordDecoding =
  | { readonly kind: 'decoded'; readonly message: KafkaMessage }
  /** The bytes can never be read as the binding says: dead-letter. */
  | { readonly kind: 'poison'; readonly error: string }
  /** The registry could not answer: the record comes again. */
  | { readonly kind: 'retry'; readonly error: string };

/** Decodes the records of one binding (sync unless a schema is fetched). */
type RecordDecoder = (
  record: KafkaEventRecord
) => RecordDecoding | Promise<RecordDecoding>;

export type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventHeader,
  KafkaEventRecord,
  KafkaMessage,
  KafkaPartitionBatch,
  RecordDecoder,
  RecordDecoding,
  RegistrySchema,
  SchemaRegistryPort,
  ValueFormat,
};

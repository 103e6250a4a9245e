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

export type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventHeader,
  KafkaEventRecord,
  KafkaMessage,
  KafkaPartitionBatch,
};

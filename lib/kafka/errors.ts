/** The input is not a Kafka event source mapping event. */
class KafkaEventInvalidError extends Error {
  /** What was wrong with the input. */
  readonly problem: string;

  constructor(problem: string, options?: ErrorOptions) {
    super(`Not a Kafka event: ${problem}`, options);
    this.name = 'KafkaEventInvalidError';
    this.problem = problem;
  }
}

/** An Avro schema (inline, or fetched from a registry) that cannot be used. */
class AvroSchemaError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AvroSchemaError';
  }
}

/** Bytes that a schema cannot read, or a value JSON cannot carry. */
class RecordDecodeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RecordDecodeError';
  }
}

/**
 * The registry does not know a schema id (HTTP 404): every record written
 * with it is poison.
 */
class SchemaNotFoundError extends Error {
  readonly schemaId: string;

  constructor(registry: string, schemaId: string, options?: ErrorOptions) {
    super(`schema ${schemaId} is not in the registry ${registry}`, options);
    this.name = 'SchemaNotFoundError';
    this.schemaId = schemaId;
  }
}

/**
 * The registry could not answer (unreachable, timeout, 5xx, refused
 * credentials): the record is retried, the partition stops there.
 */
class SchemaRegistryUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchemaRegistryUnavailableError';
  }
}

export {
  AvroSchemaError,
  KafkaEventInvalidError,
  RecordDecodeError,
  SchemaNotFoundError,
  SchemaRegistryUnavailableError,
};

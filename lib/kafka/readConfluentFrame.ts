/** A value in Confluent's wire format, split into schema id and payload. */
interface ConfluentFrame {
  readonly schemaId: number;
  readonly payload: Buffer;
}

/** Magic byte 0, then the schema id as a 4-byte big-endian signed int. */
const HEADER_BYTES = 5;

/**
 * Splits a Confluent-framed value (what `KafkaAvroSerializer` and
 * `KafkaJsonSchemaSerializer` write) into its schema id and payload.
 * Returns a reason when the bytes are not framed that way.
 *
 * @param bytes - The record value.
 */
const readConfluentFrame = (bytes: Buffer): ConfluentFrame | string => {
  if (bytes.length < HEADER_BYTES) {
    return `the value has ${bytes.length} bytes, fewer than the 5 of the Confluent wire format header (magic byte 0, schema id)`;
  }
  if (bytes[0] !== 0) {
    return `the value does not start with the Confluent magic byte 0 (first byte ${bytes[0]}): it was not written by a schema registry serializer`;
  }
  const schemaId = bytes.readInt32BE(1);
  if (schemaId < 0) {
    return `the value names schema id ${schemaId}, which no registry gives`;
  }
  return { schemaId, payload: bytes.subarray(HEADER_BYTES) };
};

export type { ConfluentFrame };
export { readConfluentFrame };

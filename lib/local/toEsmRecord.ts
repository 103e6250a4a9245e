import type { KafkaMessage as KafkajsMessage } from 'kafkajs';
import type { KafkaEventHeader, KafkaEventRecord } from '../kafka/types.js';

// Bit 3 of the record batch attributes: 1 = LOG_APPEND_TIME.
const TIMESTAMP_TYPE_BIT = 0x08;

/** Bytes as the ESM's Java poller writes them: signed (-128..127). */
const toSignedBytes = (bytes: Uint8Array): number[] =>
  Array.from(bytes, (byte) => (byte > 127 ? byte - 256 : byte));

const headerBytes = (value: Buffer | string | undefined): number[] =>
  toSignedBytes(
    value === undefined
      ? Buffer.alloc(0)
      : Buffer.isBuffer(value)
        ? value
        : Buffer.from(value, 'utf8')
  );

/**
 * Turns a kafkajs message into a record as a self-managed Kafka ESM delivers
 * it: base64 key (absent when null) and value (null for a tombstone), one
 * single-key header object per occurrence with signed bytes. A header
 * without a value (kafkajs reads it as null, not in its types) is an empty
 * object `{}`, its name lost, as the ESM sends it (reported in
 * github.com/Nike-Inc/hal/pull/144).
 *
 * @param topic - the record's topic
 * @param partition - the record's partition
 * @param message - the message kafkajs fetched
 */
const toEsmRecord = (
  topic: string,
  partition: number,
  message: KafkajsMessage
): KafkaEventRecord => {
  const headers: KafkaEventHeader[] = [];
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    // kafkajs folds repeated header names into an array.
    for (const occurrence of Array.isArray(value) ? value : [value]) {
      headers.push(
        occurrence === null ? {} : { [name]: headerBytes(occurrence) }
      );
    }
  }
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType:
      (message.attributes & TIMESTAMP_TYPE_BIT) === 0
        ? 'CREATE_TIME'
        : 'LOG_APPEND_TIME',
    ...(message.key === null || message.key === undefined
      ? {}
      : { key: message.key.toString('base64') }),
    value: message.value === null ? null : message.value.toString('base64'),
    headers,
  };
};

export { toEsmRecord, toSignedBytes };

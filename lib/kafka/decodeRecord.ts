import { setOwn } from '../common/index.js';
import { parseJsonText } from './parseJsonText.js';
import type {
  KafkaEventHeader,
  KafkaEventRecord,
  KafkaMessage,
} from './types.js';

/**
 * Base64 → UTF-8 text. Invalid UTF-8 sequences become U+FFFD, as in Java's
 * `new String(bytes, UTF_8)` (Camunda's StringDeserializer); never throws.
 */
const decodeBase64Text = (base64: string): string =>
  Buffer.from(base64, 'base64').toString('utf8');

/** The record key as UTF-8 text; null when the record has none. */
const decodeKeyText = (record: KafkaEventRecord): string | null => {
  const { key } = record;
  if (key === undefined || key === null || key === '') return null;
  return decodeBase64Text(key);
};

const decodeKey = (record: KafkaEventRecord): unknown => {
  const text = decodeKeyText(record);
  if (text === null) return null;
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed.value : text;
};

// Header values are mostly short ASCII (ids, types, trace headers): reading
// those code by code spares a Buffer per header; anything else (signed bytes
// above 127, long values) goes through Buffer's UTF-8 decoder.
const SHORT_HEADER = 64;

const decodeHeaderBytes = (bytes: readonly number[]): string => {
  if (bytes.length <= SHORT_HEADER) {
    let text = '';
    for (const byte of bytes) {
      if (!Number.isInteger(byte) || byte < 0 || byte > 127) {
        return Buffer.from(bytes).toString('utf8');
      }
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return Buffer.from(bytes).toString('utf8');
};

/**
 * Header occurrences → name → UTF-8 text. The ESM's bytes are Java's signed
 * bytes; `Buffer.from` masks each with `& 255`, which turns them back into
 * the original octets. The last occurrence of a name wins (Camunda's
 * HashMap). No headers → null, as Camunda's connector has it
 * (`KafkaPropertyTransformer.setHeadersIfPresent`).
 */
const decodeHeaders = (
  headers: readonly KafkaEventHeader[] | null | undefined
): Record<string, string | null> | null => {
  if (!Array.isArray(headers) || headers.length === 0) return null;
  const decoded: Record<string, string | null> = {};
  for (const header of headers as readonly KafkaEventHeader[]) {
    if (typeof header !== 'object' || header === null) continue;
    for (const name of Object.keys(header)) {
      const bytes = header[name];
      // A header without a value (Kafka allows it) is null, as in Camunda's
      // connector since camunda/connectors#4827; empty bytes are "".
      const text = Array.isArray(bytes) ? decodeHeaderBytes(bytes) : null;
      setOwn(decoded, name, text);
    }
  }
  return decoded;
};

/**
 * Turns one ESM record into the message FEEL and the process see: `key` and
 * `value` read like Jackson's `readTree` in Camunda's connector (JSON when
 * the text starts with a JSON value, else the text; `null` when the text is
 * empty or blank), `rawValue` the value text (null for a tombstone),
 * `headers` as text, plus the record's coordinates. Never throws on key,
 * value or header content.
 *
 * @param record - A record of a Kafka ESM event.
 */
const decodeRecord = (record: KafkaEventRecord): KafkaMessage => {
  let value: unknown = null;
  let rawValue: string | null = null;
  if (typeof record.value === 'string') {
    rawValue = decodeBase64Text(record.value);
    const parsed = parseJsonText(rawValue);
    value = parsed.ok ? parsed.value : rawValue;
  }
  return {
    key: decodeKey(record),
    value,
    rawValue,
    headers: decodeHeaders(record.headers),
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
  };
};

export { decodeBase64Text, decodeHeaders, decodeKeyText, decodeRecord };

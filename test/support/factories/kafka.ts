import { readFileSync } from 'node:fs';
import type {
  KafkaEvent,
  KafkaEventHeader,
  KafkaEventRecord,
} from '../../../lib/kafka/types.js';

const base64 = (text: string | Uint8Array): string =>
  Buffer.from(text).toString('base64');

/** Header bytes as the ESM's Java poller writes them: signed. */
const signedBytes = (text: string): number[] =>
  [...Buffer.from(text, 'utf8')].map((b) => (b > 127 ? b - 256 : b));

interface RecordOptions {
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  readonly timestamp?: number;
  /** Text key; null = no key field at all. */
  readonly key?: string | null;
  /** Text, bytes, or a value serialized as JSON; null = tombstone. */
  readonly value?: unknown;
  readonly headers?: readonly (readonly [string, string])[];
}

/** A record as the ESM delivers it; the value defaults to `{"orderId":"o-<offset>"}`. */
const recordFactory = (options: RecordOptions = {}): KafkaEventRecord => {
  const offset = options.offset ?? 0;
  const value =
    options.value === undefined ? { orderId: `o-${offset}` } : options.value;
  const headers: KafkaEventHeader[] = (options.headers ?? []).map(
    ([name, text]) => ({ [name]: signedBytes(text) })
  );
  return {
    topic: options.topic ?? 'orders',
    partition: options.partition ?? 0,
    offset,
    timestamp: options.timestamp ?? 1_767_225_600_000 + offset,
    timestampType: 'CREATE_TIME',
    ...(options.key === null || options.key === undefined
      ? {}
      : { key: base64(options.key) }),
    value:
      value === null
        ? null
        : typeof value === 'string' || value instanceof Uint8Array
          ? base64(value)
          : base64(JSON.stringify(value)),
    headers,
  };
};

/**
 * The AWS adapter tests' record: key `order-1`, a JSON value (`json`,
 * default `{"orderId":1}`), record fields overridden as given.
 */
const kafkaRecordFactory = (
  overrides: Partial<KafkaEventRecord> & { json?: unknown } = {}
): KafkaEventRecord => {
  const { json, ...rest } = overrides;
  return {
    ...recordFactory({
      key: 'order-1',
      value: JSON.stringify(json ?? { orderId: 1 }),
      timestamp: 1_764_000_000_000,
    }),
    ...rest,
  };
};

/** Several records of one partition with consecutive offsets. */
const partitionRecords = (
  count: number,
  options: RecordOptions & { readonly firstOffset?: number } = {}
): KafkaEventRecord[] =>
  Array.from({ length: count }, (_, i) =>
    recordFactory({ ...options, offset: (options.firstOffset ?? 0) + i })
  );

/** An ESM event grouping the records by `"<topic>-<partition>"`. */
const kafkaEventFactory = (
  records: readonly KafkaEventRecord[],
  eventSource: KafkaEvent['eventSource'] = 'SelfManagedKafka'
): KafkaEvent => {
  const grouped: Record<string, KafkaEventRecord[]> = {};
  for (const record of records) {
    const id = `${record.topic}-${record.partition}`;
    grouped[id] = [...(grouped[id] ?? []), record];
  }
  return {
    eventSource,
    bootstrapServers: 'localhost:9092',
    records: grouped,
  };
};

/** Loads `test/events/<name>.json`; a fresh copy each call, safe to mutate. */
const loadEvent = (name: string): KafkaEvent =>
  structuredClone(
    JSON.parse(
      readFileSync(
        new URL(`../../events/${name}.json`, import.meta.url),
        'utf8'
      )
    ) as KafkaEvent
  );

export type { RecordOptions };
export {
  base64,
  kafkaEventFactory,
  kafkaRecordFactory,
  loadEvent,
  partitionRecords,
  recordFactory,
  signedBytes,
};

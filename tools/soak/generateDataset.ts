import type { KafkaEventRecord } from '../../lib/kafka/types.js';
import { SOAK_TOPIC } from './constants.js';
import { createSeededRandom, unitHash } from './seededRandom.js';
import type { SoakDataset, SoakRecordInfo } from './types.js';

interface DatasetOptions {
  readonly records: number;
  readonly partitions: number;
  readonly keys: number;
  readonly seed: number;
  /** Share of records every request of which Camunda rejects (400). */
  readonly poisonRate: number;
}

// 2026-01-01T00:00:00Z: record timestamps count up from here.
const FIRST_TIMESTAMP = 1_767_225_600_000;

/** Bytes as the ESM's Java poller writes header values: signed. */
const signedBytes = (text: string): number[] =>
  [...Buffer.from(text, 'utf8')].map((b) => (b > 127 ? b - 256 : b));

/**
 * The id a record has everywhere in the soak: the consumer's default message
 * id, `<topic>-<partition>-<offset>`.
 */
const recordIdOf = (
  record: Pick<KafkaEventRecord, 'topic' | 'partition' | 'offset'>
): string => `${record.topic}-${record.partition}-${record.offset}`;

/**
 * Whether every request for the record is rejected: a pure function of the
 * seed and the record id, so the record is poison on every delivery.
 *
 * @param seed - The soak's seed.
 * @param recordId - `<topic>-<partition>-<offset>`.
 * @param rate - Share of poison records.
 */
const isPoisonRecord = (
  seed: number,
  recordId: string,
  rate: number
): boolean => unitHash(seed, 'poison', recordId) < rate;

/**
 * Makes the soak's records as a self-managed Kafka ESM delivers them: keys
 * chosen by a seeded PRNG and mapped to partitions by hash (as Kafka's
 * default partitioner does, so each key lives in one partition), base64 key
 * and JSON value `{ orderKey, seq }` where `seq` counts the records of the
 * key, and a header with the same sequence number.
 *
 * @param options - Size, seed and poison share.
 */
const generateDataset = (options: DatasetOptions): SoakDataset => {
  const random = createSeededRandom(options.seed);
  const partitions: KafkaEventRecord[][] = Array.from(
    { length: options.partitions },
    () => []
  );
  const nextSeq = new Map<string, number>();
  const index = new Map<string, SoakRecordInfo>();
  for (let i = 0; i < options.records; i++) {
    const key = `key-${Math.floor(random() * options.keys)}`;
    const partition = Math.floor(
      unitHash('partition', key) * options.partitions
    );
    const records = partitions[partition] ?? [];
    const offset = records.length;
    const seq = nextSeq.get(key) ?? 0;
    nextSeq.set(key, seq + 1);
    const record: KafkaEventRecord = {
      topic: SOAK_TOPIC,
      partition,
      offset,
      timestamp: FIRST_TIMESTAMP + i,
      timestampType: 'CREATE_TIME',
      key: Buffer.from(key).toString('base64'),
      value: Buffer.from(JSON.stringify({ orderKey: key, seq })).toString(
        'base64'
      ),
      headers: [{ 'soak-seq': signedBytes(String(seq)) }],
    };
    records.push(record);
    const id = recordIdOf(record);
    index.set(id, {
      id,
      partition,
      offset,
      key,
      seq,
      poison: isPoisonRecord(options.seed, id, options.poisonRate),
    });
  }
  return {
    topic: SOAK_TOPIC,
    partitions,
    index,
    records: options.records,
    keys: nextSeq.size,
  };
};

export type { DatasetOptions };
export { generateDataset, isPoisonRecord, recordIdOf };

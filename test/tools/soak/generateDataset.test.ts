import { describe, expect, it } from 'vitest';
import {
  generateDataset,
  isPoisonRecord,
  recordIdOf,
} from '../../../tools/soak/index.js';

const options = {
  records: 2_000,
  partitions: 4,
  keys: 50,
  seed: 7,
  poisonRate: 0.05,
};

const decodeValue = (base64: string | null | undefined): unknown =>
  JSON.parse(Buffer.from(base64 ?? '', 'base64').toString('utf8'));

describe('Function: generateDataset', () => {
  it('returns the same records for the same seed and others for another', () => {
    // Act
    const first = generateDataset(options);
    const again = generateDataset(options);
    const other = generateDataset({ ...options, seed: 8 });

    // Assess
    expect(again.partitions).toEqual(first.partitions);
    expect(other.partitions).not.toEqual(first.partitions);
  });

  it('numbers offsets from 0 in each partition and keeps each key in one partition', () => {
    // Act
    const dataset = generateDataset(options);

    // Assess
    expect(dataset.partitions.flat()).toHaveLength(options.records);
    const partitionOfKey = new Map<string, number>();
    for (const [p, records] of dataset.partitions.entries()) {
      expect(records.map((r) => r.offset)).toEqual(records.map((_, i) => i));
      for (const record of records) {
        const key = Buffer.from(record.key ?? '', 'base64').toString();
        expect(partitionOfKey.get(key) ?? p).toBe(p);
        partitionOfKey.set(key, p);
      }
    }
    expect(dataset.keys).toBe(partitionOfKey.size);
  });

  it('carries a per-key sequence number that grows with the offset', () => {
    // Act
    const dataset = generateDataset(options);

    // Assess
    const lastSeq = new Map<string, number>();
    for (const record of dataset.partitions.flat()) {
      const value = decodeValue(record.value) as {
        orderKey: string;
        seq: number;
      };
      expect(value.seq).toBe((lastSeq.get(value.orderKey) ?? -1) + 1);
      lastSeq.set(value.orderKey, value.seq);
      expect(dataset.index.get(recordIdOf(record))).toMatchObject({
        key: value.orderKey,
        seq: value.seq,
      });
    }
  });

  it('marks about the poison share of records, the same ones as isPoisonRecord', () => {
    // Act
    const dataset = generateDataset(options);

    // Assess
    const poison = [...dataset.index.values()].filter((info) => info.poison);
    expect(poison.length).toBeGreaterThan(options.records * 0.03);
    expect(poison.length).toBeLessThan(options.records * 0.07);
    for (const info of dataset.index.values()) {
      expect(isPoisonRecord(options.seed, info.id, options.poisonRate)).toBe(
        info.poison
      );
    }
  });
});

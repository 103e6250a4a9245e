import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MAX_BUSINESS_ID_LENGTH,
  makeBusinessId,
} from '../../lib/consumer/index.js';

const CLUSTER = 'bootstrap:broker-1:9092';
const clusterHash = createHash('sha256')
  .update(CLUSTER)
  .digest('hex')
  .slice(0, 16);

describe('Function: makeBusinessId', () => {
  it('returns binding id, cluster hash, topic, partition, offset and timestamp joined by colons', () => {
    // Act
    const id = makeBusinessId('order-process-start', CLUSTER, {
      topic: 'orders',
      partition: 3,
      offset: 41,
      timestamp: 1_767_225_600_000,
    });

    // Assess
    expect(id).toBe(
      `order-process-start:${clusterHash}:orders:3:41:1767225600000`
    );
  });

  it('returns a stable SHA-256 id when the coordinates exceed 256 characters', () => {
    // Prepare
    const record = {
      topic: 't'.repeat(249),
      partition: 11,
      offset: 9,
      timestamp: 5,
    };

    // Act
    const first = makeBusinessId('b'.repeat(60), CLUSTER, record);
    const again = makeBusinessId('b'.repeat(60), CLUSTER, record);
    const next = makeBusinessId('b'.repeat(60), CLUSTER, {
      ...record,
      offset: 10,
    });

    // Assess
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.length).toBeLessThanOrEqual(MAX_BUSINESS_ID_LENGTH);
    expect(again).toBe(first);
    expect(next).not.toBe(first);
  });
});

import { describe, expect, it } from 'vitest';
import {
  MAX_BUSINESS_ID_LENGTH,
  makeBusinessId,
} from '../../lib/consumer/index.js';

describe('Function: makeBusinessId', () => {
  it('returns binding id, topic, partition and offset joined by colons', () => {
    // Act
    const id = makeBusinessId('order-process-start', {
      topic: 'orders',
      partition: 3,
      offset: 41,
    });

    // Assess
    expect(id).toBe('order-process-start:orders:3:41');
  });

  it('returns a stable SHA-256 id when the coordinates exceed 256 characters', () => {
    // Prepare
    const record = { topic: 't'.repeat(249), partition: 11, offset: 9 };

    // Act
    const first = makeBusinessId('b'.repeat(60), record);
    const again = makeBusinessId('b'.repeat(60), record);
    const next = makeBusinessId('b'.repeat(60), { ...record, offset: 10 });

    // Assess
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.length).toBeLessThanOrEqual(MAX_BUSINESS_ID_LENGTH);
    expect(again).toBe(first);
    expect(next).not.toBe(first);
  });
});

import { describe, expect, it } from 'vitest';
import { makeRecordKey } from '../../lib/consumer/index.js';
import { clusterIdentity } from '../../lib/kafka/index.js';

const record = { topic: 'orders', partition: 0, offset: 7, timestamp: 1_000 };

describe('Function: makeRecordKey', () => {
  it('is the same for a redelivered record (same cluster, coordinates and timestamp)', () => {
    // Act
    const first = makeRecordKey('b', 'bootstrap:a:9092', record);
    const again = makeRecordKey('b', 'bootstrap:a:9092', { ...record });

    // Assess
    expect(again).toBe(first);
  });

  it.each([
    { change: 'another cluster', cluster: 'bootstrap:b:9092', at: record },
    {
      change: 'a re-created topic (same offset, later timestamp)',
      cluster: 'bootstrap:a:9092',
      at: { ...record, timestamp: 2_000 },
    },
    {
      change: 'another topic',
      cluster: 'bootstrap:a:9092',
      at: { ...record, topic: 'orders2' },
    },
  ])('differs for $change', ({ cluster, at }) => {
    // Act
    const before = makeRecordKey('b', 'bootstrap:a:9092', record);
    const after = makeRecordKey('b', cluster, at);

    // Assess
    expect(after).not.toBe(before);
  });
});

describe('Function: clusterIdentity', () => {
  it('is the MSK cluster ARN for an MSK event', () => {
    // Act
    const identity = clusterIdentity({
      eventSourceArn:
        'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/5f1c2a3b-uuid-1',
      bootstrapServers: 'b-1.orders:9098',
    });

    // Assess
    expect(identity).toBe(
      'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/5f1c2a3b-uuid-1'
    );
  });

  it('is the sorted, lower-cased bootstrap servers without user info for a self-managed event', () => {
    // Act
    const identity = clusterIdentity({
      bootstrapServers: ' Broker-2:9092 ,SASL_SSL://user:pw@broker-1:9092',
    });

    // Assess
    expect(identity).toBe('bootstrap:broker-1:9092,broker-2:9092');
    expect(identity).not.toContain('pw');
  });

  it('does not depend on the order of the servers', () => {
    // Act
    const a = clusterIdentity({ bootstrapServers: 'a:9092,b:9092' });
    const b = clusterIdentity({ bootstrapServers: 'b:9092,a:9092' });

    // Assess
    expect(a).toBe(b);
  });

  it('is "unknown" when the event names no source', () => {
    // Act
    const identity = clusterIdentity({});

    // Assess
    expect(identity).toBe('unknown');
  });
});

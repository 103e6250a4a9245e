import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKafkaRecordFetcher,
  type KafkaRecordFetcher,
} from '../../lib/local/createKafkaRecordFetcher.js';
import { bindingFactory, deployedFactory } from '../support/factories/index.js';
import {
  type KafkaCluster,
  startKafkaCluster,
} from '../support/kafka-cluster.js';
import { produce } from './helpers.js';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('Function: createKafkaRecordFetcher (redrive reads a left-out record back)', () => {
  let cluster: KafkaCluster;
  const fetchers: KafkaRecordFetcher[] = [];

  beforeAll(async () => {
    cluster = await startKafkaCluster({
      topics: [{ name: 'orders', partitions: 2 }],
    });
    await produce(cluster.brokers, 'orders', [
      { partition: 0, key: 'k-0', value: '{"n":0}' },
      { partition: 0, key: 'k-1', value: '{"n":1}', headers: { h: 'v' } },
      { partition: 0, key: 'k-2', value: '{"n":2}' },
      { partition: 1, key: 'k-x', value: '{"n":"x"}' },
    ]);
  });

  afterAll(async () => {
    await Promise.all(fetchers.map((fetcher) => fetcher.close()));
    await cluster?.stop();
  });

  const deployed = () =>
    deployedFactory(
      bindingFactory({
        kafka: { bootstrapServers: [...cluster.brokers], topic: 'orders' },
      })
    );

  const fetcherWith = (timeoutMs?: number): KafkaRecordFetcher => {
    const fetcher = createKafkaRecordFetcher({}, quiet, timeoutMs);
    fetchers.push(fetcher);
    return fetcher;
  };

  it('reads records by topic, partition and offset, in any order, in the ESM record shape', async () => {
    // Prepare
    const { fetch } = fetcherWith();
    const at = (partition: number, offset: number) => ({
      topic: 'orders',
      partition,
      offset,
    });

    // Act: forwards, backwards, another partition.
    const middle = await fetch(deployed(), at(0, 1));
    const first = await fetch(deployed(), at(0, 0));
    const other = await fetch(deployed(), at(1, 0));

    // Assess
    expect(middle).toEqual({
      kind: 'found',
      record: expect.objectContaining({
        topic: 'orders',
        partition: 0,
        offset: 1,
        key: base64('k-1'),
        value: base64('{"n":1}'),
        headers: [{ h: [...Buffer.from('v')] }],
      }),
    });
    expect(first).toMatchObject({
      kind: 'found',
      record: { offset: 0, value: base64('{"n":0}') },
    });
    expect(other).toMatchObject({
      kind: 'found',
      record: { partition: 1, offset: 0, value: base64('{"n":"x"}') },
    });
  });

  it('reports an offset beyond the end of the partition as unavailable, with what to check', async () => {
    // Prepare: a short wait, since no answer is the answer here.
    const { fetch } = fetcherWith(2000);

    // Act
    const result = await fetch(deployed(), {
      topic: 'orders',
      partition: 0,
      offset: 99,
    });

    // Assess
    expect(result).toEqual({
      kind: 'unavailable',
      reason: `no answer from Kafka at ${cluster.brokers.join(',')} in 2 s for orders-0@99 (is the offset beyond the end of the partition, or Kafka unreachable?)`,
    });
  });
});

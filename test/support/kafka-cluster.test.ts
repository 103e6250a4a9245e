import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { type KafkaCluster, startKafkaCluster } from './kafka-cluster.js';

const clusters: KafkaCluster[] = [];

const start = async (
  ...args: Parameters<typeof startKafkaCluster>
): Promise<KafkaCluster> => {
  const cluster = await startKafkaCluster(...args);
  clusters.push(cluster);
  return cluster;
};

const kafkaFor = (cluster: KafkaCluster): Kafka =>
  new Kafka({
    clientId: 'kafka-cluster-test',
    brokers: [...cluster.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100 },
  });

describe('Function: startKafkaCluster', () => {
  afterEach(async () => {
    await Promise.all(clusters.splice(0).map((cluster) => cluster.stop()));
  });

  it('starts the requested brokers with the requested topics', async () => {
    // Prepare
    const cluster = await start({
      brokers: 3,
      topics: [
        { name: 'orders', partitions: 4 },
        { name: 'my-topic-with-dashes', partitions: 2 },
      ],
    });
    const admin = kafkaFor(cluster).admin();
    await admin.connect();

    // Act
    const metadata = await admin.fetchTopicMetadata({
      topics: ['orders', 'my-topic-with-dashes'],
    });
    const described = await admin.describeCluster();
    await admin.disconnect();

    // Assess
    expect(cluster.brokers).toHaveLength(3);
    expect(cluster.bootstrapServers).toMatch(
      /^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$/
    );
    expect(described.brokers.map((broker) => broker.nodeId).sort()).toEqual([
      1, 2, 3,
    ]);
    expect(
      metadata.topics
        .map((topic) => [topic.name, topic.partitions.length])
        .sort()
    ).toEqual([
      ['my-topic-with-dashes', 2],
      ['orders', 4],
    ]);
  });

  it('carries keys, values and headers from a producer to a consumer group', async () => {
    // Prepare
    const cluster = await start({
      topics: [{ name: 'events', partitions: 2 }],
    });
    const kafka = kafkaFor(cluster);
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    await producer.send({
      topic: 'events',
      messages: [
        { key: 'k1', value: '{"a":1}', partition: 0, headers: { h: 'é' } },
        { key: null, value: 'plain', partition: 1 },
      ],
    });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'g1' });
    const seen: { key: string | null; value: string; header?: string }[] = [];

    // Act
    await consumer.connect();
    await consumer.subscribe({ topic: 'events', fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push({
            key: message.key?.toString() ?? null,
            value: String(message.value),
            header: message.headers?.h?.toString(),
          });
          if (seen.length === 2) resolve();
        },
      });
    });
    await done;
    await consumer.disconnect();

    // Assess
    expect(seen).toEqual(
      expect.arrayContaining([
        { key: 'k1', value: '{"a":1}', header: 'é' },
        { key: null, value: 'plain', header: undefined },
      ])
    );
  });

  it('creates topics and takes brokers down and up on request', async () => {
    // Prepare
    const cluster = await start({ brokers: 2 });

    // Act
    await cluster.createTopic('late', 3);
    await cluster.setBrokerDown(2);
    await cluster.setBrokerUp(2);
    const admin = kafkaFor(cluster).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: ['late'] });
    await admin.disconnect();

    // Assess
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
    await expect(cluster.setBrokerDown(99)).rejects.toThrow(/broker 99/);
  });

  it('stops the brokers so that nothing listens any more', async () => {
    // Prepare
    const cluster = await startKafkaCluster({ topics: [] });
    const admin = new Kafka({
      brokers: [...cluster.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 500,
    }).admin();

    // Act
    await cluster.stop();
    await cluster.stop();

    // Assess
    await expect(admin.connect()).rejects.toThrow();
  });
});

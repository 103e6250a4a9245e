import { Kafka, logLevel, Partitioners } from 'kafkajs';

/**
 * Polls `check` until it returns a value other than undefined/false, or
 * fails after `timeoutMs` with `what` in the message.
 */
const waitFor = async <T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
  everyMs = 50
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  const reason =
    lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${reason}`
  );
};

/** A quiet kafkajs client for tests. */
const testKafka = (brokers: readonly string[]): Kafka =>
  new Kafka({
    clientId: 'test',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100 },
  });

interface TestMessage {
  readonly partition: number;
  readonly key?: string | null;
  readonly value: string | null;
  readonly headers?: Record<string, string | Buffer>;
  /** Create time, ms since the epoch (default: the producer's clock). */
  readonly timestamp?: number;
}

/** Produces messages (each to its given partition) in one request. */
const produce = async (
  brokers: readonly string[],
  topic: string,
  messages: readonly TestMessage[]
): Promise<void> => {
  const producer = testKafka(brokers).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    // One send: one record batch per partition, in the given order.
    await producer.send({
      topic,
      messages: messages.map((message) => ({
        partition: message.partition,
        key: message.key ?? null,
        value: message.value,
        ...(message.headers === undefined ? {} : { headers: message.headers }),
        ...(message.timestamp === undefined
          ? {}
          : { timestamp: String(message.timestamp) }),
      })),
    });
  } finally {
    await producer.disconnect();
  }
};

/** The group's committed offsets of `topic` by partition (-1 = none). */
const committedOffsets = async (
  brokers: readonly string[],
  groupId: string,
  topic: string
): Promise<Record<number, number>> => {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(
      (offsets?.partitions ?? []).map(({ partition, offset }) => [
        partition,
        Number(offset),
      ])
    );
  } finally {
    await admin.disconnect();
  }
};

export type { TestMessage };
export { committedOffsets, produce, testKafka, waitFor };

import { randomUUID } from 'node:crypto';
import { type Consumer, Kafka } from 'kafkajs';
import { describeError } from '../common/index.js';
import type { KafkaEventRecord } from '../kafka/types.js';
import type { RecordFetcher } from '../redrive/types.js';
import { buildLocalKafkaSettings } from './buildLocalKafkaSettings.js';
import { kafkajsLogCreator } from './createLocalLogger.js';
import { LocalRuntimeError } from './errors.js';
import { toEsmRecord } from './toEsmRecord.js';
import type { LocalLogger } from './types.js';

interface Waiter {
  readonly partition: number;
  readonly offset: number;
  readonly done: (result: KafkaEventRecord | string) => void;
}

/** One consumer per cluster and topic, seeking to each record asked for. */
interface TopicReader {
  readonly consumer: Consumer;
  readonly ready: Promise<void>;
  waiter?: Waiter;
}

/** The fetcher, and its end. */
interface KafkaRecordFetcher {
  readonly fetch: RecordFetcher;
  readonly close: () => Promise<void>;
}

/**
 * Reads single records again from Kafka by topic, partition and offset
 * (kafkajs), for dead letters whose record was left out to fit their sink.
 * The connection settings are the binding's, as the local runtime uses
 * them (KAFKA_BOOTSTRAP_SERVERS, SECRET_<NAME>). One consumer per cluster
 * and topic, in a group of its own that commits nothing; it seeks to each
 * offset asked for. A record no longer in the topic (retention,
 * compaction) or a Kafka that cannot be reached is `unavailable`, with the
 * reason.
 *
 * @param env - the environment (KAFKA_BOOTSTRAP_SERVERS, SECRET_*)
 * @param log - where kafkajs's own lines go (debug)
 * @param timeoutMs - how long one record may take (joining a group takes seconds)
 */
const createKafkaRecordFetcher = (
  env: NodeJS.ProcessEnv,
  log: LocalLogger,
  timeoutMs = 30_000
): KafkaRecordFetcher => {
  const readers = new Map<string, TopicReader>();

  const readerFor = (
    servers: readonly string[],
    client: ConstructorParameters<typeof Kafka>[0],
    topic: string
  ): TopicReader => {
    const key = `${servers.join(',')}\u0000${topic}`;
    const known = readers.get(key);
    if (known !== undefined) return known;
    const kafka = new Kafka({ ...client, logCreator: kafkajsLogCreator(log) });
    const consumer = kafka.consumer({
      groupId: `kafka-inbound-redrive-${randomUUID()}`,
      maxWaitTimeInMs: 200,
      allowAutoTopicCreation: false,
    });
    let joined: () => void = () => undefined;
    const assigned = new Promise<void>((resolve) => {
      joined = resolve;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    const reader: TopicReader = {
      consumer,
      ready: (async () => {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch, isStale }) => {
            const waiter = reader.waiter;
            if (
              waiter === undefined ||
              batch.partition !== waiter.partition ||
              isStale()
            ) {
              return;
            }
            for (const message of batch.messages) {
              const offset = Number(message.offset);
              if (offset < waiter.offset) continue;
              reader.waiter = undefined;
              waiter.done(
                offset === waiter.offset
                  ? toEsmRecord(batch.topic, batch.partition, message)
                  : `offset ${waiter.offset} is no longer in ${batch.topic}-${batch.partition} (the next record there is at ${offset}: retention or compaction removed it)`
              );
              return;
            }
          },
        });
        await assigned;
      })(),
    };
    readers.set(key, reader);
    return reader;
  };

  const fetch: RecordFetcher = async (deployed, at) => {
    let settings: ReturnType<typeof buildLocalKafkaSettings>;
    try {
      settings = buildLocalKafkaSettings(deployed.binding, env);
    } catch (error) {
      if (error instanceof LocalRuntimeError) {
        return { kind: 'unavailable', reason: error.message };
      }
      throw error;
    }
    const reader = readerFor(settings.servers, settings.client, at.topic);
    let timer: NodeJS.Timeout | undefined;
    const result = await new Promise<KafkaEventRecord | string>((resolve) => {
      timer = setTimeout(() => {
        reader.waiter = undefined;
        resolve(
          `no answer from Kafka at ${settings.servers.join(',')} in ${timeoutMs / 1000} s for ${at.topic}-${at.partition}@${at.offset} (is the offset beyond the end of the partition, or Kafka unreachable?)`
        );
      }, timeoutMs);
      reader.ready.then(
        () => {
          reader.waiter = {
            partition: at.partition,
            offset: at.offset,
            done: resolve,
          };
          reader.consumer.seek({
            topic: at.topic,
            partition: at.partition,
            offset: String(at.offset),
          });
        },
        (error: unknown) =>
          resolve(
            `Kafka at ${settings.servers.join(',')} cannot be read: ${describeError(error, { causes: true })}`
          )
      );
    }).finally(() => clearTimeout(timer));
    return typeof result === 'string'
      ? { kind: 'unavailable', reason: result }
      : { kind: 'found', record: result };
  };

  return {
    fetch,
    close: async () => {
      await Promise.all(
        [...readers.values()].map((reader) =>
          reader.consumer.disconnect().catch(() => undefined)
        )
      );
      readers.clear();
    },
  };
};

export type { KafkaRecordFetcher };
export { createKafkaRecordFetcher };

import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  Kafka,
  type KafkaConfig,
} from 'kafkajs';
import { describeError } from '../common/index.js';
import { LocalDefaults } from './constants.js';
import { EventCollector } from './EventCollector.js';
import { retryDelay } from './retryDelay.js';
import { toEsmRecord } from './toEsmRecord.js';
import type {
  EsmConsumer,
  EsmConsumerEvent,
  EsmConsumerOptions,
  EsmConsumerStats,
  EsmPartitionStats,
} from './types.js';

interface PartitionState {
  committed?: number;
  /** First offset fetched, the position for the lag before the first commit. */
  firstSeen?: number;
  highWatermark?: number;
  /** Consecutive failed deliveries of `failedOffset`. */
  attempts: number;
  failedOffset?: number;
}

// How often a partition waiting for its invocation tells the group it is alive.
const HEARTBEAT_EVERY_MS = 3000;

const brokersOf = (client: KafkaConfig): string[] =>
  Array.isArray(client.brokers) ? [...client.brokers] : [];

/**
 * Emulates a provisioned-mode Kafka event source mapping with a kafkajs
 * consumer: records become `SelfManagedKafka` events of at most `batchSize`
 * records gathered for at most `batchWindowMs`; per partition, offsets are
 * committed only up to the first failure the response reports, and the
 * failed record is fetched again after a capped exponential backoff.
 *
 * @param options - group, topic, client settings and the batch function
 * @example
 * ```ts
 * const esm = createEsmConsumer({
 *   name: 'orders', client: { brokers: ['localhost:9092'] },
 *   groupId: 'g', topic: 'orders', fromBeginning: true,
 *   batchSize: 100, batchWindowMs: 500, retryInitialMs: 1000,
 *   retryMaxMs: 30_000, processBatch: async (event) => handler(event),
 * });
 * esm.start();
 * ```
 */
const createEsmConsumer = (options: EsmConsumerOptions): EsmConsumer => {
  const servers = brokersOf(options.client);
  const kafka = new Kafka(options.client);
  const partitions = new Map<number, PartitionState>();
  const seeked = new Set<number>();
  const timers = new Set<NodeJS.Timeout>();
  /** Admin clients reading the positions of newly assigned partitions. */
  const admins = new Set<Admin>();
  let consumer: Consumer | undefined;
  /** The consumer of the connection attempt in progress. */
  let connecting: Consumer | undefined;
  let state: EsmConsumerStats['state'] = 'idle';
  let waitingFor: string | undefined;
  let stopping = false;
  let running: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let invocations = 0;
  let delivered = 0;
  const budgetMs =
    options.invocationBudgetMs ?? LocalDefaults.invocationBudgetMs;

  const emit = (event: EsmConsumerEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing observer must not break consumption.
    }
  };

  const partitionState = (partition: number): PartitionState => {
    let known = partitions.get(partition);
    if (known === undefined) {
      known = { attempts: 0 };
      partitions.set(partition, known);
    }
    return known;
  };

  const collector = new EventCollector({
    batchSize: options.batchSize,
    batchWindowMs: options.batchWindowMs,
    bootstrapServers: servers.join(','),
    processBatch: (event) => {
      // The invocation's deadline, as Lambda's context tells it; a stop
      // ends every budget: records in flight finish, no new one starts.
      const deadline = Date.now() + budgetMs;
      return options.processBatch(event, {
        remainingTimeMs: () => (stopping ? 0 : deadline - Date.now()),
      });
    },
    onInvoke: (event) => {
      const keys = Object.keys(event.records);
      const records = keys.reduce(
        (sum, key) => sum + (event.records[key]?.length ?? 0),
        0
      );
      invocations += 1;
      delivered += records;
      emit({ type: 'invoked', records, partitions: keys });
    },
    onInvalid: (reason) => emit({ type: 'problem', reason }),
  });

  const later = (delayMs: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
  };

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch, isRunning, isStale } = payload;
    if (stopping || !isRunning() || isStale() || batch.isEmpty()) return;
    const { topic, partition } = batch;
    const known = partitionState(partition);
    known.highWatermark = Number(batch.highWatermark);
    known.firstSeen ??= Number(batch.firstOffset());
    const records = batch.messages.map((message) =>
      toEsmRecord(topic, partition, message)
    );
    const { taken, outcome } = collector.add(records);
    const beat = setInterval(
      () => {
        payload.heartbeat().catch(() => undefined);
      },
      Math.min(
        HEARTBEAT_EVERY_MS,
        options.heartbeatIntervalMs ?? HEARTBEAT_EVERY_MS
      )
    );
    const result = await outcome.finally(() => clearInterval(beat));
    const first = taken[0];
    const last = taken[taken.length - 1];
    if (first === undefined || last === undefined) return;
    const lastDone =
      result.failedOffset === undefined ? last.offset : result.failedOffset - 1;
    if (lastDone >= first.offset) {
      // The next fetch starts after the resolved offset; nothing after the
      // first failure is resolved, so the failed record comes again.
      payload.resolveOffset(String(lastDone));
      try {
        await payload.commitOffsetsIfNecessary({
          topics: [
            {
              topic,
              partitions: [{ partition, offset: String(lastDone + 1) }],
            },
          ],
        });
        known.committed = lastDone + 1;
        emit({ type: 'committed', partition, offset: lastDone + 1 });
      } catch (error) {
        // Typically a rebalance: the records stay uncommitted and are
        // delivered again (to this member or another one).
        emit({
          type: 'problem',
          reason: `commit of ${topic}-${partition} failed: ${describeError(error, { causes: true })}`,
        });
      }
    }
    if (result.failedOffset === undefined) {
      known.attempts = 0;
      delete known.failedOffset;
      return;
    }
    known.attempts =
      known.failedOffset === result.failedOffset ? known.attempts + 1 : 1;
    known.failedOffset = result.failedOffset;
    const delayMs = retryDelay(
      known.attempts,
      options.retryInitialMs,
      options.retryMaxMs
    );
    emit({
      type: 'retryScheduled',
      partition,
      offset: result.failedOffset,
      attempt: known.attempts,
      delayMs,
    });
    const resume = payload.pause();
    later(delayMs, resume);
  };

  /**
   * Reads the high watermarks and the group's committed offsets once the
   * partitions are assigned, so the lag is known before the first record
   * (kafkajs reports watermarks only with records).
   */
  const readPositions = async (assigned: readonly number[]): Promise<void> => {
    if (assigned.length === 0 || stopping) return;
    const admin = kafka.admin();
    admins.add(admin);
    try {
      await admin.connect();
      const [ends, groups] = await Promise.all([
        admin.fetchTopicOffsets(options.topic),
        admin.fetchOffsets({
          groupId: options.groupId,
          topics: [options.topic],
        }),
      ]);
      const committed = new Map(
        (groups[0]?.partitions ?? []).map((p) => [
          p.partition,
          Number(p.offset),
        ])
      );
      for (const end of ends) {
        if (!assigned.includes(end.partition)) continue;
        const known = partitionState(end.partition);
        known.highWatermark ??= Number(end.high);
        const offset = committed.get(end.partition);
        if (offset !== undefined && offset >= 0) known.committed ??= offset;
        // No committed offset: the group starts at one end of the partition.
        known.firstSeen ??= options.fromBeginning
          ? Number(end.low)
          : Number(end.high);
      }
    } catch {
      // The lag stays unknown until records come: nothing else depends on it.
    } finally {
      admins.delete(admin);
      await admin.disconnect().catch(() => undefined);
    }
  };

  const watch = (candidate: Consumer): void => {
    candidate.on(candidate.events.REBALANCING, () => {
      if (!stopping) state = 'rebalancing';
    });
    candidate.on(candidate.events.GROUP_JOIN, ({ payload }) => {
      if (!stopping) state = 'running';
      const assigned = payload.memberAssignment[options.topic] ?? [];
      void readPositions(assigned);
      for (const partition of assigned) {
        partitionState(partition);
        const offset = options.offsets?.[partition];
        if (offset === null || offset === undefined || seeked.has(partition)) {
          continue;
        }
        // Like the connector: start at the configured offset the first time
        // this consumer gets the partition.
        seeked.add(partition);
        candidate.seek({
          topic: options.topic,
          partition,
          offset: String(offset),
        });
      }
      emit({ type: 'joined', partitions: [...assigned].sort((a, b) => a - b) });
    });
    candidate.on(candidate.events.CRASH, ({ payload }) => {
      // After stop() a crash is the end (restartOnFailure said so).
      if (stopping) return;
      // kafkajs connects and joins again (or the loop below does).
      state = 'connecting';
      emit({
        type: 'crashed',
        reason: describeError(payload.error, { causes: true }),
        restart: payload.restart,
      });
      // kafkajs restarts by itself when it can; otherwise start over.
      if (!payload.restart && !stopping && consumer === candidate) {
        consumer = undefined;
        void candidate.disconnect().catch(() => undefined);
        running = connectLoop();
      }
    });
  };

  const pauseFor = (delayMs: number): Promise<void> =>
    new Promise((resolve) => {
      wakeUp = resolve;
      later(delayMs, resolve);
    });

  const connectLoop = async (): Promise<void> => {
    let attempt = 0;
    while (!stopping) {
      state = 'connecting';
      emit({ type: 'connecting', servers });
      const candidate = kafka.consumer({
        groupId: options.groupId,
        // The collector does the batching window; the fetch long-poll only
        // must not spin (0 ms) nor hold a stop back (kafkajs waits for it).
        maxWaitTimeInMs: Math.min(1000, Math.max(100, options.batchWindowMs)),
        allowAutoTopicCreation: false,
        ...(options.sessionTimeoutMs === undefined
          ? {}
          : { sessionTimeout: options.sessionTimeoutMs }),
        ...(options.heartbeatIntervalMs === undefined
          ? {}
          : { heartbeatInterval: options.heartbeatIntervalMs }),
        retry: {
          // kafkajs's consumer default (it replaces the client's count).
          retries: 5,
          // kafkajs restarts a crashed consumer on a timer of its own; one
          // that crashes while stopping (Kafka gone) must not come back and
          // keep the process alive (issue 15).
          restartOnFailure: async () => !stopping,
        },
      });
      watch(candidate);
      connecting = candidate;
      try {
        await candidate.connect();
        await candidate.subscribe({
          topic: options.topic,
          fromBeginning: options.fromBeginning,
        });
        if (stopping) {
          await candidate.disconnect();
          return;
        }
        consumer = candidate;
        waitingFor = undefined;
        state = 'joining';
        await candidate.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently:
            LocalDefaults.partitionsConsumedConcurrently,
          eachBatch,
        });
        return;
      } catch (error) {
        consumer = undefined;
        await candidate.disconnect().catch(() => undefined);
        if (stopping) return;
        attempt += 1;
        const retryInMs = retryDelay(
          attempt,
          options.reconnectInitialMs ?? LocalDefaults.reconnectInitialMs,
          options.reconnectMaxMs ?? LocalDefaults.reconnectMaxMs
        );
        state = 'waiting';
        waitingFor = describeError(error, { causes: true });
        emit({
          type: 'waiting',
          servers,
          reason: describeError(error, { causes: true }),
          retryInMs,
        });
        await pauseFor(retryInMs);
      }
    }
  };

  const start = (): void => {
    if (running !== undefined || stopping) return;
    running = connectLoop();
  };

  /** Finishes the invocation in flight, commits, leaves the group. */
  const leave = async (): Promise<void> => {
    // The invocation being gathered runs now; its partitions commit what is
    // done before the consumer leaves the group.
    collector.flush();
    for (const admin of admins) void admin.disconnect().catch(() => undefined);
    // An attempt to reach Kafka that is still retrying ends by itself and
    // then sees `stopping`; only a connected consumer has work to finish.
    if (consumer === undefined) {
      void connecting?.disconnect().catch(() => undefined);
    } else {
      await running?.catch(() => undefined);
    }
    await consumer?.disconnect().catch(() => undefined);
  };

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    wakeUp?.();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const boundMs = options.stopTimeoutMs ?? LocalDefaults.stopTimeoutMs;
    let bound: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      leave().then(() => false),
      new Promise<boolean>((resolve) => {
        bound = setTimeout(() => resolve(true), boundMs);
      }),
    ]);
    clearTimeout(bound);
    if (timedOut) {
      // Kafka or Camunda does not answer: the consumer is left as it is
      // (kafkajs gives up on its own; it does not restart after a stop).
      emit({
        type: 'problem',
        reason: `the consumer did not finish stopping within ${boundMs} ms (Kafka or Camunda not answering); left without it: records not committed are delivered again`,
      });
    }
    consumer = undefined;
    state = 'stopped';
    emit({ type: 'stopped' });
  };

  const stats = (): EsmConsumerStats => ({
    state,
    ...(state === 'waiting' && waitingFor !== undefined ? { waitingFor } : {}),
    invocations,
    delivered,
    partitions: [...partitions.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, known]): EsmPartitionStats => {
        const position = known.committed ?? known.firstSeen;
        return {
          partition,
          ...(known.committed === undefined
            ? {}
            : { committed: known.committed }),
          ...(known.highWatermark === undefined
            ? {}
            : { highWatermark: known.highWatermark }),
          ...(position === undefined || known.highWatermark === undefined
            ? {}
            : { lag: Math.max(0, known.highWatermark - position) }),
        };
      }),
  });

  return { start, stop, stats };
};

export { createEsmConsumer };

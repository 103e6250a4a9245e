import { describeError } from '../common/index.js';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventRecord,
} from '../kafka/types.js';

interface EventCollectorOptions {
  readonly batchSize: number;
  readonly batchWindowMs: number;
  readonly bootstrapServers: string;
  /** One invocation (the ESM adds its context). */
  readonly processBatch: (event: KafkaEvent) => Promise<KafkaBatchResponse>;
  readonly onInvoke?: (event: KafkaEvent) => void;
  /** processBatch threw or answered something the ESM would not accept. */
  readonly onInvalid?: (reason: string) => void;
}

/** What one partition got back from an invocation. */
interface PartitionOutcome {
  /** First offset of the partition that is not done; absent = all done. */
  readonly failedOffset?: number;
}

interface OpenInvocation {
  readonly records: Map<string, KafkaEventRecord[]>;
  readonly waiters: Map<string, (outcome: PartitionOutcome) => void>;
  count: number;
  timer?: NodeJS.Timeout;
}

const partitionKey = (record: KafkaEventRecord): string =>
  `${record.topic}-${record.partition}`;

/**
 * Per partition, the lowest offset the response reports; every partition's
 * first offset when the response is not one the ESM would accept (it then
 * retries the whole batch).
 */
const readFailures = (
  event: KafkaEvent,
  response: unknown
): { failures: Map<string, number>; invalid?: string } => {
  const failures = new Map<string, number>();
  const failAll = (invalid: string) => {
    for (const [key, records] of Object.entries(event.records)) {
      const first = records[0];
      if (first !== undefined) failures.set(key, first.offset);
    }
    return { failures, invalid };
  };
  // "If you return an empty valid JSON or null, the event source mapping will
  // consider a batch as successfully processed."
  if (response === null || response === undefined) return { failures };
  if (typeof response !== 'object') {
    return failAll('the response is not an object');
  }
  const items = (response as Partial<KafkaBatchResponse>).batchItemFailures;
  if (items === undefined) return { failures };
  if (!Array.isArray(items)) {
    return failAll('batchItemFailures is not an array');
  }
  for (const item of items) {
    const identifier: unknown = item?.itemIdentifier;
    const key =
      typeof identifier === 'object' && identifier !== null
        ? (identifier as { partition?: unknown }).partition
        : undefined;
    const offset =
      typeof identifier === 'object' && identifier !== null
        ? (identifier as { offset?: unknown }).offset
        : undefined;
    const records = typeof key === 'string' ? event.records[key] : undefined;
    if (
      typeof key !== 'string' ||
      typeof offset !== 'number' ||
      records === undefined ||
      !records.some((record) => record.offset === offset)
    ) {
      // "Any invalid topic-partition_number or offset returned that was not
      // present in the invoked event will be treated as failure and entire
      // batch will be retried."
      return failAll(
        `batch item failure ${JSON.stringify(identifier)} is not a record of the batch`
      );
    }
    const known = failures.get(key);
    failures.set(key, known === undefined ? offset : Math.min(known, offset));
  }
  return { failures };
};

/**
 * Gathers the records of several partitions into one ESM event, invokes
 * `processBatch` when the event is full or its window has passed, and tells
 * each partition where its first failure is.
 */
class EventCollector {
  readonly #options: EventCollectorOptions;
  #open: OpenInvocation | undefined;

  constructor(options: EventCollectorOptions) {
    this.#options = options;
  }

  /**
   * Adds records of one partition (in offset order) to the next invocation.
   * Returns the records taken (the invocation may be too full for all of
   * them) and the partition's outcome once the invocation is done.
   *
   * @param records - records of one topic-partition
   */
  add(records: readonly KafkaEventRecord[]): {
    taken: readonly KafkaEventRecord[];
    outcome: Promise<PartitionOutcome>;
  } {
    const first = records[0];
    if (first === undefined) {
      return { taken: [], outcome: Promise.resolve({}) };
    }
    const key = partitionKey(first);
    // A partition is in one invocation at a time; kafkajs never hands out a
    // partition twice at once, but a stray call must not lose a waiter.
    if (this.#open?.records.has(key)) this.flush();
    const open = this.#openInvocation();
    const taken = records.slice(0, this.#options.batchSize - open.count);
    open.records.set(key, [...(open.records.get(key) ?? []), ...taken]);
    open.count += taken.length;
    const outcome = new Promise<PartitionOutcome>((resolve) => {
      open.waiters.set(key, resolve);
    });
    if (open.count >= this.#options.batchSize) this.flush();
    return { taken, outcome };
  }

  /** Invokes now with what is gathered (used at shutdown). */
  flush(): void {
    const open = this.#open;
    if (open === undefined) return;
    this.#open = undefined;
    clearTimeout(open.timer);
    void this.#invoke(open);
  }

  #openInvocation(): OpenInvocation {
    if (this.#open === undefined) {
      const open: OpenInvocation = {
        records: new Map(),
        waiters: new Map(),
        count: 0,
      };
      open.timer = setTimeout(() => {
        if (this.#open === open) this.flush();
      }, this.#options.batchWindowMs);
      this.#open = open;
    }
    return this.#open;
  }

  async #invoke(open: OpenInvocation): Promise<void> {
    const event: KafkaEvent = {
      eventSource: 'SelfManagedKafka',
      bootstrapServers: this.#options.bootstrapServers,
      records: Object.fromEntries(open.records),
    };
    this.#options.onInvoke?.(event);
    let outcome: ReturnType<typeof readFailures>;
    try {
      outcome = readFailures(event, await this.#options.processBatch(event));
    } catch (error) {
      // A thrown error fails the whole batch (what an on-demand ESM does).
      outcome = readFailures(event, 'thrown');
      outcome.invalid = `the batch failed: ${describeError(error)}`;
    }
    if (outcome.invalid !== undefined) {
      this.#options.onInvalid?.(outcome.invalid);
    }
    for (const [key, resolve] of open.waiters) {
      const failedOffset = outcome.failures.get(key);
      resolve(failedOffset === undefined ? {} : { failedOffset });
    }
  }
}

export type { EventCollectorOptions, PartitionOutcome };
export { EventCollector, readFailures };

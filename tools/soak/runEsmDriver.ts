import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventRecord,
} from '../../lib/kafka/types.js';

/** One invocation the driver makes. */
interface EsmInvocation {
  /** The poller (0-based) that owns the event's partitions. */
  readonly poller: number;
  /** Invocations of this poller so far, this one included. */
  readonly number: number;
  readonly event: KafkaEvent;
}

/** How an invocation ended, as the ESM sees it. */
type EsmInvocationOutcome =
  | { readonly kind: 'response'; readonly response: KafkaBatchResponse }
  /** Killed, timed out or threw: the whole batch comes again. */
  | { readonly kind: 'failed' };

interface EsmDriverOptions {
  /** The records of each partition, in offset order from offset 0. */
  readonly partitions: readonly (readonly KafkaEventRecord[])[];
  /** Most records in one event (the ESM's BatchSize). */
  readonly batchSize: number;
  /** Concurrent invocations; poller i owns partitions p with p % pollers = i. */
  readonly pollers: number;
  readonly invoke: (invocation: EsmInvocation) => Promise<EsmInvocationOutcome>;
  /** Stop (incomplete) when this much wall time has passed, ms. */
  readonly deadlineMs: number;
  /** Stop (incomplete) after this many invocations in all. */
  readonly maxInvocations: number;
  readonly now?: () => number;
}

interface EsmDriverResult {
  readonly invocations: number;
  readonly failedInvocations: number;
  /** Responses naming a partition or offset not in their event. */
  readonly invalidResponses: number;
  /** Commits that would have moved a partition's offset backwards. */
  readonly commitRegressions: number;
  /** Partitions in the events of invocations that returned a response. */
  readonly partitionResponses: number;
  /** Of those, partitions whose committed offset did not move. */
  readonly partitionsWithoutProgress: number;
  /** Per partition, the committed offset (the next one to deliver). */
  readonly committed: readonly number[];
  /** True when every partition was committed to its end. */
  readonly completed: boolean;
}

/**
 * What the ESM commits after a response: per partition of the event, the
 * lowest reported failed offset (nothing from there on is committed), or the
 * offset after the last record when none is reported. Undefined when the
 * response names a partition or offset that was not in the event: the ESM
 * then retries the whole batch.
 *
 * @param event - The event the function was invoked with.
 * @param response - The function's partial batch response.
 */
const commitsFromResponse = (
  event: KafkaEvent,
  response: KafkaBatchResponse
): Map<string, number> | undefined => {
  const commits = new Map<string, number>();
  for (const [id, records] of Object.entries(event.records)) {
    const last = records[records.length - 1];
    if (last !== undefined) commits.set(id, last.offset + 1);
  }
  const lowest = new Map<string, number>();
  for (const failure of response.batchItemFailures) {
    const { partition, offset } = failure.itemIdentifier;
    const records = event.records[partition];
    if (records === undefined || !records.some((r) => r.offset === offset)) {
      return undefined;
    }
    const known = lowest.get(partition);
    if (known === undefined || offset < known) lowest.set(partition, offset);
  }
  for (const [id, offset] of lowest) commits.set(id, offset);
  return commits;
};

/**
 * Drives a batch function like a provisioned-mode Kafka event source
 * mapping: per partition a committed offset; each poller builds events of
 * up to `batchSize` records from the committed offsets of its partitions
 * (`SelfManagedKafka` shape), invokes, and commits each partition up to the
 * first failure its response reports (all of it when none). A failed
 * invocation (killed, thrown) commits nothing: the whole batch comes again.
 * A partition is never in two invocations at once. Bounded in invocations
 * and wall time.
 *
 * @param options - Records, batch size, pollers, the function and bounds.
 */
const runEsmDriver = async (
  options: EsmDriverOptions
): Promise<EsmDriverResult> => {
  const now = options.now ?? Date.now;
  const stopAt = now() + options.deadlineMs;
  const committed = options.partitions.map(() => 0);
  let invocations = 0;
  let failedInvocations = 0;
  let invalidResponses = 0;
  let commitRegressions = 0;
  let partitionResponses = 0;
  let partitionsWithoutProgress = 0;

  const buildEvent = (owned: readonly number[]): KafkaEvent | undefined => {
    const active = owned.filter(
      (p) => (committed[p] ?? 0) < (options.partitions[p]?.length ?? 0)
    );
    if (active.length === 0) return undefined;
    const quota = Math.max(1, Math.ceil(options.batchSize / active.length));
    const records: Record<string, readonly KafkaEventRecord[]> = {};
    for (const p of active) {
      const from = committed[p] ?? 0;
      const taken = options.partitions[p]?.slice(from, from + quota) ?? [];
      const first = taken[0];
      if (first !== undefined) records[`${first.topic}-${p}`] = taken;
    }
    return {
      eventSource: 'SelfManagedKafka',
      bootstrapServers: 'soak-broker-1:9092',
      records,
    };
  };

  const pollers = Math.max(
    1,
    Math.min(Math.floor(options.pollers), options.partitions.length)
  );

  const poll = async (poller: number): Promise<void> => {
    const owned = options.partitions
      .map((_, p) => p)
      .filter((p) => p % pollers === poller);
    let number = 0;
    for (;;) {
      if (now() >= stopAt || invocations >= options.maxInvocations) return;
      const event = buildEvent(owned);
      if (event === undefined) return;
      invocations += 1;
      number += 1;
      const outcome = await options.invoke({ poller, number, event });
      if (outcome.kind === 'failed') {
        failedInvocations += 1;
        continue;
      }
      const commits = commitsFromResponse(event, outcome.response);
      if (commits === undefined) {
        invalidResponses += 1;
        continue;
      }
      for (const [id, offset] of commits) {
        const partition = Number(id.slice(id.lastIndexOf('-') + 1));
        const before = committed[partition] ?? 0;
        if (offset < before) commitRegressions += 1;
        partitionResponses += 1;
        if (offset <= before) partitionsWithoutProgress += 1;
        committed[partition] = offset;
      }
    }
  };

  await Promise.all(Array.from({ length: pollers }, (_, i) => poll(i)));
  return {
    invocations,
    failedInvocations,
    invalidResponses,
    commitRegressions,
    partitionResponses,
    partitionsWithoutProgress,
    committed,
    completed: committed.every(
      (offset, p) => offset >= (options.partitions[p]?.length ?? 0)
    ),
  };
};

export type {
  EsmDriverOptions,
  EsmDriverResult,
  EsmInvocation,
  EsmInvocationOutcome,
};
export { commitsFromResponse, runEsmDriver };

import { valueFormatOf } from '../binding/valueFormatOf.js';
import { CAMUNDA_DEFAULTS } from '../camunda/constants.js';
import { clusterIdentity } from '../kafka/clusterIdentity.js';
import { createRecordDecoder } from '../kafka/createRecordDecoder.js';
import { assertIsKafkaEvent } from '../kafka/isKafkaEvent.js';
import { partitionBatches } from '../kafka/partitionBatches.js';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaPartitionBatch,
} from '../kafka/types.js';
import { getCompiledBinding } from './compileBinding.js';
import { DEFAULT_DEADLINE_MARGIN_MS } from './constants.js';
import { createMemoryResolvedOffsets } from './createMemoryResolvedOffsets.js';
import {
  createRecordRunner,
  type RunnerState,
  type Tally,
} from './createRecordRunner.js';
import { compileExpression } from './expressions.js';
import { keepResolvedOffsets } from './keepResolvedOffsets.js';
import { makePartitionKey } from './makePartitionKey.js';
import {
  type PartitionOutcome,
  runPartition,
  type Step,
} from './runPartition.js';
import type {
  BatchDependencies,
  BatchProcessor,
  BatchResult,
  DeadLetter,
  DeployedBinding,
  ProcessOptions,
  RecordEvent,
} from './types.js';

/** What one partition of a batch knew before and did during the batch. */
interface PartitionWork {
  readonly batch: KafkaPartitionBatch;
  /** Its resolved-offsets key (makePartitionKey). */
  readonly key: string;
  /** Offsets an earlier delivery resolved (skipped now). */
  readonly known: ReadonlySet<number>;
  /** Whether an entry was loaded (it may need replacing or removing). */
  readonly hadEntry: boolean;
  /** Offsets resolved in this batch. */
  readonly resolved: number[];
  /** Time left when the deadline first stopped a record of the partition. */
  leftMs?: number;
}

/**
 * Creates the batch algorithm for one deployed binding, independent of
 * Lambda: partitions run concurrently; in each, records run in offset order
 * (or per key, `deployed.ordering === 'key'`). Records below the configured
 * offset are skipped; a retry stops its partition (or key) and is reported;
 * poison records are dead-lettered and the partition goes on. FEEL is
 * compiled once per binding revision.
 *
 * Under a deadline (`options.remainingTimeMs`), a record is started only
 * while more time is left than one call can take (the Camunda port's
 * request timeout + `deadlineMarginMs`); records in flight finish, and the
 * first record not started is reported, so that the ESM commits everything
 * done. A partition's first record always starts, so that a partition
 * progresses whatever the budget.
 *
 * Records resolved after a partition's reported offset (per-key mode; the
 * whole batch with an on-demand ESM, which commits nothing when the handler
 * throws) are kept in `resolvedOffsets` and skipped when the ESM delivers
 * them again.
 *
 * @param deployed - The binding as deployed (ordering, ESM mode, tenant…).
 * @param deps - Camunda, dead-letter sink, idempotency, observer, clock.
 * @example
 * const processor = createBatchProcessor(deployed, {
 *   camunda, deadLetters, idempotency: createMemoryIdempotency(),
 * });
 * const result = await processor.process(event, {
 *   remainingTimeMs: () => context.getRemainingTimeInMillis(),
 * });
 * return toHandlerResponse(result, deployed.esmMode);
 */
const createBatchProcessor = (
  deployed: DeployedBinding,
  deps: BatchDependencies
): BatchProcessor => {
  const { binding } = deployed;
  const compiled = getCompiledBinding(
    binding,
    deps.compileExpression ?? compileExpression
  );
  // One decoder per processor: it keeps the parsed inline schema and the
  // registry schemas it fetched.
  const decode = createRecordDecoder(
    valueFormatOf(binding.kafka.schema),
    deps.schemaRegistry
  );
  // Only per-key mode resolves records after the reported offset, and only
  // an on-demand ESM delivers resolved records before it again.
  const remembers =
    deployed.ordering === 'key' || deployed.esmMode === 'onDemand';
  const store = deps.resolvedOffsets ?? createMemoryResolvedOffsets();
  const requestTimeoutMs =
    deps.camunda.requestTimeoutMs ?? CAMUNDA_DEFAULTS.requestTimeoutMs;
  const marginMs = deps.deadlineMarginMs ?? DEFAULT_DEADLINE_MARGIN_MS;
  const reserveMs = requestTimeoutMs + marginMs;

  const notify = (event: RecordEvent): void => {
    try {
      deps.observer?.onRecord(event);
    } catch {
      // Logging and metrics must never change what happens to a record.
    }
  };

  const load = async (
    batch: KafkaPartitionBatch,
    cluster: string
  ): Promise<PartitionWork> => {
    const key = makePartitionKey(binding.id, cluster, batch);
    const empty = { batch, key, known: new Set<number>(), resolved: [] };
    if (!remembers) return { ...empty, hadEntry: false };
    const entry = await store.load(key).catch(() => undefined);
    const start = batch.records[0]?.offset;
    // An entry for a later start than this delivery's belongs to another
    // history (offsets reset, topic recreated): do not trust it.
    if (entry === undefined || start === undefined || start < entry.from) {
      return { ...empty, hadEntry: entry !== undefined };
    }
    return {
      ...empty,
      known: new Set(entry.offsets.filter((offset) => offset >= start)),
      hadEntry: true,
    };
  };

  const save = async (
    work: PartitionWork,
    resumeAt: number | undefined
  ): Promise<void> => {
    if (!remembers) return;
    const entry = keepResolvedOffsets(resumeAt, [
      ...work.known,
      ...work.resolved,
    ]);
    if (entry === undefined && !work.hadEntry) return;
    // Losing the entry only costs requests: never fail the batch for it.
    await store.save(work.key, entry).catch(() => undefined);
  };

  const process = async (
    event: KafkaEvent,
    options: ProcessOptions = {}
  ): Promise<BatchResult> => {
    assertIsKafkaEvent(event);
    const batches = partitionBatches(event);
    const tally: Tally = {
      received: batches.reduce((sum, b) => sum + b.records.length, 0),
      skipped: 0,
      activated: 0,
      notActivated: 0,
      done: 0,
      retried: 0,
      deadLettered: 0,
      notAttempted: 0,
      notStarted: 0,
      deadlineStops: 0,
      alreadyResolved: 0,
    };
    const deadLetters: DeadLetter[] = [];
    const state: RunnerState = {
      tally,
      deadLetters,
      cluster: clusterIdentity(event),
    };
    const runRecord = createRecordRunner(
      deployed,
      compiled,
      decode,
      deps,
      state
    );
    const { remainingTimeMs } = options;

    const run = async (work: PartitionWork): Promise<PartitionOutcome> => {
      let started = false;
      const step: Step = async (record) => {
        if (work.known.has(record.offset)) {
          tally.alreadyResolved++;
          notify({ type: 'received', ...coordinates(record) });
          notify({
            type: 'alreadyResolved',
            ...coordinates(record),
            detail: 'resolved by an earlier delivery',
          });
          return 'done';
        }
        if (started && remainingTimeMs !== undefined) {
          const leftMs = remainingTimeMs();
          if (leftMs < reserveMs) {
            work.leftMs ??= leftMs;
            return 'notStarted';
          }
        }
        started = true;
        const result = await runRecord(record);
        if (result !== 'retry') work.resolved.push(record.offset);
        return result;
      };
      return runPartition(work.batch.records, {
        ordering: deployed.ordering,
        keyConcurrency: deployed.keyConcurrency,
        step,
        isResolved: (record) => work.known.has(record.offset),
        tally,
      });
    };

    const works = await Promise.all(
      batches.map((batch) => load(batch, state.cluster))
    );
    const outcomes = await Promise.all(works.map(run));

    const batchItemFailures: KafkaBatchResponse['batchItemFailures'][number][] =
      [];
    for (const [index, work] of works.entries()) {
      const outcome = outcomes[index];
      const { batch } = work;
      if (outcome?.failedOffset !== undefined) {
        batchItemFailures.push({
          itemIdentifier: { partition: batch.id, offset: outcome.failedOffset },
        });
      }
      if (outcome?.stoppedAt !== undefined) {
        tally.deadlineStops++;
        notify({
          type: 'deadlineStop',
          topic: batch.topic,
          partition: batch.partition,
          offset: outcome.stoppedAt,
          detail: `records from offset ${outcome.stoppedAt} on not started: ${Math.max(0, Math.round(work.leftMs ?? 0))} ms left, one record may take ${reserveMs} ms (Camunda request timeout ${requestTimeoutMs} ms + margin ${marginMs} ms)`,
        });
      }
    }
    // Where each partition is delivered from next: a provisioned ESM
    // commits up to the reported offset; an on-demand one commits nothing
    // when the handler throws (any failure), everything otherwise.
    const failed = batchItemFailures.length > 0;
    await Promise.all(
      works.map((work, index) =>
        save(
          work,
          deployed.esmMode === 'onDemand'
            ? failed
              ? work.batch.records[0]?.offset
              : undefined
            : outcomes[index]?.failedOffset
        )
      )
    );
    return {
      response: { batchItemFailures },
      deadLetters,
      counts: { ...tally },
    };
  };

  return { deployed, process };
};

const coordinates = (record: {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}) => ({
  topic: record.topic,
  partition: record.partition,
  offset: record.offset,
});

export { createBatchProcessor };

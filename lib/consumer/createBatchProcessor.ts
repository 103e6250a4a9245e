import { valueFormatOf } from '../binding/valueFormatOf.js';
import { clusterIdentity } from '../kafka/clusterIdentity.js';
import { createRecordDecoder } from '../kafka/createRecordDecoder.js';
import { assertIsKafkaEvent } from '../kafka/isKafkaEvent.js';
import { partitionBatches } from '../kafka/partitionBatches.js';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventRecord,
  KafkaPartitionBatch,
} from '../kafka/types.js';
import { getCompiledBinding } from './compileBinding.js';
import {
  createRecordRunner,
  type RecordResult,
  type RunnerState,
  type Tally,
} from './createRecordRunner.js';
import { compileExpression } from './expressions.js';
import type {
  BatchDependencies,
  BatchProcessor,
  BatchResult,
  DeadLetter,
  DeployedBinding,
} from './types.js';

type RunRecord = (record: KafkaEventRecord) => Promise<RecordResult>;

/**
 * Partition order: one record after the other; the first retry stops the
 * partition. Returns the offset to report, or undefined when all is done.
 */
const runInOffsetOrder = async (
  records: readonly KafkaEventRecord[],
  runRecord: RunRecord,
  tally: Tally
): Promise<number | undefined> => {
  for (const [index, record] of records.entries()) {
    if ((await runRecord(record)) === 'retry') {
      tally.notAttempted += records.length - index - 1;
      return record.offset;
    }
  }
  return undefined;
};

/**
 * Per-key order: the records of each key in offset order, up to
 * `concurrency` keys at once. A retry stops its key only. Returns the lowest
 * offset that was retried (every record not attempted comes after one).
 * Records without a key (absent, null or "") form one key.
 */
const runPerKey = async (
  records: readonly KafkaEventRecord[],
  runRecord: RunRecord,
  tally: Tally,
  concurrency: number
): Promise<number | undefined> => {
  const lanes = new Map<string | null, KafkaEventRecord[]>();
  for (const record of records) {
    const key =
      typeof record.key === 'string' && record.key !== '' ? record.key : null;
    const lane = lanes.get(key);
    if (lane === undefined) lanes.set(key, [record]);
    else lane.push(record);
  }
  const queue = [...lanes.values()];
  let next = 0;
  let lowest: number | undefined;
  const work = async (): Promise<void> => {
    // Workers share `next`: each takes the next key not yet started.
    for (let lane = queue[next++]; lane; lane = queue[next++]) {
      const failed = await runInOffsetOrder(lane, runRecord, tally);
      if (failed !== undefined && (lowest === undefined || failed < lowest)) {
        lowest = failed;
      }
    }
  };
  // A missing or nonsensical limit must not mean "no workers": that would
  // report nothing and so commit records that were never processed.
  const limit =
    Number.isFinite(concurrency) && concurrency >= 1
      ? Math.floor(concurrency)
      : 1;
  const workers = Math.min(limit, queue.length);
  await Promise.all(Array.from({ length: workers }, work));
  return lowest;
};

/**
 * Creates the batch algorithm for one deployed binding, independent of
 * Lambda: partitions run concurrently; in each, records run in offset order
 * (or per key, `deployed.ordering === 'key'`). Records below the configured
 * offset are skipped; a retry stops its partition (or key) and is reported;
 * poison records are dead-lettered and the partition goes on. FEEL is
 * compiled once per binding revision.
 *
 * @param deployed - The binding as deployed (ordering, ESM mode, tenant…).
 * @param deps - Camunda, dead-letter sink, idempotency, observer, clock.
 * @example
 * const processor = createBatchProcessor(deployed, {
 *   camunda, deadLetters, idempotency: createMemoryIdempotency(),
 * });
 * const result = await processor.process(event);
 * return toHandlerResponse(result, deployed.esmMode);
 */
const createBatchProcessor = (
  deployed: DeployedBinding,
  deps: BatchDependencies
): BatchProcessor => {
  const compiled = getCompiledBinding(
    deployed.binding,
    deps.compileExpression ?? compileExpression
  );
  // One decoder per processor: it keeps the parsed inline schema and the
  // registry schemas it fetched.
  const decode = createRecordDecoder(
    valueFormatOf(deployed.binding.kafka.schema),
    deps.schemaRegistry
  );

  const runPartition = (
    batch: KafkaPartitionBatch,
    runRecord: RunRecord,
    tally: Tally
  ): Promise<number | undefined> =>
    deployed.ordering === 'key'
      ? runPerKey(batch.records, runRecord, tally, deployed.keyConcurrency)
      : runInOffsetOrder(batch.records, runRecord, tally);

  const process = async (event: KafkaEvent): Promise<BatchResult> => {
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
    const failedOffsets = await Promise.all(
      batches.map((batch) => runPartition(batch, runRecord, tally))
    );
    const batchItemFailures: KafkaBatchResponse['batchItemFailures'][number][] =
      [];
    for (const [index, batch] of batches.entries()) {
      const offset = failedOffsets[index];
      if (offset !== undefined) {
        batchItemFailures.push({
          itemIdentifier: { partition: batch.id, offset },
        });
      }
    }
    return {
      response: { batchItemFailures },
      deadLetters,
      counts: { ...tally },
    };
  };

  return { deployed, process };
};

export { createBatchProcessor };

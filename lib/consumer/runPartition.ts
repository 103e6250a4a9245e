import type { KafkaEventRecord } from '../kafka/types.js';
import type { RecordResult, Tally } from './createRecordRunner.js';
import type { OrderingMode } from './types.js';

/**
 * What one step on a record came to: the record's result, or `notStarted`
 * when the deadline left no time to start it.
 */
type StepResult = RecordResult | 'notStarted';

/** Runs (or skips, or declines) one record. */
type Step = (record: KafkaEventRecord) => Promise<StepResult>;

/** Where a sequence of records stopped, and why. */
interface Stop {
  readonly offset: number;
  readonly cause: 'retry' | 'deadline';
}

/** How the records of one partition ended. */
interface PartitionOutcome {
  /**
   * The offset to report: the lowest that is not resolved (retried, or not
   * started). Undefined when every record is resolved.
   */
  readonly failedOffset?: number;
  /** The lowest offset not started because of the deadline. */
  readonly stoppedAt?: number;
}

interface PartitionRunOptions {
  readonly ordering: OrderingMode;
  /** Per-key mode: keys of the partition at once. */
  readonly keyConcurrency: number;
  readonly step: Step;
  /**
   * Whether a record was resolved by an earlier delivery: records after a
   * stop are counted as resolved rather than left, when they are.
   */
  readonly isResolved: (record: KafkaEventRecord) => boolean;
  readonly tally: Tally;
}

/**
 * Records in offset order; the first retry (or deadline) stops the
 * sequence. What follows is counted: resolved before, or left.
 */
const runInOffsetOrder = async (
  records: readonly KafkaEventRecord[],
  options: PartitionRunOptions
): Promise<Stop | undefined> => {
  const { step, tally, isResolved } = options;
  for (const [index, record] of records.entries()) {
    const result = await step(record);
    if (result !== 'retry' && result !== 'notStarted') continue;
    const cause = result === 'retry' ? 'retry' : 'deadline';
    const rest = records.slice(result === 'retry' ? index + 1 : index);
    for (const left of rest) {
      if (isResolved(left)) tally.alreadyResolved++;
      else if (cause === 'retry') tally.notAttempted++;
      else tally.notStarted++;
    }
    return { offset: record.offset, cause };
  }
  return undefined;
};

/**
 * Per-key order: the records of each key in offset order, up to
 * `concurrency` keys at once. A retry or the deadline stops its key only.
 * Records without a key (absent, null or "") form one key.
 */
const runPerKey = async (
  records: readonly KafkaEventRecord[],
  options: PartitionRunOptions
): Promise<Stop[]> => {
  const lanes = new Map<string | null, KafkaEventRecord[]>();
  for (const record of records) {
    const key =
      typeof record.key === 'string' && record.key !== '' ? record.key : null;
    const lane = lanes.get(key);
    if (lane === undefined) lanes.set(key, [record]);
    else lane.push(record);
  }
  // Lanes in the order of their first record: the partition's first record
  // is the first one started.
  const queue = [...lanes.values()];
  let next = 0;
  const stops: Stop[] = [];
  const work = async (): Promise<void> => {
    // Workers share `next`: each takes the next key not yet started.
    for (let lane = queue[next++]; lane; lane = queue[next++]) {
      const stop = await runInOffsetOrder(lane, options);
      if (stop !== undefined) stops.push(stop);
    }
  };
  // A missing or nonsensical limit must not mean "no workers": that would
  // report nothing and so commit records that were never processed.
  const { keyConcurrency } = options;
  const limit =
    Number.isFinite(keyConcurrency) && keyConcurrency >= 1
      ? Math.floor(keyConcurrency)
      : 1;
  const workers = Math.min(limit, queue.length);
  await Promise.all(Array.from({ length: workers }, work));
  return stops;
};

const lowest = (
  stops: readonly Stop[],
  cause?: Stop['cause']
): number | undefined => {
  let found: number | undefined;
  for (const stop of stops) {
    if (cause !== undefined && stop.cause !== cause) continue;
    if (found === undefined || stop.offset < found) found = stop.offset;
  }
  return found;
};

/**
 * Runs the records of one partition (in offset order) in the binding's
 * ordering mode: one after the other, or per key with `keyConcurrency` keys
 * at once. The reported offset is the lowest one not resolved, so the ESM
 * commits everything before it and delivers the rest again.
 *
 * @param records - The partition's records, in offset order.
 * @param options - Ordering, the step per record and the batch's tallies.
 */
const runPartition = async (
  records: readonly KafkaEventRecord[],
  options: PartitionRunOptions
): Promise<PartitionOutcome> => {
  const stops =
    options.ordering === 'key'
      ? await runPerKey(records, options)
      : [await runInOffsetOrder(records, options)].filter(
          (stop): stop is Stop => stop !== undefined
        );
  const failedOffset = lowest(stops);
  const stoppedAt = lowest(stops, 'deadline');
  return {
    ...(failedOffset === undefined ? {} : { failedOffset }),
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
  };
};

export type { PartitionOutcome, PartitionRunOptions, Step, StepResult };
export { runPartition };

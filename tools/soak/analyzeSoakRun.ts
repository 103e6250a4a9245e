import type { DeadLetter } from '../../lib/consumer/types.js';
import { SOAK_POISON_DETAIL } from './constants.js';
import { recordIdOfRequest } from './createFaultPlan.js';
import { recordIdOf } from './generateDataset.js';
import type {
  SoakDataset,
  SoakDeadLetterFigures,
  SoakDouble,
  SoakFaultKind,
  SoakProfile,
  SoakRecordedRequest,
  SoakRecordInfo,
  SoakRunConfig,
  SoakRunReport,
} from './types.js';

/** A letter the dead-letter queue received, and from which invocation. */
interface ObservedLetter {
  readonly letter: DeadLetter;
  /** Whether the invocation that sent it was killed (before it returned). */
  readonly invocationKilled: boolean;
}

/** What one run left behind, for the analysis. */
interface SoakRunObservations {
  readonly profile: SoakProfile;
  readonly config: SoakRunConfig;
  readonly dataset: SoakDataset;
  readonly requests: readonly SoakRecordedRequest[];
  readonly instances: SoakDouble['instances'];
  readonly messages: SoakDouble['messages'];
  readonly faultOf: (requestId: number) => SoakFaultKind | undefined;
  readonly injected: Readonly<Record<SoakFaultKind, number>>;
  readonly letters: readonly ObservedLetter[];
  /** Records whose request was in flight when an invocation was killed. */
  readonly abandonedRecords: ReadonlySet<string>;
  /** Records for which the client gave up waiting for an answer. */
  readonly timedOutRecords: ReadonlySet<string>;
  readonly clientTimeouts: number;
  readonly invocations: number;
  readonly killedInvocations: number;
  readonly invalidResponses: number;
  readonly commitRegressions: number;
  readonly functionTimeouts: number;
  readonly deadlineStops: number;
  readonly partitionResponses: number;
  readonly partitionsWithoutProgress: number;
  readonly virtualTimeMs?: number;
  /** Per partition, the committed offset at the end. */
  readonly committed: readonly number[];
  readonly completed: boolean;
  readonly wallTimeMs: number;
}

/** The arrival that settled a record at the double. */
interface EffectiveArrival {
  readonly requestId: number;
  readonly fault: SoakFaultKind | undefined;
}

const soakRecordOf = (
  variables: Readonly<Record<string, unknown>>
): string | undefined =>
  typeof variables.soakRecord === 'string' ? variables.soakRecord : undefined;

/**
 * The first request for each record that the engine processed (no fault, or
 * a timeout after processing) or that rejected it as poison: the moment the
 * record took effect. Requests the double failed before processing (503,
 * reset, timeout before) did nothing and do not count.
 */
const effectiveArrivals = (
  requests: readonly SoakRecordedRequest[],
  faultOf: (requestId: number) => SoakFaultKind | undefined
): Map<string, EffectiveArrival> => {
  const arrivals = new Map<string, EffectiveArrival>();
  for (const request of requests) {
    const id = recordIdOfRequest(request.body);
    if (id === undefined || arrivals.has(id)) continue;
    const fault = faultOf(request.id);
    if (
      fault === undefined ||
      fault === 'timeoutAfterProcessing' ||
      fault === 'poison400'
    ) {
      arrivals.set(id, { requestId: request.id, fault });
    }
  }
  return arrivals;
};

/**
 * Records (not pairs) that took effect before a record that precedes them
 * in their sequence: the sequence must be in the order it should be sent.
 */
const countInversions = (
  sequences: Iterable<readonly SoakRecordInfo[]>,
  arrivals: ReadonlyMap<string, EffectiveArrival>
): number => {
  let violations = 0;
  for (const sequence of sequences) {
    let latest = 0;
    for (const info of sequence) {
      const arrival = arrivals.get(info.id)?.requestId;
      if (arrival === undefined) continue;
      if (arrival < latest) violations += 1;
      else latest = arrival;
    }
  }
  return violations;
};

const groupSequences = (
  dataset: SoakDataset
): {
  byPartition: SoakRecordInfo[][];
  byKey: Map<string, SoakRecordInfo[]>;
} => {
  const byPartition: SoakRecordInfo[][] = [];
  const byKey = new Map<string, SoakRecordInfo[]>();
  for (const records of dataset.partitions) {
    const sequence: SoakRecordInfo[] = [];
    for (const record of records) {
      const info = dataset.index.get(recordIdOf(record));
      if (info === undefined) continue;
      sequence.push(info);
      const keyed = byKey.get(info.key);
      if (keyed === undefined) byKey.set(info.key, [info]);
      else keyed.push(info);
    }
    byPartition.push(sequence);
  }
  // Offsets of one key grow with its seq (a key lives in one partition),
  // but sort anyway: the key check is defined on seq.
  for (const sequence of byKey.values()) sequence.sort((a, b) => a.seq - b.seq);
  return { byPartition, byKey };
};

const analyzeDeadLetters = (
  dataset: SoakDataset,
  letters: readonly ObservedLetter[]
): SoakDeadLetterFigures => {
  const byRecord = new Map<string, ObservedLetter[]>();
  let withReason = 0;
  for (const observed of letters) {
    const { letter } = observed;
    const id = recordIdOf(letter);
    const list = byRecord.get(id);
    if (list === undefined) byRecord.set(id, [observed]);
    else list.push(observed);
    if (
      letter.reason === 'camunda-rejected' &&
      letter.status === 400 &&
      letter.error.includes(`${SOAK_POISON_DETAIL} ${id}`)
    ) {
      withReason += 1;
    }
  }
  let repeatedAfterKill = 0;
  let repeatedOnRedelivery = 0;
  let notPoison = 0;
  for (const [id, list] of byRecord) {
    if (dataset.index.get(id)?.poison !== true) notPoison += 1;
    for (let i = 1; i < list.length; i++) {
      if (list[i - 1]?.invocationKilled === true) repeatedAfterKill += 1;
      else repeatedOnRedelivery += 1;
    }
  }
  let poisonMissing = 0;
  for (const info of dataset.index.values()) {
    if (info.poison && !byRecord.has(info.id)) poisonMissing += 1;
  }
  return {
    records: byRecord.size,
    sent: letters.length,
    withReason,
    poisonMissing,
    notPoison,
    repeatedAfterKill,
    repeatedOnRedelivery,
  };
};

/**
 * Turns what a run left behind (the double's requests, instances and
 * messages; the dead letters; the driver's counters) into its figures:
 * duplicates (a record done at Camunda more than once), lost records
 * (committed, yet neither done nor dead-lettered), dead letters, and order violations by
 * the first arrival that took effect for each record, per partition (offset
 * order) and per key (seq order).
 *
 * @param observed - The run's observations.
 */
const analyzeSoakRun = (observed: SoakRunObservations): SoakRunReport => {
  const { dataset, config } = observed;
  const arrivals = effectiveArrivals(observed.requests, observed.faultOf);

  const doneCount = new Map<string, number>();
  const done =
    config.path === 'publish'
      ? observed.messages.map((m) => soakRecordOf(m.variables))
      : observed.instances.map((i) => soakRecordOf(i.variables));
  for (const id of done) {
    if (id !== undefined) doneCount.set(id, (doneCount.get(id) ?? 0) + 1);
  }

  const deadLetters = analyzeDeadLetters(dataset, observed.letters);
  const lettered = new Set(observed.letters.map((o) => recordIdOf(o.letter)));

  let duplicates = 0;
  let duplicatesFromAmbiguousTimeout = 0;
  let duplicatesFromKill = 0;
  let duplicatesFromSlowAnswer = 0;
  let lost = 0;
  let uncommitted = 0;
  let poisonRecords = 0;
  for (const info of dataset.index.values()) {
    if (info.poison) poisonRecords += 1;
    const count = doneCount.get(info.id) ?? 0;
    // Kafka forgets a committed record: if it is nowhere, it is lost.
    const isCommitted = info.offset < (observed.committed[info.partition] ?? 0);
    if (!isCommitted) uncommitted += 1;
    else if (count === 0 && !lettered.has(info.id)) lost += 1;
    if (count > 1) {
      const extra = count - 1;
      duplicates += extra;
      // The cause is whatever hid the first copy's answer from the consumer.
      if (arrivals.get(info.id)?.fault === 'timeoutAfterProcessing') {
        duplicatesFromAmbiguousTimeout += extra;
      } else if (observed.abandonedRecords.has(info.id)) {
        duplicatesFromKill += extra;
      } else if (observed.timedOutRecords.has(info.id)) {
        duplicatesFromSlowAnswer += extra;
      }
    }
  }

  const { byPartition, byKey } = groupSequences(dataset);
  return {
    ...config,
    profile: observed.profile,
    records: dataset.records,
    poisonRecords,
    faults: { ...observed.injected },
    killedInvocations: observed.killedInvocations,
    invocations: observed.invocations,
    camundaRequests: observed.requests.length,
    instancesCreated: observed.instances.length,
    messagesPublished: observed.messages.length,
    duplicates,
    duplicatesFromAmbiguousTimeout,
    duplicatesFromKill,
    duplicatesFromSlowAnswer,
    duplicatesUnexplained:
      duplicates -
      duplicatesFromAmbiguousTimeout -
      duplicatesFromKill -
      duplicatesFromSlowAnswer,
    clientTimeouts: observed.clientTimeouts,
    rejectedAsAlreadyExisting: observed.requests.filter(
      (r) => r.response?.kind === 'http' && r.response.status === 409
    ).length,
    lost,
    uncommitted,
    deadLetters,
    orderViolationsByPartition: countInversions(byPartition, arrivals),
    orderViolationsByKey: countInversions(byKey.values(), arrivals),
    commitRegressions: observed.commitRegressions,
    invalidResponses: observed.invalidResponses,
    functionTimeouts: observed.functionTimeouts,
    deadlineStops: observed.deadlineStops,
    partitionResponses: observed.partitionResponses,
    partitionsWithoutProgress: observed.partitionsWithoutProgress,
    ...(observed.virtualTimeMs === undefined
      ? {}
      : { virtualTimeMs: observed.virtualTimeMs }),
    completed: observed.completed,
    wallTimeMs: observed.wallTimeMs,
  };
};

export type { ObservedLetter, SoakRunObservations };
export { analyzeSoakRun };

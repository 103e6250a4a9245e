import type { BatchObserver, RecordEvent } from '../consumer/types.js';
import type { KafkaEventRecord } from '../kafka/types.js';
import type { RecordOutcome } from './types.js';

type Coordinates = Pick<KafkaEventRecord, 'topic' | 'partition' | 'offset'>;

const keyOf = (at: Coordinates): string =>
  `${at.topic}\u0000${at.partition}\u0000${at.offset}`;

/** The outcome a record event settles, or undefined for one that does not. */
const settle = (
  event: RecordEvent,
  known: RecordOutcome | undefined
): RecordOutcome | undefined => {
  const at = {
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
  };
  const element =
    event.elementId === undefined ? {} : { elementId: event.elementId };
  const detail = event.detail === undefined ? {} : { detail: event.detail };
  switch (event.type) {
    case 'skippedBelowOffset':
      return { ...at, outcome: 'skippedBelowOffset', ...detail };
    case 'notActivated':
      // With consumeUnmatchedEvents false a retry follows and settles it.
      return event.detail === 'skipped'
        ? {
            ...at,
            outcome: 'notActivated',
            detail:
              'the activation condition is not met; the record is consumed',
          }
        : undefined;
    case 'created':
    case 'published':
      return { ...at, outcome: 'done', action: event.type, ...element };
    case 'duplicate':
      // A dead letter already sent, or Camunda's call already done.
      return known?.outcome === 'deadLettered' ||
        event.detail?.startsWith('already dead-lettered') === true
        ? { ...at, outcome: 'deadLettered', ...element, ...detail }
        : {
            ...at,
            outcome: 'done',
            action: 'duplicate',
            ...element,
            ...detail,
          };
    case 'alreadyResolved':
      // Resolved by an earlier delivery (the consumer's resolved offsets):
      // not sent again, and the ESM commits it.
      return { ...at, outcome: 'done', action: 'duplicate', ...detail };
    case 'retry':
      return { ...at, outcome: 'retry', ...element, ...detail };
    case 'deadLettered':
      return { ...at, outcome: 'deadLettered', ...element, ...detail };
    default:
      return undefined;
  }
};

/**
 * Follows the batch processor's record events and tells, per record, how
 * it ended: done (created / published / duplicate), not activated, skipped
 * below offset, dead-lettered with its reason, retry with its reason, or
 * not attempted (after a retry in its partition or key, or not started
 * because the invocation's deadline was near). `replay` and
 * `redrive` print one line per record from it.
 *
 * @example
 * ```ts
 * const outcomes = trackRecordOutcomes();
 * const processor = createBatchProcessor(deployed, { ...deps, observer: outcomes.observer });
 * await processor.process(event);
 * outcomes.of(record); // { outcome: 'done', action: 'published', … }
 * ```
 */
const trackRecordOutcomes = (): {
  readonly observer: BatchObserver;
  readonly of: (record: Coordinates) => RecordOutcome;
} => {
  const outcomes = new Map<string, RecordOutcome>();
  /** Per topic and partition, where the invocation's deadline stopped it. */
  const deadlineStops = new Map<string, { offset: number; detail: string }>();
  const partitionOf = (at: Omit<Coordinates, 'offset'>): string =>
    `${at.topic}\u0000${at.partition}`;
  return {
    observer: {
      onRecord: (event) => {
        if (event.type === 'deadlineStop') {
          deadlineStops.set(partitionOf(event), {
            offset: event.offset,
            detail: event.detail ?? `records from offset ${event.offset} on`,
          });
          return;
        }
        const key = keyOf(event);
        const settled = settle(event, outcomes.get(key));
        if (settled !== undefined) outcomes.set(key, settled);
      },
    },
    of: (record) => {
      const known = outcomes.get(keyOf(record));
      if (known !== undefined) return known;
      const at = {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
      };
      const stop = deadlineStops.get(partitionOf(record));
      if (stop !== undefined && record.offset >= stop.offset) {
        return {
          ...at,
          outcome: 'notAttempted',
          detail: `not started, the invocation's deadline was near: ${stop.detail}`,
        };
      }
      return {
        ...at,
        outcome: 'notAttempted',
        detail:
          'not attempted: an earlier record of its partition (or key) must be retried first',
      };
    },
  };
};

export { trackRecordOutcomes };

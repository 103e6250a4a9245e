import { isRecord } from '../common/index.js';
import { KAFKA_EVENT_SOURCES } from './constants.js';
import { KafkaEventInvalidError } from './errors.js';
import type { KafkaEvent } from './types.js';

const SOURCES: ReadonlySet<string> = new Set(KAFKA_EVENT_SOURCES);

const findRecordProblem = (
  id: string,
  index: number,
  record: unknown
): string | undefined => {
  const where = `records["${id}"][${index}]`;
  if (!isRecord(record)) return `${where} is not an object`;
  if (typeof record.topic !== 'string') return `${where}.topic is not a string`;
  if (!Number.isInteger(record.partition)) {
    return `${where}.partition is not an integer`;
  }
  if (!Number.isInteger(record.offset)) {
    return `${where}.offset is not an integer`;
  }
  return undefined;
};

/** Says what makes `x` not a Kafka ESM event; undefined when it is one. */
const findEventProblem = (x: unknown): string | undefined => {
  if (!isRecord(x)) return 'the event is not an object';
  if (typeof x.eventSource !== 'string' || !SOURCES.has(x.eventSource)) {
    return `eventSource ${JSON.stringify(x.eventSource)} is not one of ${KAFKA_EVENT_SOURCES.join(', ')}`;
  }
  if (!isRecord(x.records)) return 'records is not an object';
  for (const [id, records] of Object.entries(x.records)) {
    if (!Array.isArray(records)) return `records["${id}"] is not an array`;
    for (const [index, record] of records.entries()) {
      const problem = findRecordProblem(id, index, record);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
};

/**
 * Whether `x` is a Kafka ESM event (MSK `aws:kafka`, self-managed
 * `SelfManagedKafka` or the older `aws:SelfManagedKafka`) whose records
 * carry a topic, a partition and an offset.
 *
 * @param x - Anything, typically a Lambda event.
 */
const isKafkaEvent = (x: unknown): x is KafkaEvent =>
  findEventProblem(x) === undefined;

/**
 * Throws {@link KafkaEventInvalidError} saying what is wrong unless `x` is a
 * Kafka ESM event.
 *
 * @param x - Anything, typically a Lambda event.
 */
const assertIsKafkaEvent: (x: unknown) => asserts x is KafkaEvent = (x) => {
  const problem = findEventProblem(x);
  if (problem !== undefined) throw new KafkaEventInvalidError(problem);
};

export { assertIsKafkaEvent, isKafkaEvent };

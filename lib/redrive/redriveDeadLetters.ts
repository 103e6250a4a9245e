import { createHash } from 'node:crypto';
import type { CamundaOutcome, CamundaPort } from '../camunda/types.js';
import { createBatchProcessor } from '../consumer/createBatchProcessor.js';
import type {
  BatchProcessor,
  DeadLetter,
  DeployedBinding,
  IdempotencyPort,
} from '../consumer/types.js';
import type { KafkaEventRecord } from '../kafka/types.js';
import { eventOfRecord } from './eventOfRecord.js';
import { trackRecordOutcomes } from './trackRecordOutcomes.js';
import type {
  RecordOutcome,
  RedriveDependencies,
  RedriveResult,
  RedriveSummary,
  SourceLetter,
  StoredDeadLetter,
} from './types.js';

/** What the ESM would commit: the letter is done. */
const COMMITTED = new Set(['done', 'notActivated', 'skippedBelowOffset']);

/** What one letter's run collects through the processor's fixed dependencies. */
interface Current {
  tracker: ReturnType<typeof trackRecordOutcomes>;
  letters: DeadLetter[];
  /** Identity of the record, for the publish idempotency key. */
  recordKey: string;
}

const sha256 = (base64: string | null | undefined): string =>
  createHash('sha256')
    .update(Buffer.from(base64 ?? '', 'base64'))
    .digest('hex');

/**
 * The idempotency the processor gets: dead-letter keys are never
 * deduplicated (a redrive does not send the letter anywhere: it rewrites it
 * in place with its new reason, and the consumer stored those keys when it
 * first dead-lettered the record); everything else goes to the persistent
 * store.
 */
const forRedrive = (store: IdempotencyPort): IdempotencyPort => ({
  once: (key, work) =>
    key.endsWith(':dead-letter') ? work() : store.once(key, work),
});

/**
 * Publishes go through the store too: Camunda drops a message id it has
 * seen only while that message lives (its TTL), so a redrive run again
 * after the TTL would publish twice without it.
 */
const publishOnce = (
  camunda: CamundaPort,
  store: IdempotencyPort,
  current: () => Current | undefined
): CamundaPort => ({
  createProcessInstance: (request) => camunda.createProcessInstance(request),
  publishMessage: (request) => {
    const key = current()?.recordKey;
    const publish = (): Promise<CamundaOutcome> =>
      camunda.publishMessage(request);
    return key === undefined
      ? publish()
      : store.once(`${key}:redrive-publish:${request.messageId}`, publish);
  },
});

/** Checks a copy read again from Kafka against what the letter recorded. */
const mismatch = (
  stored: StoredDeadLetter,
  record: KafkaEventRecord
): string | undefined => {
  const { letter, omittedSha256 } = stored;
  if (
    typeof letter.timestamp === 'number' &&
    record.timestamp !== letter.timestamp
  ) {
    return `the record now at offset ${record.offset} has timestamp ${record.timestamp}, the dead-lettered one ${letter.timestamp} (the topic was created again?)`;
  }
  for (const part of ['value', 'key'] as const) {
    const expected = omittedSha256[part];
    if (expected !== undefined && sha256(record[part]) !== expected) {
      return `the ${part} now at offset ${record.offset} is not the dead-lettered one (its SHA-256 differs)`;
    }
  }
  return undefined;
};

/**
 * Redrives dead letters: each one goes through the current revision of its
 * binding (the same batch algorithm as the consumer) against Camunda, and
 * leaves its source only when it is done (instance created, message
 * published, or now consumed without activation); one dead-lettered again
 * stays with its new reason; one to retry, one of an unknown binding, one
 * that cannot be read, and one whose record was left out and cannot be
 * read again from Kafka stay as they are. Letters run one at a time, in
 * the source's order.
 *
 * Running it twice, or after an interruption, creates nothing twice: a
 * create goes through the persistent idempotency store under the same key
 * as the consumer's (and carries the business id when the binding enables
 * it); a publish carries its message id and goes through the store too.
 *
 * @param deps - source, binding lookup, Camunda, idempotency store, Kafka
 */
const redriveDeadLetters = async (
  deps: RedriveDependencies
): Promise<RedriveSummary> => {
  const { source } = deps;
  const processors = new Map<string, BatchProcessor>();
  const results: RedriveResult[] = [];
  let current: Current | undefined;
  const camunda = publishOnce(deps.camunda, deps.idempotency, () => current);
  const idempotency = forRedrive(deps.idempotency);

  const processorFor = (deployed: DeployedBinding): BatchProcessor => {
    const key = `${deployed.binding.id}\u0000${deployed.binding.revision}`;
    let processor = processors.get(key);
    if (processor === undefined) {
      const schemaRegistry = deps.schemaRegistry?.(deployed);
      processor = createBatchProcessor(deployed, {
        camunda,
        idempotency,
        deadLetters: {
          send: async (letters) => {
            current?.letters.push(...letters);
          },
        },
        observer: {
          onRecord: (event) => current?.tracker.observer.onRecord(event),
        },
        ...(schemaRegistry === undefined ? {} : { schemaRegistry }),
        ...(deps.now === undefined ? {} : { now: deps.now }),
      });
      processors.set(key, processor);
    }
    return processor;
  };

  const settle = async (
    item: SourceLetter,
    result: RedriveResult,
    updated?: Readonly<Record<string, unknown>>
  ): Promise<RedriveResult> => {
    if (deps.dryRun === true) await source.keep(item);
    else if (result.disposition === 'removed') await source.remove(item);
    else if (updated !== undefined) await source.replace(item, updated);
    else await source.keep(item);
    return result;
  };

  const redriveOne = async (item: SourceLetter): Promise<RedriveResult> => {
    if ('problem' in item.read) {
      return settle(item, {
        where: item.where,
        disposition: 'kept',
        outcome: 'unreadable',
        detail: item.read.problem,
      });
    }
    const stored = item.read;
    const { letter } = stored;
    const base = {
      where: item.where,
      bindingId: letter.bindingId,
      processId: letter.processId,
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
      previousReason: letter.reason,
    };
    const found = await deps.lookup(letter.bindingId, letter.processId);
    if (found.kind === 'unknown') {
      return settle(item, {
        ...base,
        disposition: 'kept',
        outcome: 'unknownBinding',
        detail: found.reason,
      });
    }
    const { deployed } = found;
    let record: KafkaEventRecord = letter.record;
    if (stored.omitted.length > 0) {
      const parts = stored.omitted.join(', ');
      if (deps.fetchRecord === undefined) {
        return settle(item, {
          ...base,
          disposition: 'kept',
          outcome: 'notRedrivable',
          detail: `the letter holds no record ${parts} (left out to fit its sink) and Kafka is not read here`,
        });
      }
      const fetched = await deps.fetchRecord(deployed, letter);
      const problem =
        fetched.kind === 'found'
          ? mismatch(stored, fetched.record)
          : fetched.reason;
      if (fetched.kind !== 'found' || problem !== undefined) {
        return settle(item, {
          ...base,
          disposition: 'kept',
          outcome: 'notRedrivable',
          detail: `the letter holds no record ${parts} (left out to fit its sink), and it cannot be read again from Kafka: ${problem}`,
        });
      }
      record = fetched.record;
    }
    current = {
      tracker: trackRecordOutcomes(),
      letters: [],
      recordKey: `${deployed.binding.id}:${stored.cluster ?? ''}:${record.topic}:${record.partition}:${record.offset}:${record.timestamp}`,
    };
    const run = current;
    try {
      await processorFor(deployed).process(
        eventOfRecord(
          record,
          stored.cluster,
          deployed.binding.kafka.bootstrapServers
        )
      );
    } finally {
      current = undefined;
    }
    const outcome: RecordOutcome = run.tracker.of(record);
    const reported = {
      ...base,
      outcome: outcome.outcome,
      ...(outcome.action === undefined ? {} : { action: outcome.action }),
      ...(outcome.elementId === undefined
        ? {}
        : { elementId: outcome.elementId }),
      ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
    };
    if (COMMITTED.has(outcome.outcome)) {
      return settle(item, { ...reported, disposition: 'removed' });
    }
    const again = run.letters[0];
    if (outcome.outcome !== 'deadLettered' || again === undefined) {
      return settle(item, { ...reported, disposition: 'kept' });
    }
    // Dead-lettered again: the letter stays with its new reason, as stored
    // otherwise (its record, and what was left out of it, unchanged).
    const now = (deps.now ?? (() => new Date()))().toISOString();
    const { status: _oldStatus, elementId: _oldElement, ...rest } = stored.raw;
    return settle(
      item,
      { ...reported, disposition: 'kept' },
      {
        ...rest,
        bindingRevision: again.bindingRevision,
        ...(again.elementId === undefined
          ? {}
          : { elementId: again.elementId }),
        reason: again.reason,
        error: again.error,
        ...(again.status === undefined ? {} : { status: again.status }),
        redrivenAt: now,
        previousReason: letter.reason,
      }
    );
  };

  let interrupted = false;
  const aborted = (): boolean => deps.signal?.aborted === true;
  try {
    for (;;) {
      if (aborted()) {
        interrupted = true;
        break;
      }
      if (deps.limit !== undefined && results.length >= deps.limit) break;
      const batch = await source.next();
      if (batch.length === 0) break;
      for (const [index, item] of batch.entries()) {
        const stop =
          aborted() ||
          (deps.limit !== undefined && results.length >= deps.limit);
        if (stop) {
          interrupted ||= aborted();
          await source.keep(item);
          continue;
        }
        let result: RedriveResult;
        try {
          result = await redriveOne(item);
        } catch (error) {
          // The binding store or Kafka failed: this letter and the rest of
          // the batch stay as they are (a queue gets them back at once).
          for (const left of batch.slice(index)) {
            await source.keep(left).catch(() => undefined);
          }
          throw error;
        }
        results.push(result);
        deps.onResult?.(result);
      }
    }
  } finally {
    await source.close();
  }
  return {
    results,
    removed: results.filter((result) => result.disposition === 'removed')
      .length,
    kept: results.filter((result) => result.disposition === 'kept').length,
    interrupted,
  };
};

export { redriveDeadLetters };

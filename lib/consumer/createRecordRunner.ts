import { performance } from 'node:perf_hooks';
import { MAX_VARIABLES_BYTES } from '../camunda/constants.js';
import type {
  CamundaOutcome,
  CreateProcessInstanceRequest,
} from '../camunda/types.js';
import { describeError } from '../common/index.js';
import { decodeKeyText } from '../kafka/decodeRecord.js';
import type {
  KafkaEventRecord,
  KafkaMessage,
  RecordDecoder,
} from '../kafka/types.js';
import { cleanReason } from '../text/index.js';
import { buildVariables } from './buildVariables.js';
import type { CompiledBinding, CompiledElement } from './compileBinding.js';
import { makeBusinessId } from './makeBusinessId.js';
import { makeRecordKey } from './makeRecordKey.js';
import { poison, type RecordPoison } from './outcomes.js';
import { resolvePublication } from './resolvePublication.js';
import { selectElement } from './selectElement.js';
import type {
  BatchDependencies,
  DeadLetter,
  DeployedBinding,
  RecordEvent,
} from './types.js';

/** How one record ended, for the scheduler. */
type RecordResult = 'done' | 'retry' | 'deadLettered';

/** Mutable tallies of one batch. */
interface Tally {
  received: number;
  skipped: number;
  activated: number;
  notActivated: number;
  done: number;
  retried: number;
  deadLettered: number;
  notAttempted: number;
  notStarted: number;
  deadlineStops: number;
  alreadyResolved: number;
}

/** What a runner shares with the scheduler of one batch. */
interface RunnerState {
  readonly tally: Tally;
  readonly deadLetters: DeadLetter[];
  /** `clusterIdentity` of the batch's event. */
  readonly cluster: string;
}

type RecordCoordinates = Pick<RecordEvent, 'topic' | 'partition' | 'offset'>;

/**
 * The per-record pipeline: offset floor, decode, activation, variables, the
 * Camunda call, and the outcome (done, retry, or dead-lettered poison).
 *
 * @param deployed - The binding as deployed.
 * @param compiled - The binding with compiled FEEL.
 * @param decode - The binding's record decoder (schema strategy).
 * @param deps - Camunda, dead letters, idempotency, observer, clock.
 * @param state - Tallies and dead letters of the current batch.
 */
const createRecordRunner = (
  deployed: DeployedBinding,
  compiled: CompiledBinding,
  decode: RecordDecoder,
  deps: BatchDependencies,
  state: RunnerState
): ((record: KafkaEventRecord) => Promise<RecordResult>) => {
  const { binding } = deployed;
  const { tally, cluster } = state;
  const recordKey = (record: KafkaEventRecord): string =>
    makeRecordKey(binding.id, cluster, record);
  const maxBytes = deps.maxVariablesBytes ?? MAX_VARIABLES_BYTES;
  const now = deps.now ?? (() => new Date());
  const floors = binding.kafka.offsets;

  const emit = (
    type: RecordEvent['type'],
    at: RecordCoordinates,
    extra?: Pick<RecordEvent, 'elementId' | 'latencyMs' | 'detail'>
  ): void => {
    if (deps.observer === undefined) return;
    try {
      deps.observer.onRecord({
        type,
        topic: at.topic,
        partition: at.partition,
        offset: at.offset,
        ...extra,
        // Details quote endpoints and records: one bounded line, always.
        ...(extra?.detail === undefined
          ? {}
          : { detail: cleanReason(extra.detail) }),
      });
    } catch {
      // Logging and metrics must never change what happens to a record.
    }
  };

  const retry = (
    record: KafkaEventRecord,
    detail: string,
    elementId?: string
  ): RecordResult => {
    tally.retried++;
    emit('retry', record, { elementId, detail });
    return 'retry';
  };

  const deadLetter = async (
    record: KafkaEventRecord,
    problem: RecordPoison
  ): Promise<RecordResult> => {
    const letter: DeadLetter = {
      processId: binding.processId,
      bindingId: binding.id,
      bindingRevision: binding.revision,
      ...(problem.elementId === undefined
        ? {}
        : { elementId: problem.elementId }),
      cluster,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: decodeKeyText(record),
      classification: 'poison',
      reason: problem.reason,
      error: cleanReason(problem.error),
      ...(problem.status === undefined ? {} : { status: problem.status }),
      record,
      deadLetteredAt: now().toISOString(),
    };
    // Once per record: a redelivered batch (after a killed invocation, or
    // from a lower retried offset in per-key mode) must not dead-letter a
    // record again.
    const sent = await deps.idempotency.once(
      `${recordKey(record)}:dead-letter`,
      async (): Promise<CamundaOutcome> => {
        try {
          await deps.deadLetters.send([letter]);
          return { kind: 'done', status: 200 };
        } catch (error) {
          return { kind: 'retry', reason: describeError(error) };
        }
      }
    );
    if (sent.kind !== 'done') {
      // Not recorded anywhere: the record must come back.
      return retry(
        record,
        `Dead-letter sink failed (${problem.reason}): ${sent.reason}`,
        problem.elementId
      );
    }
    if (sent.duplicate === true) {
      emit('duplicate', record, {
        elementId: problem.elementId,
        detail: `already dead-lettered (${problem.reason})`,
      });
      return 'deadLettered';
    }
    state.deadLetters.push(letter);
    tally.deadLettered++;
    emit('deadLettered', record, {
      elementId: problem.elementId,
      detail: `${problem.reason}: ${problem.error}`,
    });
    return 'deadLettered';
  };

  const finish = async (
    record: KafkaEventRecord,
    element: CompiledElement['element'],
    call: () => Promise<CamundaOutcome>
  ): Promise<RecordResult> => {
    const { elementId } = element;
    const started = performance.now();
    let outcome: CamundaOutcome;
    try {
      outcome = await call();
    } catch (error) {
      // The port classifies what it knows; anything thrown is unexpected
      // and may be transient.
      return retry(record, `Camunda call failed: ${describeError(error)}`);
    }
    const latencyMs = performance.now() - started;
    if (outcome.kind === 'done') {
      tally.done++;
      const type =
        outcome.duplicate === true
          ? 'duplicate'
          : element.kind === 'noneStartEvent'
            ? 'created'
            : 'published';
      emit(type, record, { elementId, latencyMs });
      return 'done';
    }
    if (outcome.kind === 'retry') {
      tally.retried++;
      emit('retry', record, { elementId, latencyMs, detail: outcome.reason });
      return 'retry';
    }
    return deadLetter(
      record,
      poison('camunda-rejected', outcome.reason, elementId, outcome.status)
    );
  };

  const act = async (
    record: KafkaEventRecord,
    message: KafkaMessage,
    context: Record<string, unknown>,
    compiledElement: CompiledElement
  ): Promise<RecordResult> => {
    const { element } = compiledElement;
    const built = buildVariables(compiledElement, message, maxBytes);
    if (built.kind === 'poison') return deadLetter(record, built);
    const { variables } = built;
    const tenant =
      deployed.tenantId === undefined ? {} : { tenantId: deployed.tenantId };
    const withVariables = variables === undefined ? {} : { variables };
    if (element.kind === 'noneStartEvent') {
      const business =
        deployed.businessIdUniqueness === true
          ? { businessId: makeBusinessId(binding.id, cluster, record) }
          : {};
      const request: CreateProcessInstanceRequest =
        deployed.processDefinitionKey === undefined
          ? {
              processDefinitionId: binding.processId,
              ...withVariables,
              ...tenant,
              ...business,
            }
          : {
              processDefinitionKey: deployed.processDefinitionKey,
              ...withVariables,
              ...tenant,
              ...business,
            };
      return finish(record, element, () =>
        deps.idempotency.once(recordKey(record), () =>
          deps.camunda.createProcessInstance(request)
        )
      );
    }
    const publication = resolvePublication(compiledElement, message, context);
    if (publication.kind === 'poison') return deadLetter(record, publication);
    return finish(record, element, () =>
      deps.camunda.publishMessage({
        name: publication.name,
        correlationKey: publication.correlationKey,
        timeToLive: publication.timeToLive,
        messageId: publication.messageId,
        ...withVariables,
        ...tenant,
      })
    );
  };

  const run = async (record: KafkaEventRecord): Promise<RecordResult> => {
    emit('received', record);
    const floor = floors?.[record.partition];
    if (typeof floor === 'number' && record.offset < floor) {
      tally.skipped++;
      emit('skippedBelowOffset', record, { detail: `below offset ${floor}` });
      return 'done';
    }
    const pending = decode(record);
    const decoded = pending instanceof Promise ? await pending : pending;
    if (decoded.kind === 'retry') {
      return retry(record, `Cannot decode the value: ${decoded.error}`);
    }
    if (decoded.kind === 'poison') {
      return deadLetter(record, poison('undecodable-record', decoded.error));
    }
    const { message } = decoded;
    const context: Record<string, unknown> = { ...message };
    const selection = selectElement(compiled, context);
    if (selection.kind === 'poison') return deadLetter(record, selection);
    if (selection.kind === 'notMatched') {
      tally.notActivated++;
      if (selection.consumeUnmatched) {
        emit('notActivated', record, { detail: 'skipped' });
        return 'done';
      }
      emit('notActivated', record, { detail: 'consumeUnmatchedEvents=false' });
      const elements = binding.elements.map((e) => e.elementId).join(', ');
      return retry(
        record,
        `Activation condition not met, and consumeUnmatchedEvents is false on ${elements} ("Consume unmatched events" unchecked): the record is retried until the condition is met and blocks its partition. Fix the activation condition, or check "Consume unmatched events" to skip such records`
      );
    }
    tally.activated++;
    emit('activated', record, {
      elementId: selection.compiled.element.elementId,
    });
    return act(record, message, context, selection.compiled);
  };

  return async (record) => {
    try {
      return await run(record);
    } catch (error) {
      // A bug must not commit the record: keep it for the next delivery.
      return retry(record, `Unexpected error: ${describeError(error)}`);
    }
  };
};

export type { RecordResult, RunnerState, Tally };
export { createRecordRunner };

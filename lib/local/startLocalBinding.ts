import type { Binding } from '../binding/types.js';
import { createBatchProcessor } from '../consumer/index.js';
import type { IdempotencyPort, RecordEvent } from '../consumer/types.js';
import type {
  KafkaBatchResponse,
  KafkaEvent,
  SchemaRegistryPort,
} from '../kafka/types.js';
import { deployBinding } from '../platform/index.js';
import type { PlatformDefaults } from '../platform/types.js';
import { buildLocalKafkaSettings } from './buildLocalKafkaSettings.js';
import { LocalEnv } from './constants.js';
import { createEsmConsumer } from './createEsmConsumer.js';
import { createFileDeadLetterSink } from './createFileDeadLetterSink.js';
import { kafkajsLogCreator } from './createLocalLogger.js';
import { createLocalSchemaRegistry } from './createLocalSchemaRegistry.js';
import { LocalRuntimeError } from './errors.js';
import type {
  EsmConsumer,
  EsmConsumerEvent,
  LocalBindingStatus,
  LocalRuntimeOptions,
} from './types.js';

/** What every binding of the local runtime shares. */
interface LocalBindingContext {
  /** For the Camunda port, the environment, the logger and reconnects. */
  readonly options: LocalRuntimeOptions;
  readonly defaults: PlatformDefaults;
  readonly deadLetterFile: string;
  readonly idempotency: IdempotencyPort;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** Server lists already explained to the user (one long hint per list). */
  readonly hinted: Set<string>;
  /**
   * Why the file's records must wait (its deployment to Camunda is pending
   * or was refused); undefined = records go through.
   */
  readonly holdReason: (file: string) => string | undefined;
}

/** A binding the local runtime runs. */
interface RunningBinding {
  /** `<processId>/<element ids>`, as the log names it. */
  readonly name: string;
  readonly binding: Binding;
  readonly esm: EsmConsumer;
  readonly status: () => LocalBindingStatus;
}

interface Counters {
  received: number;
  records: number;
  redeliveries: number;
  activated: number;
  done: number;
  notActivated: number;
  deadLettered: number;
}

/**
 * Tells first deliveries from redeliveries, per partition: the offsets run
 * since the last commit (a commit means none below it comes again).
 */
const createDeliveryTracker = () => {
  const partitions = new Map<number, { floor: number; seen: Set<number> }>();
  const of = (partition: number) => {
    let known = partitions.get(partition);
    if (known === undefined) {
      known = { floor: -1, seen: new Set() };
      partitions.set(partition, known);
    }
    return known;
  };
  return {
    /** True the first time the record is run. */
    first: (partition: number, offset: number): boolean => {
      const known = of(partition);
      if (offset < known.floor || known.seen.has(offset)) return false;
      known.seen.add(offset);
      return true;
    },
    committed: (partition: number, offset: number): void => {
      const known = of(partition);
      known.floor = Math.max(known.floor, offset);
      for (const seen of known.seen) {
        if (seen < offset) known.seen.delete(seen);
      }
    },
  };
};

const elementsOf = (binding: Binding): string =>
  binding.elements.map((element) => element.elementId).join(', ');

/** Every partition of the event fails at its first record. */
const holdAll = (event: KafkaEvent): KafkaBatchResponse => ({
  batchItemFailures: Object.entries(event.records).flatMap(
    ([partition, records]) =>
      records[0] === undefined
        ? []
        : [{ itemIdentifier: { partition, offset: records[0].offset } }]
  ),
});

/**
 * Starts one binding of a BPMN file: an emulated event source mapping
 * (kafkajs) feeding the consumer's batch processor, with what it does
 * reported to the log. Returns undefined (after logging why) when the
 * binding's Kafka settings cannot be used locally.
 *
 * @param context - what every binding shares
 * @param file - the BPMN file the binding comes from
 * @param binding - the binding
 */
const startLocalBinding = (
  context: LocalBindingContext,
  file: string,
  binding: Binding
): RunningBinding | undefined => {
  const {
    options,
    defaults,
    deadLetterFile,
    idempotency,
    retryInitialMs,
    retryMaxMs,
    hinted,
    holdReason,
  } = context;
  const { env, log } = options;
  const name = `${binding.processId}/${elementsOf(binding)}`;
  let settings: ReturnType<typeof buildLocalKafkaSettings>;
  let schemaRegistry: SchemaRegistryPort | undefined;
  try {
    settings = buildLocalKafkaSettings(binding, env);
    schemaRegistry = createLocalSchemaRegistry(binding, env);
  } catch (error) {
    if (!(error instanceof LocalRuntimeError)) throw error;
    log.error(`${file}: ${name} not started: ${error.message}`);
    return undefined;
  }
  const counters: Counters = {
    received: 0,
    records: 0,
    redeliveries: 0,
    activated: 0,
    done: 0,
    notActivated: 0,
    deadLettered: 0,
  };
  const deliveries = createDeliveryTracker();
  const lastRetryReason = new Map<number, string>();
  /** Per partition, the record waiting for its redelivery. */
  const retrying = new Map<
    number,
    { offset: number; attempt: number; reason: string }
  >();
  const observer = {
    onRecord: (event: RecordEvent): void => {
      if (event.type === 'received') {
        counters.received += 1;
        if (deliveries.first(event.partition, event.offset)) {
          counters.records += 1;
        } else {
          counters.redeliveries += 1;
        }
      }
      if (event.type === 'activated') counters.activated += 1;
      if (event.type === 'created' || event.type === 'published') {
        counters.done += 1;
      }
      if (event.type === 'notActivated' && event.detail === 'skipped') {
        counters.notActivated += 1;
      }
      if (event.type === 'retry') {
        lastRetryReason.set(event.partition, event.detail ?? 'retry');
      }
      if (event.type === 'deadlineStop') {
        log.info(
          `${name}: ${event.topic}-${event.partition}: ${event.detail ?? `records from offset ${event.offset} on not started`}`
        );
      }
      if (event.type === 'created' || event.type === 'published') {
        log.debug(
          `${name}: ${event.topic}-${event.partition}@${event.offset} ${event.type}`
        );
      }
    },
  };
  const deadLetters = createFileDeadLetterSink(deadLetterFile, (letter) => {
    counters.deadLettered += 1;
    log.warn(
      `${name}: ${letter.topic}-${letter.partition}@${letter.offset} dead-lettered (${letter.reason}: ${letter.error}) → ${deadLetterFile}`
    );
  });
  const processor = createBatchProcessor(deployBinding(binding, defaults), {
    camunda: options.camunda,
    deadLetters,
    idempotency,
    observer,
    deadlineMarginMs: defaults.deadlineMarginMs,
    ...(schemaRegistry === undefined ? {} : { schemaRegistry }),
  });
  const serverList = settings.servers.join(',');
  let waitingReported = false;
  const onEvent = (event: EsmConsumerEvent): void => {
    switch (event.type) {
      case 'waiting':
        if (waitingReported) {
          log.debug(
            `${name}: still waiting for Kafka at ${serverList} (${event.reason}); next try in ${event.retryInMs} ms`
          );
        } else if (hinted.has(serverList)) {
          waitingReported = true;
          log.warn(`${name}: waiting for Kafka at ${serverList} as well`);
        } else {
          waitingReported = true;
          hinted.add(serverList);
          log.warn(
            `${name}: waiting for Kafka at ${serverList} (${event.reason}). Start Kafka there, or point the binding elsewhere: ` +
              (settings.serversOverridden
                ? `${LocalEnv.bootstrapServers}=host:port (set now)`
                : `topic.bootstrapServers in ${file}, or ${LocalEnv.bootstrapServers}=host:port for every local binding`) +
              '. Retrying in the background (every few seconds, then every 30 s).'
          );
        }
        break;
      case 'joined':
        if (waitingReported)
          log.info(`${name}: Kafka at ${serverList} is reachable now`);
        waitingReported = false;
        log.info(
          `${name}: consuming ${binding.kafka.topic} partitions ${event.partitions.join(', ') || '(none)'} as group ${binding.kafka.groupId}`
        );
        break;
      case 'retryScheduled': {
        const reason = lastRetryReason.get(event.partition) ?? 'failed';
        const before = retrying.get(event.partition);
        retrying.set(event.partition, {
          offset: event.offset,
          attempt: event.attempt,
          reason,
        });
        // The first time, and when the reason changes: news. Every other
        // redelivery of the same record for the same reason goes to debug
        // (the summary says what it waits for).
        const news =
          before === undefined ||
          before.offset !== event.offset ||
          before.reason !== reason;
        (news ? log.warn : log.debug)(
          `${name}: ${binding.kafka.topic}-${event.partition}@${event.offset} not done (${reason}); redelivery in ${event.delayMs} ms (attempt ${event.attempt})`
        );
        break;
      }
      case 'crashed':
        log.warn(
          `${name}: the Kafka consumer failed (${event.reason}); ${event.restart ? 'restarting' : 'reconnecting'}`
        );
        break;
      case 'problem':
        log.warn(`${name}: ${event.reason}`);
        break;
      case 'invoked':
        log.debug(
          `${name}: batch of ${event.records} record(s) from ${event.partitions.join(', ')}`
        );
        break;
      case 'committed':
        deliveries.committed(event.partition, event.offset);
        if (
          (retrying.get(event.partition)?.offset ?? Infinity) < event.offset
        ) {
          retrying.delete(event.partition);
        }
        log.debug(
          `${name}: committed ${binding.kafka.topic}-${event.partition} at ${event.offset}`
        );
        break;
      default:
        break;
    }
  };
  const esm = createEsmConsumer({
    name,
    client: {
      ...settings.client,
      logCreator: kafkajsLogCreator(log),
    },
    groupId: binding.kafka.groupId,
    topic: binding.kafka.topic,
    fromBeginning: settings.fromBeginning,
    ...(binding.kafka.offsets === undefined
      ? {}
      : { offsets: binding.kafka.offsets }),
    batchSize: settings.batchSize,
    batchWindowMs: settings.batchWindowMs,
    ...(settings.sessionTimeoutMs === undefined
      ? {}
      : { sessionTimeoutMs: settings.sessionTimeoutMs }),
    ...(settings.heartbeatIntervalMs === undefined
      ? {}
      : { heartbeatIntervalMs: settings.heartbeatIntervalMs }),
    retryInitialMs,
    retryMaxMs,
    ...(options.reconnectInitialMs === undefined
      ? {}
      : { reconnectInitialMs: options.reconnectInitialMs }),
    ...(options.reconnectMaxMs === undefined
      ? {}
      : { reconnectMaxMs: options.reconnectMaxMs }),
    processBatch: async (event, invocation) => {
      const held = holdReason(file);
      if (held !== undefined) {
        for (const records of Object.values(event.records)) {
          const first = records[0];
          if (first) lastRetryReason.set(first.partition, held);
        }
        return holdAll(event);
      }
      // The same deadline as the Lambda consumer's, from the emulated ESM's
      // budget (0 once stopping: records in flight finish, none starts).
      return (
        await processor.process(event, {
          remainingTimeMs: invocation.remainingTimeMs,
        })
      ).response;
    },
    onEvent,
  });
  log.info(
    `${file}: process ${binding.processId}, element ${elementsOf(binding)} ← topic ${binding.kafka.topic}, group ${binding.kafka.groupId}, servers ${serverList}`
  );
  esm.start();
  return {
    name,
    binding,
    esm,
    status: () => ({
      file,
      bindingId: binding.id,
      revision: binding.revision,
      processId: binding.processId,
      elementIds: binding.elements.map((element) => element.elementId),
      topic: binding.kafka.topic,
      groupId: binding.kafka.groupId,
      servers: settings.servers,
      ...counters,
      retrying: [...retrying.entries()]
        .sort(([a], [b]) => a - b)
        .map(([partition, wait]) => ({ partition, ...wait })),
      ...(holdReason(file) === undefined ? {} : { held: holdReason(file) }),
      consumer: esm.stats(),
    }),
  };
};

export type { LocalBindingContext, RunningBinding };
export { startLocalBinding };

import type { Binding, BindingElement } from '../../lib/binding/types.js';
import type { DeployedBinding } from '../../lib/consumer/types.js';
import type {
  KafkaEvent,
  KafkaEventHeader,
  KafkaEventRecord,
} from '../../lib/kafka/types.js';

const base64 = (text: string | Uint8Array): string =>
  Buffer.from(text).toString('base64');

/** Header bytes as the ESM's Java poller writes them: signed. */
const signedBytes = (text: string): number[] =>
  [...Buffer.from(text, 'utf8')].map((b) => (b > 127 ? b - 256 : b));

/** A binding element; defaults: a none start event that always activates. */
const elementFactory = (
  overrides: Partial<BindingElement> = {}
): BindingElement => ({
  elementId: 'StartEvent_1',
  kind: 'noneStartEvent',
  consumeUnmatchedEvents: true,
  correlationRequired: false,
  messageTtlMs: 3_600_000,
  ...overrides,
});

/** A message element (intermediate catch by default) with a correlation key. */
const messageElementFactory = (
  overrides: Partial<BindingElement> = {}
): BindingElement =>
  elementFactory({
    elementId: 'CatchEvent_1',
    kind: 'intermediateCatchEvent',
    messageName: 'order-paid',
    correlationKeyExpression: '=value.orderId',
    ...overrides,
  });

let revisionCounter = 0;

/**
 * A binding for topic `orders`; each call gets a fresh revision unless one is
 * given, so compiled FEEL is never shared between tests by accident.
 */
const bindingFactory = (
  overrides: Partial<Omit<Binding, 'kafka'>> & {
    readonly kafka?: Partial<Binding['kafka']>;
  } = {}
): Binding => {
  revisionCounter++;
  const { kafka, ...rest } = overrides;
  return {
    id: 'order-process-start',
    revision: `rev-${revisionCounter}`,
    processId: 'order-process',
    elements: [elementFactory()],
    secrets: [],
    ...rest,
    kafka: {
      bootstrapServers: ['localhost:9092'],
      topic: 'orders',
      groupId: 'kafka-inbound-order-process',
      groupIdSource: 'default',
      autoOffsetReset: 'latest',
      clientProperties: {},
      authentication: { securityProtocol: 'PLAINTEXT' },
      schema: { type: 'noSchema' },
      ...kafka,
    },
  };
};

/** A deployed binding in partition order, provisioned ESM. */
const deployedFactory = (
  binding: Binding = bindingFactory(),
  overrides: Partial<Omit<DeployedBinding, 'binding'>> = {}
): DeployedBinding => ({
  binding,
  ordering: 'partition',
  keyConcurrency: 10,
  esmMode: 'provisioned',
  ...overrides,
});

interface RecordOptions {
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  readonly timestamp?: number;
  /** Text key; null = no key field at all. */
  readonly key?: string | null;
  /** Text, bytes, or a value serialized as JSON; null = tombstone. */
  readonly value?: unknown;
  readonly headers?: readonly (readonly [string, string])[];
}

/** A record as the ESM delivers it; the value defaults to `{"orderId":"o-<offset>"}`. */
const recordFactory = (options: RecordOptions = {}): KafkaEventRecord => {
  const offset = options.offset ?? 0;
  const value =
    options.value === undefined ? { orderId: `o-${offset}` } : options.value;
  const headers: KafkaEventHeader[] = (options.headers ?? []).map(
    ([name, text]) => ({ [name]: signedBytes(text) })
  );
  return {
    topic: options.topic ?? 'orders',
    partition: options.partition ?? 0,
    offset,
    timestamp: options.timestamp ?? 1_767_225_600_000 + offset,
    timestampType: 'CREATE_TIME',
    ...(options.key === null || options.key === undefined
      ? {}
      : { key: base64(options.key) }),
    value:
      value === null
        ? null
        : typeof value === 'string' || value instanceof Uint8Array
          ? base64(value)
          : base64(JSON.stringify(value)),
    headers,
  };
};

/** Several records of one partition with consecutive offsets. */
const partitionRecords = (
  count: number,
  options: RecordOptions & { readonly firstOffset?: number } = {}
): KafkaEventRecord[] =>
  Array.from({ length: count }, (_, i) =>
    recordFactory({ ...options, offset: (options.firstOffset ?? 0) + i })
  );

/** An ESM event grouping the records by `"<topic>-<partition>"`. */
const kafkaEventFactory = (
  records: readonly KafkaEventRecord[],
  eventSource: KafkaEvent['eventSource'] = 'SelfManagedKafka'
): KafkaEvent => {
  const grouped: Record<string, KafkaEventRecord[]> = {};
  for (const record of records) {
    const id = `${record.topic}-${record.partition}`;
    grouped[id] = [...(grouped[id] ?? []), record];
  }
  return {
    eventSource,
    bootstrapServers: 'localhost:9092',
    records: grouped,
  };
};

export {
  base64,
  bindingFactory,
  deployedFactory,
  elementFactory,
  kafkaEventFactory,
  messageElementFactory,
  partitionRecords,
  recordFactory,
  signedBytes,
};

import type {
  Binding,
  BindingElement,
  KafkaAuthentication,
  KafkaSettings,
} from '../../../lib/binding/types.js';
import type { DeployedBinding } from '../../../lib/consumer/types.js';

/** Kafka settings to merge over a factory's; `authentication` is merged too. */
type KafkaOverrides = Partial<Omit<KafkaSettings, 'authentication'>> & {
  readonly authentication?: Partial<KafkaAuthentication>;
};

/** What {@link bindingFactory} takes: binding fields, and Kafka settings merged. */
type BindingOverrides = Partial<Omit<Binding, 'kafka'>> & {
  readonly kafka?: KafkaOverrides;
};

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
 * A binding for topic `orders` of process `order-process`: the one binding
 * factory; the presets below and in ./provisioning.ts are overrides of it.
 * Each call gets a fresh revision unless one is given, so compiled FEEL is
 * never shared between tests by accident.
 */
const bindingFactory = (overrides: BindingOverrides = {}): Binding => {
  revisionCounter++;
  const { kafka = {}, ...rest } = overrides;
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
      schema: { type: 'noSchema' },
      ...kafka,
      authentication: {
        securityProtocol: 'PLAINTEXT',
        ...kafka.authentication,
      },
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

/**
 * The ESM and infra tests' binding: a message start event `kafka-start` on
 * a TLS broker, with a fixed revision (their expected requests name these).
 *
 * @param kafka - Kafka settings merged over the preset's
 * @param overrides - binding fields
 */
const esmBindingFactory = (
  kafka: KafkaOverrides = {},
  overrides: Partial<Omit<Binding, 'kafka'>> = {}
): Binding =>
  bindingFactory({
    id: 'order-process-kafka-start',
    revision: 'r1a2b3c4',
    elements: [
      elementFactory({
        elementId: 'kafka-start',
        kind: 'messageStartEvent',
        messageName: 'order-received',
      }),
    ],
    ...overrides,
    kafka: {
      bootstrapServers: ['broker-1.example.com:9093'],
      groupIdSource: 'groupId',
      ...kafka,
    },
  });

/**
 * The AWS adapter tests' deployed binding (as stored in the binding table):
 * `order-process-orders`, revision `rev-1`, result variable `kafka`.
 *
 * @param overrides - deployed fields; `binding` fields replace the preset's
 */
const deployedBindingFactory = (
  overrides: Omit<Partial<DeployedBinding>, 'binding'> & {
    binding?: Partial<Binding>;
  } = {}
): DeployedBinding => {
  const { binding, ...rest } = overrides;
  return deployedFactory(
    bindingFactory({
      id: 'order-process-orders',
      revision: 'rev-1',
      elements: [
        elementFactory({
          elementId: 'StartEvent_Kafka',
          resultVariable: 'kafka',
        }),
      ],
      kafka: { bootstrapServers: ['broker-1:9092'] },
      ...binding,
    }),
    { keyConcurrency: 16, ...rest }
  );
};

export type { BindingOverrides, KafkaOverrides };
export {
  bindingFactory,
  deployedBindingFactory,
  deployedFactory,
  elementFactory,
  esmBindingFactory,
  messageElementFactory,
};

import type {
  Binding,
  KafkaAuthentication,
  KafkaSettings,
} from '../../lib/binding/types.js';
import type { DeployedBinding } from '../../lib/consumer/types.js';
import type { PlatformSettings } from '../../lib/esm/index.js';

const CONSUMER_ARN =
  'arn:aws:lambda:eu-west-1:111122223333:function:kafka-inbound-consumer';
const MSK_ARN =
  'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2';
const MSK_BROKER = 'b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com';

/** A Binding with the given Kafka settings merged over sensible defaults. */
const bindingFactory = (
  kafka: Partial<Omit<KafkaSettings, 'authentication'>> & {
    authentication?: Partial<KafkaAuthentication>;
  } = {},
  overrides: Partial<Omit<Binding, 'kafka'>> = {}
): Binding => ({
  id: 'order-process-kafka-start',
  revision: 'r1a2b3c4',
  processId: 'order-process',
  elements: [
    {
      elementId: 'kafka-start',
      kind: 'messageStartEvent',
      messageName: 'order-received',
      consumeUnmatchedEvents: true,
      correlationRequired: false,
      messageTtlMs: 3_600_000,
    },
  ],
  secrets: [],
  ...overrides,
  kafka: {
    bootstrapServers: ['broker-1.example.com:9093'],
    topic: 'orders',
    groupId: 'kafka-inbound-order-process',
    groupIdSource: 'groupId',
    autoOffsetReset: 'latest',
    clientProperties: {},
    schema: { type: 'noSchema' },
    ...kafka,
    authentication: {
      securityProtocol: 'PLAINTEXT',
      ...kafka.authentication,
    },
  },
});

/** A DeployedBinding around a binding, in provisioned mode unless told. */
const deployedFactory = (
  binding: Binding = bindingFactory(),
  overrides: Partial<Omit<DeployedBinding, 'binding'>> = {}
): DeployedBinding => ({
  binding,
  ordering: 'partition',
  keyConcurrency: 1,
  esmMode: 'provisioned',
  ...overrides,
});

/** Platform settings of a test deployment in eu-west-1. */
const platformFactory = (
  overrides: Partial<PlatformSettings> = {}
): PlatformSettings => ({
  region: 'eu-west-1',
  accountId: '111122223333',
  consumerFunctionArn: CONSUMER_ARN,
  mskClusters: [
    {
      arn: MSK_ARN,
      bootstrapServers: [
        `${MSK_BROKER}:9096`,
        `b-2${MSK_BROKER.slice(3)}:9096`,
      ],
    },
  ],
  esmMode: 'provisioned',
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  secretPrefix: 'kafka-inbound/',
  ...overrides,
});

export {
  bindingFactory,
  CONSUMER_ARN,
  deployedFactory,
  MSK_ARN,
  MSK_BROKER,
  platformFactory,
};

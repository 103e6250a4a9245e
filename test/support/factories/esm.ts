import type { PlatformSettings } from '../../../lib/esm/index.js';

const CONSUMER_ARN =
  'arn:aws:lambda:eu-west-1:111122223333:function:kafka-inbound-consumer';
const MSK_ARN =
  'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2';
const MSK_BROKER = 'b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com';

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

export { CONSUMER_ARN, MSK_ARN, MSK_BROKER, platformFactory };

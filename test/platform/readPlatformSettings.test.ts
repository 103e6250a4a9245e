import { describe, expect, it } from 'vitest';
import {
  PlatformConfigError,
  readPlatformDefaults,
  readPlatformSettings,
} from '../../lib/platform/index.js';

const FUNCTION_ARN =
  'arn:aws:lambda:eu-central-1:111122223333:function:kafka-inbound-consumer';

describe('Function: readPlatformSettings', () => {
  it('reads the defaults: provisioned pollers 1–2, infinite retries, the kafka-inbound/ prefix', () => {
    // Act
    const settings = readPlatformSettings(
      {},
      readPlatformDefaults({}),
      FUNCTION_ARN
    );

    // Assess
    expect(settings).toEqual({
      region: 'eu-central-1',
      accountId: '111122223333',
      consumerFunctionArn: FUNCTION_ARN,
      mskClusters: [],
      esmMode: 'provisioned',
      provisionedPollers: { minimumPollers: 1, maximumPollers: 2 },
      maximumRetryAttempts: -1,
      maximumRecordAgeInSeconds: -1,
      secretPrefix: 'kafka-inbound/',
    });
  });

  it('reads MSK clusters with their brokers, VPC, pollers, retries and destination', () => {
    // Prepare
    const env = {
      MSK_CLUSTER_ARNS:
        'arn:aws:kafka:eu-central-1:111122223333:cluster/a/1=b-1.a:9098|b-2.a:9098, arn:aws:kafka:eu-central-1:111122223333:cluster/b/2',
      VPC_SUBNET_IDS: 'subnet-1,subnet-2',
      VPC_SECURITY_GROUP_IDS: 'sg-1',
      MIN_POLLERS: '2',
      MAX_POLLERS: '8',
      POLLER_GROUP_NAME: 'orders',
      MAXIMUM_RETRY_ATTEMPTS: '10',
      MAXIMUM_RECORD_AGE_SECONDS: '3600',
      ON_FAILURE_DESTINATION: 'kafka://orders-dlt',
      SECRET_PREFIX: 'team-a/',
      ESM_MODE: 'onDemand',
    };

    // Act
    const settings = readPlatformSettings(
      env,
      readPlatformDefaults(env),
      FUNCTION_ARN
    );

    // Assess
    expect(settings).toMatchObject({
      mskClusters: [
        {
          arn: 'arn:aws:kafka:eu-central-1:111122223333:cluster/a/1',
          bootstrapServers: ['b-1.a:9098', 'b-2.a:9098'],
        },
        {
          arn: 'arn:aws:kafka:eu-central-1:111122223333:cluster/b/2',
          bootstrapServers: [],
        },
      ],
      vpc: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
      provisionedPollers: {
        minimumPollers: 2,
        maximumPollers: 8,
        pollerGroupName: 'orders',
      },
      maximumRetryAttempts: 10,
      maximumRecordAgeInSeconds: 3600,
      onFailureDestination: 'kafka://orders-dlt',
      secretPrefix: 'team-a/',
      esmMode: 'onDemand',
    });
  });

  it.each([
    { variable: 'MIN_POLLERS', env: { MIN_POLLERS: '0' } },
    { variable: 'MAX_POLLERS', env: { MAX_POLLERS: 'many' } },
    {
      variable: 'MAXIMUM_RETRY_ATTEMPTS',
      env: { MAXIMUM_RETRY_ATTEMPTS: '1.5' },
    },
  ])('throws PlatformConfigError naming $variable', ({ variable, env }) => {
    // Act & Assess
    expect(() =>
      readPlatformSettings(env, readPlatformDefaults({}), FUNCTION_ARN)
    ).toThrow(
      expect.objectContaining({ name: 'PlatformConfigError', variable })
    );
  });

  it('throws when the consumer function is not an unqualified function ARN', () => {
    // Act & Assess
    expect(() =>
      readPlatformSettings({}, readPlatformDefaults({}), `${FUNCTION_ARN}:live`)
    ).toThrow(PlatformConfigError);
  });
});

import { fileURLToPath } from 'node:url';
import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { KafkaInbound } from '../../infra/KafkaInbound.js';
import { KafkaInboundStack } from '../../infra/KafkaInboundStack.js';
import { StaticKafkaProcess } from '../../infra/StaticKafkaProcess.js';
import { toCfnEventSourceMapping } from '../../infra/toCfnEventSourceMapping.js';
import type { KafkaInboundStackProps } from '../../infra/types.js';
import { ENV_NAMES } from '../../lib/env/index.js';
import { buildEsmPlan } from '../../lib/esm/index.js';
import {
  readPlatformDefaults,
  readPlatformSettings,
} from '../../lib/platform/index.js';
import { SCHEDULED_CHECK_EVENT } from '../../lib/provisioning/index.js';
import {
  deployedFactory,
  esmBindingFactory,
} from '../support/factories/index.js';

const HANDLER = fileURLToPath(
  new URL('./fixtures/handler.ts', import.meta.url)
);
const MSK_ARN =
  'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2';
const SCRAM_KEY =
  'arn:aws:kms:eu-west-1:111122223333:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7';

const stackFactory = (props: Partial<KafkaInboundStackProps> = {}) => {
  const app = new App();
  const stack = new KafkaInboundStack(app, 'TestInbound', {
    consumerEntry: HANDLER,
    provisionerEntry: HANDLER,
    camunda: {
      restAddress: 'https://camunda.example.com/v2',
      authStrategy: 'OAUTH',
      clientId: 'kafka-inbound',
      oauthUrl: 'https://login.example.com/oauth/token',
      tokenAudience: 'zeebe-api',
    },
    ...props,
  });
  return stack;
};

// One synth shared by the read-only assertions (bundling costs ~0.5 s).
const defaultStack = stackFactory();
const template = Template.fromStack(defaultStack);

const functionEnvironment = (tpl: Template, service: string) => {
  const found = Object.values(
    tpl.findResources('AWS::Lambda::Function', {
      Properties: {
        Environment: {
          Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: service }),
        },
      },
    })
  );
  expect(found).toHaveLength(1);
  return found[0]?.Properties.Environment.Variables as Record<string, unknown>;
};

const policyStatements = (tpl: Template, rolePrefix: string) =>
  Object.entries(tpl.findResources('AWS::IAM::Policy'))
    .filter(([logicalId]) => logicalId.startsWith(rolePrefix))
    .flatMap(
      ([, policy]) =>
        policy.Properties.PolicyDocument.Statement as {
          Sid?: string;
          Action: string | string[];
          Resource: unknown;
          Condition?: unknown;
        }[]
    );

const actionsOf = (statements: { Action: string | string[] }[]) =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action]
  );

describe('Class: KafkaInboundStack', { timeout: 60_000 }, () => {
  it('creates a versioned, encrypted, private processes bucket that sends events to EventBridge', () => {
    // Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({
        LogFilePrefix: 'processes-bucket/',
      }),
      NotificationConfiguration: {
        EventBridgeConfiguration: { EventBridgeEnabled: true },
      },
    });
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });

  it('routes created and deleted *.bpmn objects under the prefix to the provisioner', () => {
    // Assess
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created', 'Object Deleted'],
        detail: {
          bucket: { name: [Match.anyValue()] },
          object: { key: [{ wildcard: 'processes/*.bpmn' }] },
        },
      },
      Targets: [
        Match.objectLike({
          RetryPolicy: {
            MaximumRetryAttempts: 8,
            MaximumEventAgeInSeconds: 21600,
          },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });

  it('runs both functions on Node.js 22, arm64, bundled as minified ESM', () => {
    // Assess
    const functions = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Runtime: 'nodejs22.x' },
      })
    );
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.allResourcesProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 30,
    });
  });

  it('gives the consumer the contract’s environment and no secret values', () => {
    // Act
    const env = functionEnvironment(template, 'kafka-inbound-consumer');

    // Assess
    expect(Object.keys(env).sort()).toEqual([
      'BINDING_TABLE_NAME',
      'CAMUNDA_AUTH_STRATEGY',
      'CAMUNDA_CLIENT_ID',
      'CAMUNDA_OAUTH_URL',
      'CAMUNDA_REST_ADDRESS',
      'CAMUNDA_SECRET_ARN',
      'CAMUNDA_TOKEN_AUDIENCE',
      'DEAD_LETTER_QUEUE_URL',
      'ESM_MODE',
      'IDEMPOTENCY_TABLE_NAME',
      'KEY_CONCURRENCY',
      'LOG_LEVEL',
      'NODE_OPTIONS',
      'ORDERING_MODE',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'SECRET_PREFIX',
    ]);
    expect(env.ESM_MODE).toBe('provisioned');
    // The per-binding schema registry secrets the consumer reads.
    expect(env.SECRET_PREFIX).toBe('kafka-inbound/');
    expect(env.CAMUNDA_SECRET_ARN).toEqual({ Ref: expect.any(String) });
  });

  it('gives the provisioner the contract’s environment', () => {
    // Act
    const env = functionEnvironment(template, 'kafka-inbound-provisioner');

    // Assess
    expect(env).toMatchObject({
      PROCESSES_PREFIX: 'processes/',
      SECRET_PREFIX: 'kafka-inbound/',
      DEPLOY_TO_CAMUNDA: 'true',
      ESM_MODE: 'provisioned',
      MSK_CLUSTER_ARNS: '',
      MIN_POLLERS: '1',
      MAX_POLLERS: '2',
      MAXIMUM_RETRY_ATTEMPTS: '-1',
      MAXIMUM_RECORD_AGE_SECONDS: '-1',
    });
    for (const name of [
      'BINDING_TABLE_NAME',
      'CONSUMER_FUNCTION_NAME',
      'PROCESSES_BUCKET',
      'CAMUNDA_SECRET_ARN',
    ]) {
      expect(env[name]).toBeDefined();
    }
  });

  it('writes only variables lib/env names, with the platform options that the functions read back', () => {
    // Prepare
    const known = new Set<string>(ENV_NAMES);
    const tpl = Template.fromStack(
      stackFactory({
        kafkaVpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] },
        provisionedPollers: {
          minimumPollers: 2,
          maximumPollers: 5,
          pollerGroupName: 'orders',
        },
        mskClusterArns: [MSK_ARN],
        mskScramKeyArn: SCRAM_KEY,
        esmMetrics: ['EventCount', 'KafkaMetrics'],
        ordering: 'key',
        keyConcurrency: 4,
      })
    );
    const consumer = functionEnvironment(tpl, 'kafka-inbound-consumer');
    const provisioner = functionEnvironment(tpl, 'kafka-inbound-provisioner');

    // Act
    const resolved = (env: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(env).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : 'token',
        ])
      );
    const defaults = readPlatformDefaults(resolved(provisioner));
    const settings = readPlatformSettings(
      resolved(provisioner),
      defaults,
      'arn:aws:lambda:eu-west-1:111122223333:function:consumer'
    );

    // Assess
    for (const name of [
      ...Object.keys(consumer),
      ...Object.keys(provisioner),
    ]) {
      expect(known.has(name), name).toBe(true);
    }
    expect(readPlatformDefaults(resolved(consumer))).toEqual(defaults);
    expect(defaults).toMatchObject({ ordering: 'key', keyConcurrency: 4 });
    expect(settings).toMatchObject({
      mskClusters: [{ arn: MSK_ARN, bootstrapServers: [] }],
      provisionedPollers: {
        minimumPollers: 2,
        maximumPollers: 5,
        pollerGroupName: 'orders',
      },
      vpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] },
      mskScramKeyArn: SCRAM_KEY,
      esmMetrics: ['EventCount', 'KafkaMetrics'],
    });
    // esmMetrics reaches uploaded processes' ESMs as MetricsConfig.
    expect(
      buildEsmPlan(deployedFactory(esmBindingFactory()), settings).request
    ).toMatchObject({
      MetricsConfig: { Metrics: ['EventCount', 'KafkaMetrics'] },
    });
  });

  it('creates the binding store (pk/sk) and the Powertools idempotency table (id, TTL expiration)', () => {
    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('encrypts the queues and the alarm topic with the data key and refuses plain HTTP', () => {
    // Assess
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(2);
    for (const queue of queues) {
      expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    }
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.anyValue(),
    });
    for (const type of ['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy']) {
      template.hasResourceProperties(type, {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
    });
  });

  it('scopes the provisioner’s ESM calls to the consumer and its aliases', () => {
    // Act
    const statements = policyStatements(template, 'ProvisionerServiceRole');

    // Assess
    const create = statements.find(
      (statement) => statement.Action === 'lambda:CreateEventSourceMapping'
    );
    expect(create?.Condition).toEqual({
      ArnLike: {
        'lambda:FunctionArn': [
          { 'Fn::GetAtt': [expect.stringMatching(/^Consumer/), 'Arn'] },
          {
            'Fn::Join': [
              '',
              [
                { 'Fn::GetAtt': [expect.stringMatching(/^Consumer/), 'Arn'] },
                ':*',
              ],
            ],
          },
        ],
      },
    });
    const manage = statements.find((statement) =>
      actionsOf([statement]).includes('lambda:DeleteEventSourceMapping')
    );
    expect(manage?.Condition).toEqual(create?.Condition);
    // Get supports lambda:FunctionArn (Service Authorization Reference);
    // IfExists, so that the wait after a delete sees ResourceNotFound.
    const read = statements.find((statement) =>
      actionsOf([statement]).includes('lambda:GetEventSourceMapping')
    );
    expect(read?.Condition).toEqual({
      ArnLikeIfExists: (create?.Condition as { ArnLike: unknown } | undefined)
        ?.ArnLike,
    });
    expect(actionsOf([read ?? { Action: [] }])).toEqual([
      'lambda:GetEventSourceMapping',
    ]);
    const tags = statements.find((statement) =>
      actionsOf([statement]).includes('lambda:ListTags')
    );
    expect(JSON.stringify(tags?.Resource)).toContain(':event-source-mapping:*');
    // Tags: ESM ARNs only, the platform's own keys only.
    const tag = statements.find((statement) =>
      actionsOf([statement]).includes('lambda:TagResource')
    );
    expect(JSON.stringify(tag?.Resource)).toContain(':event-source-mapping:*');
    expect(tag?.Condition).toEqual({
      'ForAllValues:StringLike': { 'aws:TagKeys': ['kafka-inbound:*'] },
    });
    expect(actionsOf(statements)).not.toContain('lambda:UntagResource');
    // Secrets: the provisioner writes binding secrets only, reads users'.
    const secrets = statements.find((statement) =>
      actionsOf([statement]).includes('secretsmanager:CreateSecret')
    );
    expect(JSON.stringify(secrets?.Resource)).toContain(
      ':secret:kafka-inbound/bindings/*'
    );
    expect(JSON.stringify(secrets?.Resource)).toContain(
      ':secret:AmazonMSK_kafka-inbound/bindings/*'
    );
    const users = statements.filter((statement) =>
      JSON.stringify(statement.Resource).includes(
        ':secret:kafka-inbound/secrets/'
      )
    );
    expect(actionsOf(users)).toEqual(['secretsmanager:GetSecretValue']);
    const writes = statements.filter((statement) =>
      actionsOf([statement]).some((action) =>
        /^secretsmanager:(Create|Put|Update|Delete)/.test(action)
      )
    );
    expect(writes).toHaveLength(1);
    expect(actionsOf(statements)).not.toContain('kafka:ListClustersV2');
  });

  it('gives the consumer no provisioning rights and no MSK rights by default', () => {
    // Act
    const actions = actionsOf(
      policyStatements(template, 'ConsumerServiceRole')
    );

    // Assess
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions).toContain('sqs:SendMessage');
    expect(actions.filter((action) => action.startsWith('lambda:'))).toEqual(
      []
    );
    expect(actions.filter((action) => action.startsWith('kafka'))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('ec2:'))).toEqual([]);
  });

  it.each([
    { entry: MSK_ARN },
    {
      entry: `${MSK_ARN}=b-1.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9098|b-2.orders.abc123.c2.kafka.eu-west-1.amazonaws.com:9098`,
    },
  ])(
    'grants MSK IAM reads on the known cluster’s topics and groups, and discovery to the provisioner ($entry)',
    ({ entry }) => {
      // Prepare
      const tpl = Template.fromStack(stackFactory({ mskClusterArns: [entry] }));

      // Act
      const consumer = policyStatements(tpl, 'ConsumerServiceRole');
      const provisioner = policyStatements(tpl, 'ProvisionerServiceRole');

      // Assess
      const read = consumer.find((statement) =>
        actionsOf([statement]).includes('kafka-cluster:ReadData')
      );
      expect(read?.Resource).toEqual([
        MSK_ARN,
        `${MSK_ARN.replace(':cluster/', ':topic/')}/*`,
        `${MSK_ARN.replace(':cluster/', ':group/')}/*`,
      ]);
      expect(actionsOf(consumer)).toContain('ec2:CreateNetworkInterface');
      const msk = provisioner.filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('kafka:'))
      );
      expect(msk).toEqual([
        expect.objectContaining({
          Action: [
            'kafka:GetBootstrapBrokers',
            'kafka:ListScramSecrets',
            'kafka:BatchAssociateScramSecret',
            'kafka:BatchDisassociateScramSecret',
          ],
          Resource: MSK_ARN,
        }),
      ]);
      expect(
        functionEnvironment(tpl, 'kafka-inbound-provisioner').MSK_CLUSTER_ARNS
      ).toBe(entry);
    }
  );

  it('lets the ESM decrypt MSK SCRAM secrets with the customer managed key, through Secrets Manager only', () => {
    // Prepare
    const key = SCRAM_KEY;
    const tpl = Template.fromStack(
      stackFactory({ mskClusterArns: [MSK_ARN], mskScramKeyArn: key })
    );

    // Act
    const kms = (prefix: string) =>
      policyStatements(tpl, prefix).filter(
        (statement) => statement.Resource === key
      );

    // Assess
    const viaSecretsManager = {
      StringEquals: {
        'kms:ViaService': {
          'Fn::Join': [
            '',
            [
              'secretsmanager.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
            ],
          ],
        },
      },
    };
    expect(kms('ConsumerServiceRole')).toEqual([
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Condition: viaSecretsManager,
      }),
    ]);
    expect(kms('ProvisionerServiceRole')).toEqual([
      expect.objectContaining({
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Condition: viaSecretsManager,
      }),
      // MSK creates a grant on the key as the caller of
      // BatchAssociateScramSecret (AWS::MSK::BatchScramSecret's handlers).
      expect.objectContaining({
        Sid: 'GrantMskOnScramKey',
        Action: ['kms:CreateGrant', 'kms:DescribeKey'],
      }),
    ]);
    expect(
      functionEnvironment(tpl, 'kafka-inbound-provisioner').MSK_SCRAM_KEY_ARN
    ).toBe(key);
  });

  it.each([
    {
      destination: 'arn:aws:s3:::kafka-inbound-failures',
      actions: ['s3:PutObject', 's3:ListBucket'],
      resources: [
        'arn:aws:s3:::kafka-inbound-failures',
        'arn:aws:s3:::kafka-inbound-failures/*',
      ],
      props: {},
    },
    {
      destination: 'arn:aws:sns:eu-west-1:111122223333:esm-failures',
      actions: 'sns:Publish',
      resources: 'arn:aws:sns:eu-west-1:111122223333:esm-failures',
      props: {},
    },
    {
      destination: 'kafka://orders-dlt',
      actions: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:WriteData',
      ],
      resources: [
        MSK_ARN,
        `${MSK_ARN.replace(':cluster/', ':topic/')}/orders-dlt`,
      ],
      props: { mskClusterArns: [MSK_ARN] },
    },
  ])(
    'lets the ESM write to the on-failure destination $destination',
    ({ destination, actions, resources, props }) => {
      // Prepare
      const tpl = Template.fromStack(
        stackFactory({ ...props, onFailureDestination: destination })
      );

      // Act
      const grants = policyStatements(tpl, 'ConsumerServiceRole').filter(
        (statement) =>
          /^Esm(WritesTo|SendsTo|PublishesTo)OnFailure/.test(
            statement.Sid ?? ''
          )
      );

      // Assess
      expect(grants).toEqual([
        expect.objectContaining({ Action: actions, Resource: resources }),
      ]);
    }
  );

  it('fails the synth on a platform setting the ESM cannot honour', () => {
    // Act & Assess
    expect(() =>
      stackFactory({
        esmMode: 'onDemand',
        onFailureDestination: 'kafka://orders-dlt',
      })
    ).toThrow(/onFailureDestination \(kafka:\/\/\).*needs esmMode provisioned/);
    expect(() =>
      stackFactory({
        mskClusterArns: ['arn:aws:kafka:eu-west-1:111122223333:cluster/orders'],
      })
    ).toThrow(/mskClusterArns/);
    // MSK grants without a known cluster could only be on every cluster of
    // the account, and no binding could use one.
    expect(() => stackFactory({ enableMsk: true })).toThrow(
      /KafkaInbound prop enableMsk: needs mskClusterArns/
    );
  });

  it('keeps both dead-letter queues when the stack is deleted, unless told', () => {
    // Prepare
    const destroying = Template.fromStack(
      stackFactory({ dataRemovalPolicy: RemovalPolicy.DESTROY })
    );

    // Act
    const policies = (tpl: Template) =>
      Object.entries(tpl.findResources('AWS::SQS::Queue')).map(
        ([logicalId, queue]) => [
          logicalId.replace(/[0-9A-F]{8}$/, ''),
          queue.DeletionPolicy,
        ]
      );

    // Assess
    expect(policies(template).sort()).toEqual([
      ['DeadLetterQueue', 'Retain'],
      ['ProvisionerEventsDlq', 'Retain'],
    ]);
    expect(policies(destroying).sort()).toEqual([
      ['DeadLetterQueue', 'Delete'],
      ['ProvisionerEventsDlq', 'Delete'],
    ]);
  });

  it('runs both functions in the given subnets, with their network interface rights', () => {
    // Prepare
    const subnets = {
      subnetIds: ['subnet-private-a', 'subnet-private-b'],
      securityGroupIds: ['sg-functions'],
    };
    const tpl = Template.fromStack(stackFactory({ functionSubnets: subnets }));

    // Act
    const configs = Object.values(
      tpl.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('^kafka-inbound') },
      })
    ).map((fn) => fn.Properties.VpcConfig);

    // Assess
    expect(configs).toEqual([
      {
        SubnetIds: subnets.subnetIds,
        SecurityGroupIds: subnets.securityGroupIds,
      },
      {
        SubnetIds: subnets.subnetIds,
        SecurityGroupIds: subnets.securityGroupIds,
      },
    ]);
    for (const role of ['ConsumerServiceRole', 'ProvisionerServiceRole']) {
      expect(actionsOf(policyStatements(tpl, role))).toContain(
        'ec2:CreateNetworkInterface'
      );
    }
    expect(() =>
      stackFactory({
        functionSubnets: { subnetIds: ['subnet-a'], securityGroupIds: [] },
      })
    ).toThrow(/functionSubnets/);
  });

  it('passes the platform options to the provisioner', () => {
    // Prepare
    const tpl = Template.fromStack(
      stackFactory({
        esmMode: 'onDemand',
        kafkaVpc: {
          subnetIds: ['subnet-a', 'subnet-b'],
          securityGroupIds: ['sg-1'],
        },
        provisionedPollers: {
          minimumPollers: 2,
          maximumPollers: 8,
          pollerGroupName: 'inbound',
        },
        onFailureDestination: 'arn:aws:sns:eu-west-1:111122223333:esm-failures',
        camunda: {
          restAddress: 'http://camunda:8080',
          authStrategy: 'NONE',
          deployProcesses: false,
        },
      })
    );

    // Act
    const env = functionEnvironment(tpl, 'kafka-inbound-provisioner');

    // Assess
    expect(env).toMatchObject({
      ESM_MODE: 'onDemand',
      VPC_SUBNET_IDS: 'subnet-a,subnet-b',
      VPC_SECURITY_GROUP_IDS: 'sg-1',
      MIN_POLLERS: '2',
      MAX_POLLERS: '8',
      POLLER_GROUP_NAME: 'inbound',
      ON_FAILURE_DESTINATION: 'arn:aws:sns:eu-west-1:111122223333:esm-failures',
      DEPLOY_TO_CAMUNDA: 'false',
      CAMUNDA_AUTH_STRATEGY: 'NONE',
    });
    expect(functionEnvironment(tpl, 'kafka-inbound-consumer').ESM_MODE).toBe(
      'onDemand'
    );
  });

  it('passes the upload policy to the provisioner, and only when it is set', () => {
    // Prepare
    const rules = [
      { processes: ['order'], secrets: ['orders/'] },
      { path: 'processes/payments/', secrets: ['payments/'] },
    ];
    const tpl = Template.fromStack(
      stackFactory({
        uploadPolicy: {
          secretReferences: rules,
          maxBindingsPerFile: 5,
          maxBindingsPerPlatform: 50,
        },
      })
    );

    // Act
    const env = functionEnvironment(tpl, 'kafka-inbound-provisioner');
    const defaults = functionEnvironment(template, 'kafka-inbound-provisioner');

    // Assess
    expect(env).toMatchObject({
      SECRET_REFERENCE_POLICY: JSON.stringify(rules),
      MAX_BINDINGS_PER_FILE: '5',
      MAX_BINDINGS_PER_PLATFORM: '50',
    });
    expect(defaults).not.toHaveProperty('SECRET_REFERENCE_POLICY');
    expect(defaults).not.toHaveProperty('MAX_BINDINGS_PER_FILE');
  });

  it('refuses an upload policy the provisioner could not read, at synth', () => {
    // Act
    const synth = () =>
      stackFactory({ uploadPolicy: { maxBindingsPerFile: 0 } });

    // Assess
    expect(synth).toThrow(
      "MAX_BINDINGS_PER_FILE: must be a whole number of at least 1 (got '0')"
    );
  });

  it('creates a dashboard searching the KafkaInbound metrics and four alarms on the alarm topic', () => {
    // Act
    const dashboards = Object.values(
      template.findResources('AWS::CloudWatch::Dashboard')
    );
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);

    // Assess
    expect(dashboards).toHaveLength(1);
    for (const metric of [
      'received',
      'activated',
      'notActivated',
      'created',
      'published',
      'retried',
      'deadLettered',
      'deadlineStops',
      'camundaLatency',
      'OffsetLag',
    ]) {
      expect(body).toContain(`MetricName=\\\\\\"${metric}\\\\\\"`);
    }
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm')
    );
    expect(alarms.map((alarm) => alarm.Properties.MetricName).sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
    ]);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([
        { Ref: expect.stringMatching(/^AlarmTopic/) },
      ]);
      expect(alarm.Properties.Threshold).toBe(0);
    }
  });

  it('creates the Camunda secret under the prefix unless an ARN is given', () => {
    // Prepare
    const arn =
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:camunda-AbCdEf';
    const given = Template.fromStack(
      stackFactory({
        camunda: { restAddress: 'https://camunda.example.com', secretArn: arn },
      })
    );

    // Assess
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'kafka-inbound/camunda',
    });
    given.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(
      functionEnvironment(given, 'kafka-inbound-consumer').CAMUNDA_SECRET_ARN
    ).toBe(arn);
  });
});

describe('KafkaInboundStack: process versions and discovery', {
  timeout: 60_000,
}, () => {
  const provisionerArn = (tpl: Template) => {
    const [logicalId] = Object.keys(
      tpl.findResources('AWS::Lambda::Function', {
        Properties: {
          Environment: {
            Variables: Match.objectLike({
              POWERTOOLS_SERVICE_NAME: 'kafka-inbound-provisioner',
            }),
          },
        },
      })
    );
    return { 'Fn::GetAtt': [logicalId, 'Arn'] };
  };

  it('invokes the provisioner every 5 minutes with the scheduled-check event (EventBridge Scheduler)', () => {
    // Assess
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: provisionerArn(template),
        Input: JSON.stringify(SCHEDULED_CHECK_EVENT),
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 },
      },
    });
    // The schedule's role may invoke the provisioner (unqualified) only.
    const roles = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Principal: { Service: 'scheduler.amazonaws.com' },
              }),
            ]),
          },
        },
      })
    );
    expect(roles).toHaveLength(1);
    const statements = policyStatements(template, 'VersionCheckScheduleRole');
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: provisionerArn(template),
      },
    ]);
    expect(
      functionEnvironment(template, 'kafka-inbound-provisioner')
        .DISCOVER_DEPLOYMENTS
    ).toBe('false');
  });

  it('takes the interval and discoverDeployments from the props, and refuses an interval the scheduler cannot honour', () => {
    // Prepare
    const custom = Template.fromStack(
      stackFactory({
        versionCheckIntervalMinutes: 2,
        discoverDeployments: true,
      })
    );

    // Assess
    custom.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(2 minutes)',
    });
    expect(
      functionEnvironment(custom, 'kafka-inbound-provisioner')
        .DISCOVER_DEPLOYMENTS
    ).toBe('true');
    for (const minutes of [0, 1.5, 2_000]) {
      expect(() =>
        stackFactory({ versionCheckIntervalMinutes: minutes })
      ).toThrow(
        /versionCheckIntervalMinutes: must be whole minutes from 1 to 1440/
      );
    }
  });

  it('has no schedule when nothing is deployed to Camunda and nothing discovered', () => {
    // Prepare
    const none = Template.fromStack(
      stackFactory({
        camunda: {
          restAddress: 'https://camunda.example.com/v2',
          deployProcesses: false,
        },
      })
    );

    // Assess
    none.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});

describe('Class: KafkaInbound', { timeout: 60_000 }, () => {
  it('is the whole stack: the stack keeps its logical ids, and the construct fits in a stack of one’s own', () => {
    // Prepare
    const app = new App();
    const own = new Stack(app, 'OwnStack');

    // Act
    new KafkaInbound(own, 'Inbound', {
      consumerEntry: HANDLER,
      provisionerEntry: HANDLER,
      camunda: {
        restAddress: 'https://camunda.example.com/v2',
        authStrategy: 'OAUTH',
        clientId: 'kafka-inbound',
        oauthUrl: 'https://login.example.com/oauth/token',
        tokenAudience: 'zeebe-api',
      },
    });
    const ownTemplate = Template.fromStack(own);

    // Assess
    const resources = (tpl: Template) =>
      Object.entries(
        tpl.toJSON().Resources as Record<string, { Type: string }>
      );
    const typesOf = (tpl: Template) =>
      resources(tpl)
        .map(([, resource]) => resource.Type)
        .sort();
    expect(typesOf(ownTemplate)).toEqual(typesOf(template));
    // Existing deployments are updated in place, not replaced.
    const stackIds = resources(template).map(([logicalId]) => logicalId);
    for (const id of [
      'ProcessesBucket',
      'BindingTable',
      'IdempotencyTable',
      'DeadLetterQueue',
      'Consumer',
      'Provisioner',
      'AlarmTopic',
    ]) {
      expect(stackIds).toContainEqual(
        expect.stringMatching(`^${id}[0-9A-F]{8}$`)
      );
    }
    for (const [logicalId] of resources(ownTemplate)) {
      expect(logicalId.startsWith('Inbound')).toBe(true);
    }
    expect(Object.keys(template.toJSON().Outputs)).toEqual(
      expect.arrayContaining([
        'DashboardName',
        // What `kafka-inbound status` and `redrive` are given.
        'BindingTableName',
        'DeadLetterQueueUrl',
        'IdempotencyTableName',
      ])
    );
  });
});

describe('Class: StaticKafkaProcess', { timeout: 60_000 }, () => {
  it('creates the alias, secret, ESM and binding record of each binding from buildEsmPlan', () => {
    // Prepare
    const stack = stackFactory({
      kafkaVpc: { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1'] },
    });
    const binding = esmBindingFactory({
      autoOffsetReset: 'earliest',
      authentication: {
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'SCRAM-SHA-512',
        username: 'svc-orders',
        password: '{{secrets.KAFKA_PASSWORD}}',
      },
      clientProperties: { 'max.poll.records': '50', 'client.id': 'orders' },
    });

    // Act
    new StaticKafkaProcess(stack, 'Orders', {
      inbound: stack,
      bindings: [binding],
      secretValues: { KAFKA_PASSWORD: SecretValue.unsafePlainText('s3cret') },
      updatedAt: '2026-11-26T00:00:00.000Z',
    });
    const tpl = Template.fromStack(stack);

    // Assess
    tpl.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'order-process-kafka-start',
    });
    tpl.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'kafka-inbound/bindings/order-process-kafka-start/sasl_scram_512_auth',
    });
    tpl.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: {
        Ref: Match.stringLikeRegexp('^Ordersorderprocesskafkastart.*Alias'),
      },
      Topics: ['orders'],
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 50,
      SelfManagedEventSource: {
        Endpoints: { KafkaBootstrapServers: ['broker-1.example.com:9093'] },
      },
      SelfManagedKafkaEventSourceConfig: {
        ConsumerGroupId: 'kafka-inbound-order-process',
      },
      SourceAccessConfigurations: [
        { Type: 'SASL_SCRAM_512_AUTH', URI: { Ref: Match.anyValue() } },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-a' },
        { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-1' },
      ],
      ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: -1,
      Tags: Match.arrayWith([
        { Key: 'kafka-inbound:binding-id', Value: 'order-process-kafka-start' },
      ]),
    });
    const records = Object.values(tpl.findResources('Custom::AWS'));
    expect(records).toHaveLength(1);
    const create = JSON.stringify(records[0]?.Properties.Create);
    expect(create).toContain('BINDING#order-process-kafka-start');
    expect(create).toContain('static:TestInbound/Orders');
    Annotations.fromStack(stack).hasWarning(
      '/TestInbound/Orders/order-process-kafka-start',
      Match.stringLikeRegexp('client.id')
    );
  });

  it('writes the binding record as the provisioner does: literal credentials masked, in the secret only', () => {
    // Prepare
    const stack = stackFactory();
    const literal = 'literal-pa55word';
    const binding = esmBindingFactory({
      authentication: {
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'PLAIN',
        username: 'svc-orders',
        password: literal,
      },
    });

    // Act
    new StaticKafkaProcess(stack, 'Orders', {
      inbound: stack,
      bindings: [binding],
    });
    const tpl = Template.fromStack(stack);

    // Assess
    const [record] = Object.values(tpl.findResources('Custom::AWS'));
    const create = JSON.stringify(record?.Properties.Create);
    expect(create).toContain(String.raw`\"password\":{\"S\":\"***\"}`);
    expect(create).not.toContain(literal);
    const [secret] = Object.values(
      tpl.findResources('AWS::SecretsManager::Secret', {
        Properties: {
          Name: 'kafka-inbound/bindings/order-process-kafka-start/basic_auth',
        },
      })
    );
    expect(JSON.stringify(secret)).toContain(literal);
  });

  it('reads a whole secret reference in the model’s grammar, folders included', () => {
    // Prepare
    const stack = stackFactory();
    const binding = esmBindingFactory({
      authentication: {
        securityProtocol: 'SASL_SSL',
        saslMechanism: 'PLAIN',
        username: 'secrets.team/user',
        password: '{{ secrets.team/db }}',
      },
    });

    // Act
    new StaticKafkaProcess(stack, 'Orders', {
      inbound: stack,
      bindings: [binding],
      secretValues: {
        'team/user': SecretValue.unsafePlainText('svc-user'),
        'team/db': SecretValue.unsafePlainText('db-password'),
      },
    });

    // Assess
    Template.fromStack(stack).hasResourceProperties(
      'AWS::SecretsManager::Secret',
      {
        Name: 'kafka-inbound/bindings/order-process-kafka-start/basic_auth',
        SecretString: '{"username":"svc-user","password":"db-password"}',
      }
    );
  });

  it.each([
    {
      name: 'a binding the ESM cannot serve',
      binding: esmBindingFactory({
        authentication: {
          securityProtocol: 'SASL_SSL',
          saslMechanism: 'OAUTHBEARER',
        },
      }),
      message: /sasl\.mechanism/,
    },
    {
      name: 'a secret reference without a value',
      binding: esmBindingFactory({
        authentication: {
          securityProtocol: 'SASL_SSL',
          saslMechanism: 'PLAIN',
          username: 'u',
          password: '{{secrets.MISSING}}',
        },
      }),
      message: /MISSING/,
    },
  ])('throws StaticProcessError for $name', ({ binding, message }) => {
    // Prepare
    const stack = stackFactory();

    // Act & Assess
    expect(
      () =>
        new StaticKafkaProcess(stack, 'Bad', {
          inbound: stack,
          bindings: [binding],
        })
    ).toThrow(
      expect.objectContaining({
        name: 'StaticProcessError',
        message: expect.stringMatching(message),
      })
    );
  });
});

describe('Function: toCfnEventSourceMapping', () => {
  it('maps an MSK request with destination, metrics and logging to CloudFormation properties', () => {
    // Act
    const props = toCfnEventSourceMapping({
      FunctionName: 'arn:aws:lambda:eu-west-1:1:function:c:b1',
      EventSourceArn: MSK_ARN,
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g' },
      Topics: ['t'],
      StartingPosition: 'LATEST',
      MaximumBatchingWindowInSeconds: 0,
      DestinationConfig: { OnFailure: { Destination: 'kafka://dlt' } },
      MetricsConfig: { Metrics: ['EventCount'] },
      LoggingConfig: { SystemLogLevel: 'WARN' },
      ProvisionedPollerConfig: {
        MinimumPollers: 1,
        MaximumPollers: 3,
        PollerGroupName: 'p',
      },
      Tags: { a: 'b' },
    });

    // Assess
    expect(props).toMatchObject({
      functionName: 'arn:aws:lambda:eu-west-1:1:function:c:b1',
      eventSourceArn: MSK_ARN,
      amazonManagedKafkaEventSourceConfig: { consumerGroupId: 'g' },
      selfManagedEventSource: undefined,
      maximumBatchingWindowInSeconds: 0,
      destinationConfig: { onFailure: { destination: 'kafka://dlt' } },
      metricsConfig: { metrics: ['EventCount'] },
      loggingConfig: { systemLogLevel: 'WARN' },
      provisionedPollerConfig: {
        minimumPollers: 1,
        maximumPollers: 3,
        pollerGroupName: 'p',
      },
      tags: [{ key: 'a', value: 'b' }],
    });
  });
});

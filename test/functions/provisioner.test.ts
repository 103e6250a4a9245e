import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  BatchAssociateScramSecretCommand,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import {
  ProvisioningFailedError,
  SCHEDULED_CHECK_EVENT,
  StatusNotes,
} from '../../lib/provisioning/index.js';
import { captureOutput } from '../aws/captureOutput.js';
import {
  loadServiceModel,
  validateInput,
  validateOutput,
} from '../support/botocore.js';
import { bpmnXml } from '../support/bpmn.js';
import {
  ACCOUNT,
  FUNCTION_ARN,
  type ProvisionerTestEnv,
  REGION,
  startProvisionerEnv,
} from './helpers/provisionerEnv.js';

const order = (
  overrides: {
    servers?: string;
    topic?: string;
    groupId?: string;
    additional?: Record<string, string>;
    withSecret?: boolean;
    extra?: boolean;
  } = {}
) =>
  bpmnXml({
    id: 'order',
    elements: [
      {
        id: 'OrderPlaced',
        topic: overrides.topic ?? 'orders',
        groupId: overrides.groupId ?? 'order-group',
        ...(overrides.servers === undefined
          ? {}
          : { servers: overrides.servers }),
        ...(overrides.additional === undefined
          ? {}
          : { additional: overrides.additional }),
        ...(overrides.withSecret === true
          ? { username: 'app', password: '{{secrets.KAFKA_PASSWORD}}' }
          : {}),
      },
      ...(overrides.extra === true
        ? [{ id: 'OrderCancelled', topic: 'cancellations' }]
        : []),
    ],
  });

const PASSWORD = 'pa55-word-value';

const VPC_ACCESS = [
  { Type: 'VPC_SUBNET', URI: 'subnet:subnet-1' },
  { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-1' },
];

describe('Function: provisioner handler', () => {
  let aws: ProvisionerTestEnv;

  beforeAll(async () => {
    aws = await startProvisionerEnv();
  });

  afterAll(async () => {
    await aws?.stop();
  });

  beforeEach(async () => {
    await aws.reset();
    await aws.createReferencedSecret('KAFKA_PASSWORD', PASSWORD);
  });

  const run = async (event: unknown, requestId?: string) =>
    aws.handler()(event, aws.context(requestId));

  const upload = async (xml: string, name = 'order.bpmn') => {
    const version = await aws.upload(name, xml);
    return run(aws.notification('created', name, version));
  };

  const esmCommands = () =>
    aws.esm
      .commandNames()
      .filter(
        (name) =>
          name === CreateEventSourceMappingCommand.name ||
          name === UpdateEventSourceMappingCommand.name ||
          name === DeleteEventSourceMappingCommand.name
      );

  it('creates alias, secret, binding record and ESM for a new file', async () => {
    // Prepare
    let recordAtCreate: Record<string, unknown> | undefined;
    aws.esm.onCreate(async () => {
      recordAtCreate = (await aws.items()).get('BINDING#order--OrderPlaced');
    });

    // Act
    const result = await upload(order({ withSecret: true }));

    // Assess
    expect(result.outcomes).toEqual([
      {
        key: 'processes/order.bpmn',
        outcome: { kind: 'applied', processIds: ['order'] },
      },
    ]);
    const secretName = 'kafka-inbound/bindings/order--OrderPlaced/basic_auth';
    const secretArn = (await aws.secretNames()).includes(secretName)
      ? expect.stringContaining(`secret:${secretName}`)
      : 'missing';
    expect(aws.esm.createRequests()).toEqual([
      {
        FunctionName: `${FUNCTION_ARN}:order--OrderPlaced`,
        SelfManagedEventSource: {
          Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['broker-1:9092'] },
        },
        SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'order-group' },
        Topics: ['orders'],
        StartingPosition: 'TRIM_HORIZON',
        Enabled: true,
        SourceAccessConfigurations: [
          { Type: 'BASIC_AUTH', URI: secretArn },
          ...VPC_ACCESS,
        ],
        ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: -1,
        MaximumRecordAgeInSeconds: -1,
        Tags: {
          'kafka-inbound:process-id': 'order',
          'kafka-inbound:binding-id': 'order--OrderPlaced',
          'kafka-inbound:revision': expect.any(String),
        },
      },
    ]);
    expect(JSON.parse((await aws.secretValue(secretName)) ?? '{}')).toEqual({
      username: 'app',
      password: PASSWORD,
    });
    expect(await aws.aliasNames()).toEqual(['order--OrderPlaced']);
    expect(recordAtCreate).toMatchObject({ bindingId: 'order--OrderPlaced' });
    const items = await aws.items();
    const [esm] = aws.esm.list();
    const deployment = aws.camunda.requestsTo('/v2/deployments', 'POST');
    expect(deployment).toHaveLength(1);
    const processDefinitionKey = aws.camunda.processes.find(
      (process) => process.processDefinitionId === 'order'
    )?.processDefinitionKey;
    expect(items.get('BINDING#order--OrderPlaced')).toMatchObject({
      processId: 'order',
      esmUuid: esm?.UUID,
      esmArn: esm?.EventSourceMappingArn,
      sourceKey: 'processes/order.bpmn',
      deployed: {
        processDefinitionKey,
        esmMode: 'provisioned',
        binding: { id: 'order--OrderPlaced' },
      },
    });
    expect(items.get('PROCESS#order')).toMatchObject({
      state: 'ok',
      processDefinitionKey,
      bindings: [
        {
          bindingId: 'order--OrderPlaced',
          esmUuid: esm?.UUID,
          esmState: 'Creating',
          aliasName: 'order--OrderPlaced',
          note: StatusNotes.created,
        },
      ],
    });
    expect(items.get('SOURCE#processes/order.bpmn')).toMatchObject({
      processIds: ['order'],
      lastOutcome: 'applied',
    });
    const everything = JSON.stringify([...items.values()]);
    expect(everything).not.toContain(PASSWORD);
  });

  it('warns in the status about a password typed as text, naming element and property, and never stores it', async () => {
    // Prepare
    const literal = bpmnXml({
      id: 'order',
      elements: [
        {
          id: 'OrderPlaced',
          topic: 'orders',
          groupId: 'order-group',
          username: 'app',
          password: PASSWORD,
        },
      ],
    });

    // Act
    const result = await upload(literal);

    // Assess
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        outcome: expect.objectContaining({ kind: 'applied' }),
      }),
    ]);
    const items = await aws.items();
    expect(items.get('PROCESS#order')).toMatchObject({
      state: 'warnings',
      warnings: expect.arrayContaining([
        expect.objectContaining({
          elementId: 'OrderPlaced',
          property: 'authentication.password',
          message: expect.stringContaining('typed into the BPMN as plain text'),
        }),
      ]),
    });
    expect(JSON.stringify([...items.values()])).not.toContain(PASSWORD);
  });

  it('writes the registry credentials into a per-binding secret and the ESM’s SchemaRegistryConfig', async () => {
    // Prepare
    await aws.createReferencedSecret('SR_PASSWORD', 'sr-pass-value');
    const xml = bpmnXml({
      id: 'order',
      elements: [
        {
          id: 'OrderPlaced',
          topic: 'orders',
          groupId: 'order-group',
          registry: { url: 'https://registry.example.com', type: 'avro' },
          additional: {
            'basic.auth.credentials.source': 'USER_INFO',
            'basic.auth.user.info': 'reader:{{secrets.SR_PASSWORD}}',
          },
        },
      ],
    });

    // Act
    await upload(xml);

    // Assess
    const secretName =
      'kafka-inbound/bindings/order--OrderPlaced/schema_registry_basic_auth';
    expect(await aws.secretNames()).toContain(secretName);
    expect(JSON.parse((await aws.secretValue(secretName)) ?? '{}')).toEqual({
      username: 'reader',
      password: 'sr-pass-value',
    });
    const [request] = aws.esm.createRequests();
    expect(request?.SelfManagedKafkaEventSourceConfig).toEqual({
      ConsumerGroupId: 'order-group',
      SchemaRegistryConfig: {
        SchemaRegistryURI: 'https://registry.example.com',
        EventRecordFormat: 'SOURCE',
        AccessConfigs: [
          {
            Type: 'BASIC_AUTH',
            URI: expect.stringContaining(`secret:${secretName}`),
          },
        ],
        SchemaValidationConfigs: [{ Attribute: 'VALUE' }],
      },
    });
    const everything = JSON.stringify([...(await aws.items()).values()]);
    expect(everything).not.toContain('sr-pass-value');
  });

  it('updates the ESM in place when an updatable setting changed', async () => {
    // Prepare
    await upload(order());
    const [before] = aws.esm.list();

    // Act
    await upload(order({ additional: { 'max.poll.records': '250' } }));

    // Assess
    expect(esmCommands()).toEqual([
      CreateEventSourceMappingCommand.name,
      UpdateEventSourceMappingCommand.name,
    ]);
    const update = aws.esm.mock.commandCalls(UpdateEventSourceMappingCommand)[0]
      ?.args[0].input;
    expect(update).toEqual({
      UUID: before?.UUID,
      Enabled: true,
      BatchSize: 250,
      SourceAccessConfigurations: VPC_ACCESS,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
    });
    const items = await aws.items();
    expect(items.get('PROCESS#order')).toMatchObject({
      state: 'ok',
      bindings: [
        {
          esmUuid: before?.UUID,
          note: expect.stringContaining(StatusNotes.updated),
        },
      ],
    });
  });

  it('replaces the ESM, deleting first, when the topic changed', async () => {
    // Prepare
    await upload(order());
    const [before] = aws.esm.list();

    // Act
    await upload(order({ topic: 'orders-v2' }));

    // Assess
    expect(esmCommands()).toEqual([
      CreateEventSourceMappingCommand.name,
      DeleteEventSourceMappingCommand.name,
      CreateEventSourceMappingCommand.name,
    ]);
    const esms = aws.esm.list();
    expect(esms).toHaveLength(1);
    expect(esms[0]?.UUID).not.toBe(before?.UUID);
    expect(esms[0]?.Topics).toEqual(['orders-v2']);
    const items = await aws.items();
    expect(items.get('BINDING#order--OrderPlaced')).toMatchObject({
      esmUuid: esms[0]?.UUID,
    });
    expect(items.get('PROCESS#order')).toMatchObject({
      bindings: [
        {
          esmUuid: esms[0]?.UUID,
          note: expect.stringContaining('records may be replayed or skipped'),
        },
      ],
    });
  });

  it('deletes what the new version no longer has and keeps the rest', async () => {
    // Prepare
    await upload(order({ extra: true, withSecret: true }));
    expect(aws.esm.list()).toHaveLength(2);

    // Act
    await upload(order({ withSecret: false }));

    // Assess
    const esms = aws.esm.list();
    expect(esms.map((esm) => esm.Topics)).toEqual([['orders']]);
    expect(await aws.aliasNames()).toEqual(['order--OrderPlaced']);
    expect(await aws.secretNames()).toEqual([
      'kafka-inbound/secrets/KAFKA_PASSWORD',
    ]);
    const items = await aws.items();
    expect(items.has('BINDING#order--OrderCancelled')).toBe(false);
    expect(items.get('PROCESS#order')).toMatchObject({
      bindings: [{ bindingId: 'order--OrderPlaced' }],
    });
  });

  it('changes nothing deployed when the new version is invalid', async () => {
    // Prepare
    const v1 = await aws.upload('order.bpmn', order());
    await run(aws.notification('created', 'order.bpmn', v1));
    const before = await aws.items();
    const commandsBefore = esmCommands();

    // Act
    const result = await upload(order({ topic: '' }));

    // Assess
    expect(result.outcomes[0]?.outcome).toEqual({
      kind: 'rejected',
      processIds: ['order'],
    });
    expect(esmCommands()).toEqual(commandsBefore);
    expect(aws.camunda.requestsTo('/v2/deployments', 'POST')).toHaveLength(1);
    const after = await aws.items();
    expect(after.get('BINDING#order--OrderPlaced')).toEqual(
      before.get('BINDING#order--OrderPlaced')
    );
    expect(after.get('PROCESS#order')).toMatchObject({
      state: 'errors',
      appliedVersion: v1,
      errors: expect.arrayContaining([
        expect.objectContaining({ elementId: 'OrderPlaced' }),
      ]),
      bindings: before.get('PROCESS#order')?.bindings,
    });
    expect(await aws.aliasNames()).toEqual(['order--OrderPlaced']);
  });

  it('rejects a file whose secret reference has no secret, naming it', async () => {
    // Act
    const result = await upload(
      bpmnXml({
        id: 'order',
        elements: [
          {
            id: 'OrderPlaced',
            topic: 'orders',
            username: 'app',
            password: '{{secrets.NOT_THERE}}',
          },
        ],
      })
    );

    // Assess
    expect(result.outcomes[0]?.outcome.kind).toBe('rejected');
    expect(aws.esm.list()).toEqual([]);
    expect(aws.camunda.requestsTo('/v2/deployments', 'POST')).toHaveLength(0);
    const status = (await aws.items()).get('PROCESS#order');
    expect(status).toMatchObject({
      state: 'errors',
      errors: [
        {
          message: expect.stringContaining('kafka-inbound/secrets/NOT_THERE'),
        },
      ],
    });
  });

  it('removes everything of the file when it is deleted', async () => {
    // Prepare
    await upload(order({ extra: true, withSecret: true }));

    // Act
    await aws.remove('order.bpmn');
    const result = await run(aws.notification('removed', 'order.bpmn'));

    // Assess
    expect(result.outcomes[0]?.outcome).toEqual({
      kind: 'removed',
      processIds: ['order'],
    });
    expect(aws.esm.list()).toEqual([]);
    expect(await aws.aliasNames()).toEqual([]);
    expect(await aws.secretNames()).toEqual([
      'kafka-inbound/secrets/KAFKA_PASSWORD',
    ]);
    const items = await aws.items();
    expect([...items.keys()]).toEqual(['SOURCE#processes/order.bpmn']);
    expect(items.get('SOURCE#processes/order.bpmn')).toMatchObject({
      processIds: [],
      lastOutcome: 'removed',
    });
  });

  it('accepts EventBridge events and keys S3 encodes', async () => {
    // Prepare
    const version = await aws.upload('my order.bpmn', order());

    // Act
    const created = await run(
      aws.eventBridge('created', 'my order.bpmn', version)
    );
    const repeated = await run(
      aws.notification('created', 'my order.bpmn', version)
    );

    // Assess
    expect(created.outcomes).toEqual([
      {
        key: 'processes/my order.bpmn',
        outcome: { kind: 'applied', processIds: ['order'] },
      },
    ]);
    expect(repeated.outcomes[0]?.outcome).toEqual({
      kind: 'skipped',
      reason: 'this version was handled already',
    });
  });

  it('skips a duplicate event and leaves one ESM', async () => {
    // Prepare
    const version = await aws.upload('order.bpmn', order());
    const event = aws.notification('created', 'order.bpmn', version);

    // Act
    await run(event);
    const again = await run(event);

    // Assess
    expect(again.outcomes[0]?.outcome.kind).toBe('skipped');
    expect(esmCommands()).toEqual([CreateEventSourceMappingCommand.name]);
  });

  it.each([
    { order: 'in order', reverse: false },
    { order: 'out of order', reverse: true },
  ])(
    'reaches the newest version when events arrive $order',
    async ({ reverse }) => {
      // Prepare
      const v1 = await aws.upload('order.bpmn', order());
      const first = aws.notification('created', 'order.bpmn', v1);
      const v2 = await aws.upload('order.bpmn', order({ topic: 'orders-v2' }));
      const second = aws.notification('created', 'order.bpmn', v2);
      const events = reverse ? [second, first] : [first, second];

      // Act
      for (const event of events) {
        await run(event);
      }

      // Assess
      expect(aws.esm.list().map((esm) => esm.Topics)).toEqual([['orders-v2']]);
      expect(esmCommands()).toEqual([CreateEventSourceMappingCommand.name]);
      expect((await aws.items()).get('PROCESS#order')).toMatchObject({
        sourceVersion: v2,
        state: 'ok',
      });
    }
  );

  it('skips a deletion event when the key exists again', async () => {
    // Prepare
    await upload(order());
    await aws.remove('order.bpmn');
    const deletion = aws.notification('removed', 'order.bpmn');
    const v2 = await aws.upload('order.bpmn', order());

    // Act
    const result = await run(deletion);

    // Assess
    expect(result.outcomes[0]?.outcome).toEqual({
      kind: 'skipped',
      reason: 'the object exists again',
    });
    expect(aws.esm.list()).toHaveLength(1);
    expect(v2).not.toBe('');
  });

  it('skips a stale creation after a newer deletion', async () => {
    // Prepare
    const v1 = await aws.upload('order.bpmn', order());
    const creation = aws.notification('created', 'order.bpmn', v1);
    await run(creation);
    await aws.remove('order.bpmn');
    await run(aws.notification('removed', 'order.bpmn'));

    // Act
    const result = await run(creation);

    // Assess
    expect(result.outcomes[0]?.outcome.kind).toBe('skipped');
    expect(aws.esm.list()).toEqual([]);
  });

  it('lets the newest version win when two uploads race', async () => {
    // Prepare
    const v1 = await aws.upload('order.bpmn', order());
    const first = aws.notification('created', 'order.bpmn', v1);
    const v2 = await aws.upload('order.bpmn', order({ topic: 'orders-v2' }));
    const second = aws.notification('created', 'order.bpmn', v2);

    // Act
    // allSettled: when one invocation fails, the other must not run on into
    // the next test's reset (it would fail there with a confusing error).
    const settled = await Promise.allSettled([
      run(first, 'request-a'),
      run(second, 'request-b'),
    ]);
    const results = settled.map((result) => {
      if (result.status === 'rejected') {
        throw result.reason;
      }
      return result.value;
    });

    // Assess
    expect(
      results.map((result) => result.outcomes[0]?.outcome.kind).sort()
    ).toEqual(['applied', 'skipped']);
    expect(aws.esm.list().map((esm) => esm.Topics)).toEqual([['orders-v2']]);
    const items = await aws.items();
    expect(items.get('PROCESS#order')).toMatchObject({ sourceVersion: v2 });
    expect(items.get('SOURCE#processes/order.bpmn')).not.toHaveProperty(
      'lockOwner'
    );
  });

  it('throws after writing an error status when AWS fails, and a retry converges', async () => {
    // Prepare
    const version = await aws.upload('order.bpmn', order());
    const event = aws.notification('created', 'order.bpmn', version);
    let failOnce = true;
    aws.esm.onCreate(async () => {
      if (failOnce) {
        failOnce = false;
        throw new Error('throttled');
      }
    });

    // Act
    const failure = await run(event).catch((error: unknown) => error);
    const retried = await run(event);

    // Assess
    expect(failure).toBeInstanceOf(ProvisioningFailedError);
    expect(retried.outcomes[0]?.outcome.kind).toBe('applied');
    expect(aws.esm.list()).toHaveLength(1);
    expect((await aws.items()).get('PROCESS#order')).toMatchObject({
      state: 'ok',
    });
  });

  describe('on MSK clusters given by ARN alone', () => {
    const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2`;
    const broker = (n: number, port: number) =>
      `b-${n}.orders.abc123.c2.kafka.${REGION}.amazonaws.com:${port}`;
    const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7`;
    const kafka = mockClient(KafkaClient);
    const kafkaModel = loadServiceModel('kafka');
    let violations: string[];
    let associated: string[];

    beforeEach(() => {
      kafka.reset();
      violations = [];
      associated = [];
      const checked =
        <T>(operation: string, output: (input: Record<string, unknown>) => T) =>
        (input: unknown) => {
          violations.push(...validateInput(kafkaModel, operation, input));
          const result = output(input as Record<string, unknown>);
          violations.push(...validateOutput(kafkaModel, operation, result));
          return Promise.resolve(result);
        };
      kafka.on(GetBootstrapBrokersCommand).callsFake(
        checked('GetBootstrapBrokers', () => ({
          BootstrapBrokerStringSaslIam: `${broker(1, 9098)},${broker(2, 9098)}`,
          BootstrapBrokerStringSaslScram: `${broker(1, 9096)},${broker(2, 9096)}`,
        }))
      );
      kafka
        .on(ListScramSecretsCommand)
        .callsFake(
          checked('ListScramSecrets', () => ({ SecretArnList: associated }))
        );
      kafka.on(BatchAssociateScramSecretCommand).callsFake(
        checked('BatchAssociateScramSecret', (input) => {
          associated.push(...(input.SecretArnList as string[]));
          return { ClusterArn: CLUSTER, UnprocessedScramSecrets: [] };
        })
      );
    });

    const runOnMsk = async (xml: string) => {
      const version = await aws.upload('order.bpmn', xml);
      return aws.handler({
        env: { MSK_CLUSTER_ARNS: CLUSTER, MSK_SCRAM_KEY_ARN: KEY },
        kafka: new KafkaClient({ region: REGION }),
      })(aws.notification('created', 'order.bpmn', version), aws.context());
    };

    it('discovers the brokers and creates an MSK ESM with IAM authentication', async () => {
      // Act
      const result = await runOnMsk(
        order({
          servers: broker(1, 9098),
          additional: {
            'security.protocol': 'SASL_SSL',
            'sasl.mechanism': 'AWS_MSK_IAM',
          },
        })
      );

      // Assess
      expect(result.outcomes[0]?.outcome.kind).toBe('applied');
      expect(aws.esm.createRequests()).toEqual([
        expect.objectContaining({
          EventSourceArn: CLUSTER,
          AmazonManagedKafkaEventSourceConfig: {
            ConsumerGroupId: 'order-group',
          },
          Topics: ['orders'],
        }),
      ]);
      expect(aws.esm.createRequests()[0]).not.toHaveProperty(
        'SourceAccessConfigurations'
      );
      expect(kafka.commandCalls(GetBootstrapBrokersCommand)).toHaveLength(1);
      expect(violations).toEqual([]);
    });

    it('creates the SCRAM secret as AmazonMSK_… under the customer managed key and associates it with the cluster', async () => {
      // Act
      await runOnMsk(
        order({
          servers: broker(2, 9096),
          withSecret: true,
          additional: {
            'security.protocol': 'SASL_SSL',
            'sasl.mechanism': 'SCRAM-SHA-512',
          },
        })
      );

      // Assess
      const name =
        'AmazonMSK_kafka-inbound/bindings/order--OrderPlaced/sasl_scram_512_auth';
      expect(await aws.secretNames()).toContain(name);
      const described = await aws.secretsManager.send(
        new DescribeSecretCommand({ SecretId: name })
      );
      expect(described.KmsKeyId).toBe(KEY);
      expect(associated).toEqual([described.ARN]);
      expect(aws.esm.createRequests()).toEqual([
        expect.objectContaining({
          EventSourceArn: CLUSTER,
          SourceAccessConfigurations: [
            { Type: 'SASL_SCRAM_512_AUTH', URI: described.ARN },
          ],
        }),
      ]);
      expect(violations).toEqual([]);
    });
  });

  describe('process versions', () => {
    const withWait = (topic: string) =>
      bpmnXml({
        id: 'order',
        elements: [
          { id: 'OrderPlaced', topic: 'orders', groupId: 'order-group' },
          {
            id: 'Payment',
            kind: 'catch',
            topic,
            groupId: 'payment-group',
            messageName: 'payment-received',
          },
        ],
      });
    const check = () => run(SCHEDULED_CHECK_EVENT);
    const topics = () =>
      aws.esm
        .list()
        .map((esm) => esm.Topics?.[0])
        .sort();
    const versionsOf = async () =>
      ((await aws.items()).get('PROCESS#order')?.versions ?? []) as {
        processDefinitionKey: string;
        latest: boolean;
      }[];

    it('keeps version 1’s mapping while an instance waits on it, and removes it once nothing waits', async () => {
      // Prepare
      await upload(withWait('payments'));
      await upload(withWait('payments-v2'));
      const [latest, v1] = await versionsOf();
      expect(latest?.latest).toBe(true);
      const key = v1?.processDefinitionKey ?? '';
      aws.camunda.openSubscription({
        processDefinitionKey: key,
        elementId: 'Payment',
        messageName: 'payment-received',
        correlationKey: 'order-1',
      });

      // Act
      const waiting = await check();
      await createCamundaClient(
        readCamundaConfig(aws.camunda.env())
      ).publishMessage({
        name: 'payment-received',
        correlationKey: 'order-1',
        timeToLive: 0,
        messageId: 'm-1',
      });
      const empty = await check();
      const retired = await check();

      // Assess
      expect(waiting.checks).toEqual([
        {
          processId: 'order',
          processDefinitionKey: key,
          version: 1,
          outcome: 'waiting',
          subscriptions: 1,
        },
      ]);
      expect(empty.checks?.[0]?.outcome).toBe('none');
      expect(retired.checks?.[0]?.outcome).toBe('retired');
      expect(topics()).toEqual(['orders', 'payments-v2']);
      expect(await aws.aliasNames()).not.toContain('order--Payment');
      expect((await aws.items()).has('BINDING#order--Payment')).toBe(false);
      expect(
        (await versionsOf()).map((version) => version.processDefinitionKey)
      ).toEqual([latest?.processDefinitionKey]);
      const searches = aws.camunda.requestsTo(
        '/v2/message-subscriptions/search',
        'POST'
      );
      expect(searches[0]?.body).toEqual({
        filter: {
          processDefinitionKey: key,
          messageSubscriptionState: 'CREATED',
        },
        page: expect.objectContaining({ limit: expect.any(Number) }),
      });
    });

    it('counts thousands of waiting subscriptions through Camunda’s pages and keeps the version', async () => {
      // Prepare: 2,500 instances of version 1 wait (pages of 1,000).
      await upload(withWait('payments'));
      await upload(withWait('payments-v2'));
      const key = (await versionsOf())[1]?.processDefinitionKey ?? '';
      for (let i = 0; i < 2_500; i++) {
        aws.camunda.openSubscription({
          processDefinitionKey: key,
          elementId: 'Payment',
          messageName: 'payment-received',
          correlationKey: `order-${i}`,
        });
      }

      // Act
      const results = [await check(), await check()];

      // Assess
      for (const result of results) {
        expect(result.checks).toEqual([
          expect.objectContaining({ outcome: 'waiting', subscriptions: 2_500 }),
        ]);
      }
      const pages = aws.camunda
        .requestsTo('/v2/message-subscriptions/search', 'POST')
        .map((request) => (request.body as { page: { after?: string } }).page);
      expect(pages).toHaveLength(6);
      expect(pages.slice(0, 3).map((page) => page.after === undefined)).toEqual(
        [true, false, false]
      );
      expect(topics()).toEqual(['orders', 'payments', 'payments-v2']);
    });

    it('deprovisions nothing while Camunda answers errors', async () => {
      // Prepare
      await upload(withWait('payments'));
      await upload(withWait('payments-v2'));
      aws.camunda.setFault((request) =>
        request.path === '/v2/message-subscriptions/search'
          ? { kind: 'status', status: 500 }
          : undefined
      );

      // Act
      const results = [await check(), await check(), await check()];
      aws.camunda.setFault(undefined);

      // Assess
      for (const result of results) {
        expect(result.checks).toEqual([
          expect.objectContaining({ outcome: 'failed' }),
        ]);
      }
      expect(topics()).toEqual(['orders', 'payments', 'payments-v2']);
      expect((await versionsOf())[1]).toMatchObject({
        latest: false,
        lastCheck: { kind: 'failed' },
      });
    });
    it('deprovisions nothing while Camunda cannot be reached, says so in a warning and a metric, and goes on at the next check', async () => {
      // Prepare: nothing waits on version 1, so two checks that found
      // nothing would retire it.
      await upload(withWait('payments'));
      await upload(withWait('payments-v2'));
      const v1 = (await versionsOf())[1]?.processDefinitionKey;
      const output = captureOutput();
      const unreachable = () =>
        aws.handler({
          env: { CAMUNDA_REST_ADDRESS: 'http://127.0.0.1:1/v2' },
          logger: new Logger({ serviceName: 'kafka-inbound-provisioner' }),
          metrics: new Metrics({
            namespace: 'KafkaInbound',
            serviceName: 'kafka-inbound-provisioner',
          }),
        })(SCHEDULED_CHECK_EVENT, aws.context());
      let failed: Awaited<ReturnType<typeof unreachable>>[];
      try {
        // Act
        failed = [await unreachable(), await unreachable()];
      } finally {
        output.restore();
      }
      const mappings = topics();
      const after = [await check(), await check()];

      // Assess
      for (const result of failed) {
        expect(result.checks).toEqual([
          expect.objectContaining({
            processDefinitionKey: v1,
            outcome: 'failed',
            reason: expect.stringMatching(/ECONNREFUSED|fetch failed/),
          }),
        ]);
      }
      expect(mappings).toEqual(['orders', 'payments', 'payments-v2']);
      expect(
        output
          .logs()
          .filter(
            (line) =>
              line.message ===
              'version check failed: nothing deprovisioned, retried at the next check'
          )
      ).toEqual([
        expect.objectContaining({ level: 'WARN', processDefinitionKey: v1 }),
        expect.objectContaining({ level: 'WARN', processDefinitionKey: v1 }),
      ]);
      expect(
        output
          .metrics()
          .map((document) => document.versionCheckFailed)
          .filter((count) => count !== undefined)
      ).toEqual([1, 1]);
      // The failures neither counted nor reset: the next two checks that
      // reach Camunda retire version 1.
      expect(after.map((result) => result.checks?.[0]?.outcome)).toEqual([
        'none',
        'retired',
      ]);
      expect(topics()).toEqual(['orders', 'payments-v2']);
    });
  });

  describe('discoverDeployments', () => {
    it('provisions a process deployed from a modeler within one run, and deprovisions it once deleted in Camunda', async () => {
      // Prepare
      const handler = aws.handler({ discoverDeployments: true });
      const camunda = createCamundaClient(readCamundaConfig(aws.camunda.env()));
      const deployment = await camunda.deployResources([
        { name: 'order.bpmn', content: order() },
      ]);
      const key = deployment.processes[0]?.processDefinitionKey ?? '';

      // Act
      const discovered = await handler(SCHEDULED_CHECK_EVENT, aws.context());
      const mappings = aws.esm.list().map((esm) => esm.Topics);
      aws.camunda.deleteProcessDefinition(key);
      const removed = await handler(SCHEDULED_CHECK_EVENT, aws.context());

      // Assess
      expect(discovered.discovery).toEqual([
        {
          processId: 'order',
          processDefinitionKey: key,
          outcome: 'provisioned',
        },
      ]);
      expect(mappings).toEqual([['orders']]);
      expect(
        aws.camunda.requestsTo(`/v2/process-definitions/${key}/xml`, 'GET')
      ).toHaveLength(1);
      expect(removed.discovery).toMatchObject([
        { processId: 'order', outcome: 'superseded' },
      ]);
      expect(aws.esm.list()).toEqual([]);
      expect(await aws.aliasNames()).toEqual([]);
    });
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import { DeleteEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import {
  SCHEDULED_CHECK_EVENT,
  TeardownDefaults,
} from '../../lib/provisioning/index.js';
import {
  loadServiceModel,
  validateInput,
  validateOutput,
} from '../support/botocore.js';
import { bpmnXml } from '../support/bpmn.js';
import {
  ACCOUNT,
  type ProvisionerTestEnv,
  REGION,
  startProvisionerEnv,
} from './helpers/provisionerEnv.js';

// The provisioner answers CloudFormation's custom resource requests for the
// teardown resource; the request and response objects are CloudFormation's
// (User Guide, "Custom resource request objects" / "response objects").
// moto stands in for S3, DynamoDB, Lambda aliases and Secrets Manager;
// aws-sdk-client-mock for the Kafka ESM calls (esmFake), MSK and
// DescribeStacks (a stack in DELETE_IN_PROGRESS), each checked against
// botocore's service model.

const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/KafkaInbound/5b3c0f10-1111-2222-3333-444455556666`;
const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/orders/7b2f6c1e-1111-2222-3333-444455556666-2`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7`;
const SCRAM_BROKERS = `b-1.orders.abc123.c2.kafka.${REGION}.amazonaws.com:9096`;

interface PutResponse {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

const order = (scram = false) =>
  bpmnXml({
    id: 'order',
    elements: [
      {
        id: 'OrderPlaced',
        topic: 'orders',
        groupId: 'order-group',
        username: 'app',
        password: '{{secrets.KAFKA_PASSWORD}}',
        ...(scram
          ? {
              servers: SCRAM_BROKERS,
              additional: {
                'security.protocol': 'SASL_SSL',
                'sasl.mechanism': 'SCRAM-SHA-512',
              },
            }
          : {}),
      },
    ],
  });
const shipment = bpmnXml({
  id: 'shipment',
  elements: [{ id: 'Shipped', topic: 'shipments', groupId: 'ship-group' }],
});

describe('Function: provisioner handler, the teardown custom resource', () => {
  let aws: ProvisionerTestEnv;
  let server: Server;
  let responses: PutResponse[];
  const cloudFormation = mockClient(CloudFormationClient);
  const kafka = mockClient(KafkaClient);
  const cfnModel = loadServiceModel('cloudformation');
  const kafkaModel = loadServiceModel('kafka');
  let violations: string[];
  let stackStatus: string;
  /** Secret ARNs associated with the MSK cluster. */
  let associated: string[];
  /** Whether each secret still existed when it was disassociated. */
  let existedAtDisassociation: boolean[];

  const checked =
    <T>(
      model: ReturnType<typeof loadServiceModel>,
      operation: string,
      output: (input: Record<string, unknown>) => T | Promise<T>
    ) =>
    async (input: unknown) => {
      violations.push(...validateInput(model, operation, input));
      const result = await output(input as Record<string, unknown>);
      violations.push(...validateOutput(model, operation, result));
      return result;
    };

  beforeAll(async () => {
    aws = await startProvisionerEnv();
    server = createServer((request, reply) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        responses.push({
          path: `${request.method} ${request.url}`,
          headers: request.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        reply.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve)
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await aws?.stop();
  });

  beforeEach(async () => {
    await aws.reset();
    await aws.createReferencedSecret('KAFKA_PASSWORD', 'pa55-word-value');
    responses = [];
    violations = [];
    associated = [];
    existedAtDisassociation = [];
    stackStatus = 'DELETE_IN_PROGRESS';
    cloudFormation.reset();
    cloudFormation.on(DescribeStacksCommand).callsFake(
      checked(cfnModel, 'DescribeStacks', (input) => ({
        Stacks: [
          {
            StackId: String(input.StackName),
            StackName: 'KafkaInbound',
            CreationTime: new Date('2026-11-01T00:00:00Z'),
            StackStatus: stackStatus,
          },
        ],
      }))
    );
    kafka.reset();
    kafka.on(GetBootstrapBrokersCommand).callsFake(
      checked(kafkaModel, 'GetBootstrapBrokers', () => ({
        BootstrapBrokerStringSaslScram: SCRAM_BROKERS,
      }))
    );
    kafka.on(ListScramSecretsCommand).callsFake(
      checked(kafkaModel, 'ListScramSecrets', () => ({
        SecretArnList: [...associated],
      }))
    );
    kafka.on(BatchAssociateScramSecretCommand).callsFake(
      checked(kafkaModel, 'BatchAssociateScramSecret', (input) => {
        associated.push(...(input.SecretArnList as string[]));
        return { ClusterArn: CLUSTER, UnprocessedScramSecrets: [] };
      })
    );
    kafka.on(BatchDisassociateScramSecretCommand).callsFake(
      checked(kafkaModel, 'BatchDisassociateScramSecret', async (input) => {
        const arns = input.SecretArnList as string[];
        const names = await aws.secretNames();
        existedAtDisassociation.push(
          ...arns.map((arn) =>
            names.some((name) => arn.includes(`:secret:${name}`))
          )
        );
        associated = associated.filter((arn) => !arns.includes(arn));
        return { ClusterArn: CLUSTER, UnprocessedScramSecrets: [] };
      })
    );
  });

  const handler = () =>
    aws.handler({
      discoverDeployments: true,
      env: { MSK_CLUSTER_ARNS: CLUSTER, MSK_SCRAM_KEY_ARN: KEY },
      kafka: new KafkaClient({ region: REGION }),
      cloudFormation: new CloudFormationClient({ region: REGION }),
    });

  /** A Lambda context with the provisioner's five minutes ahead. */
  const context = () => ({
    ...aws.context('teardown-request'),
    getRemainingTimeInMillis: () => 300_000,
  });

  const request = (requestType: 'Create' | 'Update' | 'Delete') => {
    const { port } = server.address() as AddressInfo;
    return {
      RequestType: requestType,
      ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:provisioner`,
      ResponseURL: `http://127.0.0.1:${port}/cloudformation-response?X-Amz-Signature=abc`,
      StackId: STACK_ID,
      RequestId: `request-${requestType}`,
      ResourceType: TeardownDefaults.resourceType,
      LogicalResourceId: 'Teardown',
      ...(requestType === 'Create'
        ? {}
        : { PhysicalResourceId: TeardownDefaults.physicalResourceId }),
      ResourceProperties: {
        ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:provisioner`,
      },
    };
  };

  /** A self-managed process, an MSK SCRAM one and a discovered one. */
  const provision = async () => {
    const run = handler();
    const orderVersion = await aws.upload('order.bpmn', order());
    await run(
      aws.notification('created', 'order.bpmn', orderVersion),
      aws.context()
    );
    const scramXml = order(true).replaceAll('"order"', '"payment"');
    const scramVersion = await aws.upload('payment.bpmn', scramXml);
    await run(
      aws.notification('created', 'payment.bpmn', scramVersion),
      aws.context()
    );
    const camunda = createCamundaClient(readCamundaConfig(aws.camunda.env()));
    await camunda.deployResources([
      { name: 'shipment.bpmn', content: shipment },
    ]);
    await run(SCHEDULED_CHECK_EVENT, aws.context());
    return run;
  };

  /** What the provisioner created at run time. */
  const leftovers = async () => ({
    esms: aws.esm.list().map((esm) => esm.FunctionArn?.split(':').at(-1)),
    aliases: await aws.aliasNames(),
    secrets: (await aws.secretNames()).filter((name) =>
      name.includes('bindings/')
    ),
    associated,
    records: [...(await aws.items()).keys()]
      .filter((pk) => /^(BINDING|PROCESS|RELEASED)#/.test(pk))
      .sort(),
  });

  it('provisions the three processes the teardown starts from', async () => {
    // Act
    await provision();

    // Assess
    expect(await leftovers()).toEqual({
      esms: ['order--OrderPlaced', 'payment--OrderPlaced', 'shipment--Shipped'],
      aliases: [
        'order--OrderPlaced',
        'payment--OrderPlaced',
        'shipment--Shipped',
      ],
      secrets: [
        'AmazonMSK_kafka-inbound/bindings/payment--OrderPlaced/sasl_scram_512_auth',
        'kafka-inbound/bindings/order--OrderPlaced/basic_auth',
      ],
      associated: [
        expect.stringContaining('AmazonMSK_kafka-inbound/bindings/'),
      ],
      records: [
        'BINDING#order--OrderPlaced',
        'BINDING#payment--OrderPlaced',
        'BINDING#shipment--Shipped',
        'PROCESS#order',
        'PROCESS#payment',
        'PROCESS#shipment',
      ],
    });
    expect(violations).toEqual([]);
  });

  it('removes every ESM, alias, binding secret (SCRAM ones disassociated first) and record when the stack is deleted, and answers SUCCESS', async () => {
    // Prepare
    const run = await provision();

    // Act
    const result = await run(request('Delete'), context());

    // Assess
    expect(result.teardown).toMatchObject({
      status: 'SUCCESS',
      report: { failed: [], remaining: [] },
    });
    expect([...(result.teardown?.report?.removed ?? [])].sort()).toEqual([
      'order',
      'payment',
      'shipment',
    ]);
    expect(await leftovers()).toEqual({
      esms: [],
      aliases: [],
      secrets: [],
      associated: [],
      records: [],
    });
    expect(existedAtDisassociation).toEqual([true]);
    expect(
      aws.esm
        .commandNames()
        .filter((name) => name === DeleteEventSourceMappingCommand.name)
    ).toHaveLength(3);
    expect(cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(1);
    expect(responses).toEqual([
      {
        path: 'PUT /cloudformation-response?X-Amz-Signature=abc',
        headers: expect.objectContaining({ 'content-type': '' }),
        body: {
          Status: 'SUCCESS',
          Reason: 'kafka-inbound teardown removed 3 process(es)',
          PhysicalResourceId: TeardownDefaults.physicalResourceId,
          StackId: STACK_ID,
          RequestId: 'request-Delete',
          LogicalResourceId: 'Teardown',
          NoEcho: false,
        },
      },
    ]);
    expect(violations).toEqual([]);
  });

  it('provisions nothing for an upload event or a scheduled run that arrives after the teardown', async () => {
    // Prepare
    const run = await provision();
    await run(request('Delete'), context());
    const version = await aws.upload('order.bpmn', order());

    // Act
    const late = await run(
      aws.notification('created', 'order.bpmn', version),
      aws.context()
    );
    const scheduled = await run(SCHEDULED_CHECK_EVENT, aws.context());

    // Assess
    expect(late.outcomes[0]?.outcome).toMatchObject({ kind: 'skipped' });
    expect(scheduled).toMatchObject({ discovery: [], checks: [] });
    expect((await leftovers()).esms).toEqual([]);
  });

  it('keeps the platform when the stack rolls back an update, and does nothing on Create and Update', async () => {
    // Prepare
    const run = await provision();
    const before = await leftovers();
    stackStatus = 'UPDATE_ROLLBACK_IN_PROGRESS';

    // Act
    const created = await run(request('Create'), context());
    const updated = await run(request('Update'), context());
    const rolledBack = await run(request('Delete'), context());

    // Assess
    expect(
      [created, updated, rolledBack].map((result) => result.teardown?.status)
    ).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(
      responses.map((response) => response.body.PhysicalResourceId)
    ).toEqual(Array(3).fill(TeardownDefaults.physicalResourceId));
    expect(await leftovers()).toEqual(before);
    expect(violations).toEqual([]);
  });

  it('answers FAILED with the reason, and removes nothing, when the stack’s status cannot be read', async () => {
    // Prepare
    const run = await provision();
    const before = await leftovers();
    cloudFormation.on(DescribeStacksCommand).rejects(
      Object.assign(
        new Error('User is not authorized to perform DescribeStacks'),
        {
          name: 'AccessDenied',
        }
      )
    );

    // Act
    const result = await run(request('Delete'), context());

    // Assess
    expect(result.teardown?.status).toBe('FAILED');
    expect(responses.map((response) => response.body)).toEqual([
      expect.objectContaining({
        Status: 'FAILED',
        Reason:
          "kafka-inbound teardown could not read the stack's status, so it removed nothing: AccessDenied: User is not authorized to perform DescribeStacks",
      }),
    ]);
    expect(await leftovers()).toEqual(before);
  });
});

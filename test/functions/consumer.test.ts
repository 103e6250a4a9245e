import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import avsc from 'avsc/lib/types.js';
import type { Context } from 'aws-lambda';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { createConsumerHandler } from '../../functions/consumer.js';
import {
  BindingNotFoundError,
  createDocumentClient,
  FunctionAliasMissingError,
  putBindingRecord,
} from '../../lib/aws/index.js';
import { ConsumerBatchFailedError } from '../../lib/consumer/index.js';
import type { DeployedBinding } from '../../lib/consumer/types.js';
import { KafkaEventInvalidError } from '../../lib/kafka/index.js';
import type { KafkaEvent, KafkaEventRecord } from '../../lib/kafka/types.js';
import { captureOutput, type OutputCapture } from '../aws/captureOutput.js';
import {
  createBindingTable,
  createIdempotencyTable,
  createQueue,
  motoClients,
} from '../aws/helpers.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  deployedBindingFactory,
  kafkaEventFactory,
  kafkaRecordFactory,
} from '../support/factories/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import { startSchemaRegistryDouble } from '../support/schema-registry-double.js';

const CLIENT_SECRET = 'double-client-secret-4f9c2e';
const BINDING_TABLE = 'bindings';
const IDEMPOTENCY_TABLE = 'idempotency';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:consumer';

const contextFor = (invokedFunctionArn: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'consumer',
  functionVersion: '3',
  invokedFunctionArn,
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/consumer',
  logStreamName: '2026/11/26/[3]abc',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** An MSK event with the given records, grouped as the ESM groups them. */
const eventOf = (records: readonly KafkaEventRecord[]): KafkaEvent => ({
  ...kafkaEventFactory(records, 'aws:kafka'),
  eventSourceArn:
    'arn:aws:kafka:eu-west-1:123456789012:cluster/demo/6b7c5b1e-1',
  bootstrapServers: 'b-1.demo.kafka.eu-west-1.amazonaws.com:9098',
});

/** A record whose value tells the Camunda double how to answer. */
const order = (partition: number, offset: number, action = 'ok') =>
  kafkaRecordFactory({
    partition,
    offset,
    key: Buffer.from(`order-${offset}`).toString('base64'),
    json: { orderId: offset, action },
  });

const actionOf = (body: unknown): unknown => {
  const variables = (body as { variables?: { kafka?: { value?: unknown } } })
    ?.variables;
  return (variables?.kafka?.value as { action?: unknown } | undefined)?.action;
};

describe('Function: createConsumerHandler', () => {
  let moto: Moto;
  let camunda: CamundaDouble;
  let dynamoDb: DynamoDBClient;
  let sqs: SQSClient;
  let secretsManager: SecretsManagerClient;
  let queueUrl: string;
  let secretArn: string;
  let output: OutputCapture;

  beforeAll(async () => {
    [moto, camunda] = await Promise.all([
      startMoto(),
      startCamundaDouble({
        auth: {
          mode: 'oauth',
          clientId: 'consumer',
          clientSecret: CLIENT_SECRET,
        },
      }),
    ]);
    ({ dynamoDb, sqs } = motoClients(moto));
    secretsManager = new SecretsManagerClient(moto.clientConfig);
  });

  beforeEach(async () => {
    await moto.reset();
    camunda.reset();
    await Promise.all([
      createBindingTable(dynamoDb, BINDING_TABLE),
      createIdempotencyTable(dynamoDb, IDEMPOTENCY_TABLE),
    ]);
    queueUrl = await createQueue(sqs, 'dead-letters');
    const secret = await secretsManager.send(
      new CreateSecretCommand({
        Name: 'kafka-inbound/camunda',
        SecretString: JSON.stringify({ clientSecret: CLIENT_SECRET }),
      })
    );
    secretArn = secret.ARN ?? '';
    // 400 and 503 for the records that ask for them, whatever the order.
    camunda.setFault((request) => {
      const action = actionOf(request.body);
      if (action === 'reject') return faults.status(400);
      if (action === 'busy') return faults.backpressure();
      return undefined;
    });
    output = captureOutput();
  });

  afterEach(() => {
    output.restore();
  });

  afterAll(async () => {
    await Promise.all([moto?.stop(), camunda?.close()]);
  });

  const storeBinding = async (deployed: DeployedBinding) => {
    await putBindingRecord(
      { client: createDocumentClient(dynamoDb), tableName: BINDING_TABLE },
      {
        bindingId: deployed.binding.id,
        processId: deployed.binding.processId,
        revision: deployed.binding.revision,
        deployed,
        sourceKey: 'processes/order.bpmn',
        sourceVersion: 'v1',
        secretArns: [],
        updatedAt: '2026-11-26T00:00:00.000Z',
      }
    );
  };

  const makeHandler = (secretCacheTtlMs?: number) => {
    const { CAMUNDA_CLIENT_SECRET: _secret, ...camundaEnv } = camunda.env();
    return createConsumerHandler({
      env: {
        ...camundaEnv,
        CAMUNDA_SECRET_ARN: secretArn,
        BINDING_TABLE_NAME: BINDING_TABLE,
        IDEMPOTENCY_TABLE_NAME: IDEMPOTENCY_TABLE,
        DEAD_LETTER_QUEUE_URL: queueUrl,
      },
      logger: new Logger({
        serviceName: 'kafka-inbound-consumer',
        logLevel: 'DEBUG',
      }),
      metrics: new Metrics({
        namespace: 'KafkaInbound',
        serviceName: 'kafka-inbound-consumer',
      }),
      dynamoDb,
      sqs,
      secretsManager,
      secretCacheTtlMs,
    });
  };

  const deadLetters = async (): Promise<Message[]> => {
    const messages: Message[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
        })
      );
      if ((result.Messages ?? []).length === 0) break;
      messages.push(...(result.Messages ?? []));
    }
    return messages;
  };

  const createRequests = () =>
    camunda
      .requestsTo('/v2/process-instances', 'POST')
      .map(
        (request) =>
          (request.body as { variables: { kafka: { offset: number } } })
            .variables.kafka.offset
      )
      .sort((a, b) => a - b);

  const deployed = deployedBindingFactory();
  const aliasArn = `${FUNCTION_ARN}:${deployed.binding.id}`;

  it('reports the first retry of each partition, dead-letters poison records to SQS and creates one instance per done record', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler();
    const event = eventOf([
      order(0, 10),
      order(0, 11, 'reject'),
      order(0, 12),
      order(1, 20),
      order(1, 21, 'busy'),
      order(1, 22),
    ]);

    // Act
    const response = await handler(event, contextFor(aliasArn));

    // Assess
    expect(response).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders-1', offset: 21 } },
      ],
    });
    expect(createRequests()).toEqual([10, 11, 12, 20, 21]);
    expect(
      camunda.instances.map((instance) => instance.processDefinitionId)
    ).toEqual(['order-process', 'order-process', 'order-process']);
    const letters = await deadLetters();
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters[0]?.Body ?? 'null')).toMatchObject({
      processId: 'order-process',
      bindingId: deployed.binding.id,
      bindingRevision: 'rev-1',
      elementId: 'StartEvent_Kafka',
      topic: 'orders',
      partition: 0,
      offset: 11,
      key: 'order-11',
      classification: 'poison',
      reason: 'camunda-rejected',
      status: 400,
      record: order(0, 11, 'reject'),
    });
    expect(letters[0]?.MessageAttributes?.reason?.StringValue).toBe(
      'camunda-rejected'
    );
    // The client authenticated with the secret from Secrets Manager.
    expect(camunda.requestsTo('/oauth/token')[0]?.body).toMatchObject({
      client_secret: CLIENT_SECRET,
    });
  });

  it('does not create an instance again when a partition is redelivered from its retried offset', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler();
    await handler(
      eventOf([order(1, 20), order(1, 21, 'busy'), order(1, 22)]),
      contextFor(aliasArn)
    );
    camunda.setFault(undefined);

    // Act
    const response = await handler(
      eventOf([order(1, 20), order(1, 21, 'busy'), order(1, 22)]),
      contextFor(aliasArn)
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(createRequests()).toEqual([20, 21, 21, 22]);
    expect(camunda.instances).toHaveLength(3);
  });

  it('builds a new Camunda client with the new credentials once the secret has changed', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler(0);
    await handler(eventOf([order(0, 10)]), contextFor(aliasArn));
    await secretsManager.send(
      new PutSecretValueCommand({
        SecretId: secretArn,
        SecretString: JSON.stringify({ clientSecret: 'rotated-secret' }),
      })
    );

    // Act
    const response = await handler(
      eventOf([order(0, 11)]),
      contextFor(aliasArn)
    );

    // Assess
    const sentSecrets = camunda
      .requestsTo('/oauth/token')
      .map(
        (request) => (request.body as { client_secret?: string }).client_secret
      );
    expect(sentSecrets).toEqual([CLIENT_SECRET, 'rotated-secret']);
    // The double does not know the rotated secret: the record is retried.
    expect(response).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders-0', offset: 11 } },
      ],
    });
  });

  it('throws FunctionAliasMissingError and logs why when invoked without an alias', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler();

    // Act
    const error = await handler(
      eventOf([order(0, 1)]),
      contextFor(FUNCTION_ARN)
    ).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(FunctionAliasMissingError);
    expect(camunda.requests).toHaveLength(0);
    expect(output.logs()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'cannot process the batch: setup failed',
        errorName: 'FunctionAliasMissingError',
        invokedFunctionArn: FUNCTION_ARN,
      })
    );
  });

  it('throws BindingNotFoundError and calls nobody when the alias has no binding record', async () => {
    // Prepare
    const handler = makeHandler();

    // Act
    const error = await handler(
      eventOf([order(0, 1)]),
      contextFor(`${FUNCTION_ARN}:unknown-binding`)
    ).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(BindingNotFoundError);
    expect(error).toMatchObject({ bindingId: 'unknown-binding' });
    expect(camunda.requests).toHaveLength(0);
    expect(output.logs()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        errorName: 'BindingNotFoundError',
        bindingId: 'unknown-binding',
      })
    );
  });

  it('throws KafkaEventInvalidError for an event that is not a Kafka event', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler();

    // Act
    const error = await handler(
      { Records: [{ eventSource: 'aws:sqs' }] },
      contextFor(aliasArn)
    ).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(KafkaEventInvalidError);
    expect(camunda.requests).toHaveLength(0);
  });

  it('throws ConsumerBatchFailedError listing the retries when the binding runs on an on-demand ESM', async () => {
    // Prepare
    await storeBinding(deployedBindingFactory({ esmMode: 'onDemand' }));
    const handler = makeHandler();

    // Act
    const error = await handler(
      eventOf([order(0, 10), order(1, 20, 'busy')]),
      contextFor(aliasArn)
    ).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(ConsumerBatchFailedError);
    expect(error).toMatchObject({
      failures: [{ itemIdentifier: { partition: 'orders-1', offset: 20 } }],
    });
  });

  it('returns an empty response on an on-demand ESM when every record is done', async () => {
    // Prepare
    await storeBinding(deployedBindingFactory({ esmMode: 'onDemand' }));
    const handler = makeHandler();

    // Act
    const response = await handler(
      eventOf([order(0, 10), order(1, 20)]),
      contextFor(aliasArn)
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('never logs the Camunda client secret, and each record line carries process, element and record coordinates', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler();

    // Act
    await handler(
      eventOf([order(0, 10), order(0, 11, 'reject'), order(1, 20, 'busy')]),
      contextFor(aliasArn)
    );
    // A setup failure logs too: make one happen with the same container.
    await handler(
      eventOf([order(0, 12)]),
      contextFor(`${FUNCTION_ARN}:missing`)
    ).catch(() => undefined);

    // Assess
    expect(output.text()).not.toContain(CLIENT_SECRET);
    const recordLines = output
      .logs()
      .filter((line) => typeof line.offset === 'number');
    expect(recordLines.length).toBeGreaterThanOrEqual(6);
    for (const line of recordLines) {
      expect(line).toMatchObject({
        processId: 'order-process',
        bindingId: deployed.binding.id,
        topic: 'orders',
        partition: expect.any(Number),
        offset: expect.any(Number),
      });
    }
    expect(recordLines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'process instance created',
        elementId: 'StartEvent_Kafka',
        partition: 0,
        offset: 10,
        function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      })
    );
  });

  it('publishes metrics per dimension set in the KafkaInbound namespace', async () => {
    // Prepare
    await storeBinding(deployed);
    const handler = makeHandler();

    // Act
    await handler(
      eventOf([order(0, 10), order(0, 11, 'reject')]),
      contextFor(aliasArn)
    );

    // Assess
    const documents = output
      .metrics()
      .filter((document) => 'processId' in document);
    expect(documents).toEqual([
      expect.objectContaining({
        processId: 'order-process',
        bindingId: deployed.binding.id,
        received: 2,
      }),
      expect.objectContaining({
        processId: 'order-process',
        elementId: 'StartEvent_Kafka',
        activated: 2,
        created: 1,
        deadLettered: 1,
        // lib/consumer reports a latency for done calls only.
        camundaLatency: expect.any(Number),
      }),
    ]);
    const namespaces = documents.map(
      (document) =>
        (document._aws as { CloudWatchMetrics: { Namespace: string }[] })
          .CloudWatchMetrics[0]?.Namespace
    );
    expect(namespaces).toEqual(['KafkaInbound', 'KafkaInbound']);
  });
  it('stops starting records when one more call would not fit before the timeout, and counts the stop', async () => {
    // Prepare: 30 s left, each call takes 1.5 s of it; the default request
    // timeout (10 s) and margin (2 s) are kept free.
    await storeBinding(deployed);
    const handler = makeHandler();
    const calls = () => camunda.requestsTo('/v2/process-instances').length;
    const context = {
      ...contextFor(aliasArn),
      getRemainingTimeInMillis: () => 30_000 - 1500 * calls(),
    };
    const records = Array.from({ length: 20 }, (_, offset) => order(0, offset));

    // Act
    const response = await handler(eventOf(records), context);

    // Assess: records start with 30 s … 12 s left: offsets 0 to 12.
    expect(response).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders-0', offset: 13 } },
      ],
    });
    expect(createRequests()).toEqual(
      Array.from({ length: 13 }, (_, offset) => offset)
    );
    expect(output.logs()).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message:
          'partition stopped at the deadline: its records from this offset are delivered again',
        partition: 0,
        offset: 13,
      })
    );
    expect(output.metrics()).toContainEqual(
      expect.objectContaining({
        processId: 'order-process',
        bindingId: deployed.binding.id,
        deadlineStops: 1,
      })
    );
  });

  it('does not publish again what another container resolved after the retried offset (key mode)', async () => {
    // Prepare: every record has its own key; offset 11 is busy once.
    const keyed = deployedBindingFactory({
      ordering: 'key',
      binding: {
        // Compiled bindings are cached by id and revision: a revision of
        // its own.
        revision: 'rev-key-1',
        elements: [
          {
            elementId: 'CatchEvent_Kafka',
            kind: 'intermediateCatchEvent',
            messageName: 'order-paid',
            correlationKeyExpression: '=string(value.orderId)',
            consumeUnmatchedEvents: true,
            correlationRequired: true,
            messageTtlMs: 3_600_000,
            resultVariable: 'kafka',
          },
        ],
      },
    });
    await storeBinding(keyed);
    const published = () =>
      camunda
        .requestsTo('/v2/messages/publication', 'POST')
        .map((request) => (request.body as { messageId: string }).messageId);
    const records = [
      order(0, 10),
      order(0, 11, 'busy'),
      order(0, 12),
      order(0, 13),
    ];
    const first = await makeHandler()(eventOf(records), contextFor(aliasArn));
    camunda.setFault(undefined);

    // Act: the partition comes back from 11, to another container.
    const second = await makeHandler()(
      eventOf(records.slice(1)),
      contextFor(aliasArn)
    );

    // Assess
    expect(first).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders-0', offset: 11 } },
      ],
    });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(published()).toEqual([
      'orders-0-10',
      'orders-0-11',
      'orders-0-12',
      'orders-0-13',
      'orders-0-11',
    ]);
  });

  it('decodes registry records the ESM delivered in SOURCE format, with the credentials of the per-binding secret', async () => {
    // Prepare
    const registry = await startSchemaRegistryDouble({
      basicAuth: { username: 'reader', password: 'sr-secret-value' },
    });
    try {
      const schema = {
        type: 'record',
        name: 'Order',
        fields: [
          { name: 'orderId', type: 'int' },
          { name: 'action', type: 'string' },
        ],
      };
      const schemaId = registry.register(JSON.stringify(schema));
      const registryBinding = deployedBindingFactory({
        binding: {
          ...deployed.binding,
          id: 'order-process-registry',
          kafka: {
            ...deployed.binding.kafka,
            schema: {
              type: 'schemaRegistry',
              schemaType: 'avro',
              schemaRegistryUrl: registry.url,
            },
            clientProperties: {
              'basic.auth.credentials.source': 'USER_INFO',
              'basic.auth.user.info': 'reader:sr-secret-value',
            },
          },
        },
      });
      await storeBinding(registryBinding);
      await secretsManager.send(
        new CreateSecretCommand({
          Name: 'kafka-inbound/order-process-registry/schema_registry_basic_auth',
          SecretString: JSON.stringify({
            username: 'reader',
            password: 'sr-secret-value',
          }),
        })
      );
      const type = avsc.Type.forSchema(schema);
      const sourceRecord = (offset: number, value: Buffer | string) =>
        kafkaRecordFactory({
          offset,
          value: Buffer.from(value).toString('base64'),
          valueSchemaMetadata: { dataFormat: 'AVRO', schemaId: `${schemaId}` },
        });
      const handler = makeHandler();

      // Act
      const response = await handler(
        eventOf([
          sourceRecord(0, type.toBuffer({ orderId: 7, action: 'ok' })),
          sourceRecord(1, 'not avro'),
        ]),
        contextFor(`${FUNCTION_ARN}:order-process-registry`)
      );

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      const [create] = camunda.requestsTo('/v2/process-instances', 'POST');
      const body = create?.body as
        | { variables: { kafka: { value: unknown } } }
        | undefined;
      expect(body?.variables.kafka.value).toEqual({ orderId: 7, action: 'ok' });
      const letters = await deadLetters();
      expect(letters).toHaveLength(1);
      expect(JSON.parse(letters[0]?.Body ?? '{}')).toMatchObject({
        offset: 1,
        reason: 'undecodable-record',
      });
      expect(output.text()).not.toContain('sr-secret-value');
    } finally {
      await registry.close();
    }
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import {
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { createConsumerHandler } from '../../functions/consumer.js';
import { createProvisionerHandler } from '../../functions/provisioner.js';
import { createDocumentClient } from '../../lib/aws/index.js';
import { main } from '../../lib/cli/main.js';
import type { KafkaEvent } from '../../lib/kafka/types.js';
import { captureOutput, type OutputCapture } from '../aws/captureOutput.js';
import { createIdempotencyTable, createQueue } from '../aws/helpers.js';
import { captureIo } from '../cli/cliIo.js';
import {
  FUNCTION_ARN,
  type ProvisionerTestEnv,
  REGION,
  startProvisionerEnv,
} from '../functions/helpers/provisionerEnv.js';
import { bpmnXml } from '../support/bpmn.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';

// Each has characters that JSON escapes (" and \) so the escaped form
// differs, and a space and a + so that %XX and form encoding (+) differ too.
const SECRETS = {
  kafkaReferenced: 'kafkaRef-Pw_5e1f"q\\x9',
  kafkaLiteral: 'literal-Pw_7c1e"q\\y8',
  camundaClientSecret: 'camunda-Cs 55+aa"q\\z7',
  camundaBasicPassword: 'basic-Pw_0b9d"q\\w6',
  wrongClientSecret: 'wrong-Cs 3a+3a"q\\v5',
  registryLiteral: 'registry-Pw_6d2c"q\\u4',
} as const;

/** The part of a secret's base64 that is its own at each alignment. */
const base64Cores = (secret: string): string[] =>
  [0, 1, 2].map((shift) => {
    const bytes = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]);
    return bytes
      .toString('base64')
      .slice(Math.ceil((shift * 8) / 6), Math.floor((bytes.length * 8) / 6));
  });

/** Every form a secret could leak in. */
const formsOf = (secret: string): string[] => [
  secret,
  JSON.stringify(secret).slice(1, -1),
  JSON.stringify(JSON.stringify(secret)).slice(1, -1),
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
  ...base64Cores(secret),
  encodeURIComponent(secret),
  encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  // As a form field (application/x-www-form-urlencoded): + for a space.
  new URLSearchParams({ s: secret }).toString().slice(2),
  // The distinctive part alone: a message that cut or re-escaped the value.
  secret.slice(0, secret.indexOf('"')),
];

const FORMS = Object.entries(SECRETS).flatMap(([name, secret]) =>
  formsOf(secret).map((form) => ({ name, form }))
);

/** Texts captured from one place (logs, an item, a CLI line, an error). */
interface Capture {
  readonly where: string;
  readonly text: string;
}

const leaksIn = (captures: readonly Capture[]): string[] =>
  captures.flatMap(({ where, text }) =>
    FORMS.filter(({ form }) => text.includes(form)).map(
      ({ name, form }) => `${name} (as "${form}") in ${where}`
    )
  );

/** An error with its cause chain, as text. */
const errorText = (error: unknown): string => {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof Error) {
      parts.push(
        current.name,
        current.message,
        current.stack ?? '',
        JSON.stringify(current)
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join('\n');
};

const BASIC_USER = 'basic-user';
const CLIENT_ID = 'kafka-inbound';

const orderXml = (
  password: string,
  processId: string,
  elementId: string,
  registryPassword?: string
) =>
  bpmnXml({
    id: processId,
    elements: [
      {
        id: elementId,
        topic: 'orders',
        groupId: `${processId}-group`,
        username: 'app',
        password,
        ...(registryPassword === undefined
          ? {}
          : {
              registry: { url: 'https://registry.example.com', type: 'avro' },
              additional: {
                'basic.auth.credentials.source': 'USER_INFO',
                'basic.auth.user.info': `reader:${registryPassword}`,
              },
            }),
      },
    ],
  });

const REFERENCED_XML = orderXml(
  '{{secrets.KAFKA_PASSWORD}}',
  'order',
  'Placed'
);
const LITERAL_XML = orderXml(SECRETS.kafkaLiteral, 'literal', 'Typed');
// A schema registry password typed into additionalProperties.
const REGISTRY_XML = orderXml(
  '{{secrets.KAFKA_PASSWORD}}',
  'registry',
  'Framed',
  SECRETS.registryLiteral
);
const MISSING_XML = orderXml('{{secrets.MISSING}}', 'missing', 'Gone');

const record = (offset: number, action = 'ok') => ({
  topic: 'orders',
  partition: 0,
  offset,
  timestamp: 1_767_225_600_000 + offset,
  timestampType: 'CREATE_TIME',
  key: Buffer.from(`order-${offset}`).toString('base64'),
  value: Buffer.from(JSON.stringify({ orderId: offset, action })).toString(
    'base64'
  ),
  headers: [],
});

const eventOf = (...records: ReturnType<typeof record>[]): KafkaEvent => ({
  eventSource: 'SelfManagedKafka',
  bootstrapServers: 'broker-1:9092',
  records: { 'orders-0': records },
});

const actionOf = (body: unknown): unknown =>
  (
    (body as { variables?: { event?: { value?: { action?: unknown } } } })
      ?.variables?.event?.value as { action?: unknown } | undefined
  )?.action;

const contextFor = (invokedFunctionArn: string): Context =>
  ({
    awsRequestId: 'request-1',
    functionName: 'consumer',
    functionVersion: '1',
    invokedFunctionArn,
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/consumer',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

describe('Secrets never leak', () => {
  let aws: ProvisionerTestEnv;
  let oauth: CamundaDouble;
  let basic: CamundaDouble;
  let sqs: SQSClient;
  let dir: string;
  let output: OutputCapture;
  let captures: Capture[];
  const consoleSpies: ReturnType<typeof vi.spyOn>[] = [];

  beforeAll(async () => {
    [aws, oauth, basic] = await Promise.all([
      startProvisionerEnv(),
      startCamundaDouble({
        auth: {
          mode: 'oauth',
          clientId: CLIENT_ID,
          clientSecret: SECRETS.camundaClientSecret,
        },
      }),
      startCamundaDouble({
        auth: {
          mode: 'basic',
          username: BASIC_USER,
          password: SECRETS.camundaBasicPassword,
        },
      }),
    ]);
    sqs = new SQSClient({ ...aws.moto.clientConfig, region: REGION });
    dir = await mkdtemp(join(tmpdir(), 'secrets-never-leak-'));
    await writeFile(join(dir, 'order.bpmn'), REFERENCED_XML);
    await writeFile(join(dir, 'literal.bpmn'), LITERAL_XML);
    await writeFile(join(dir, 'registry.bpmn'), REGISTRY_XML);
    await writeFile(
      join(dir, 'events.json'),
      JSON.stringify(eventOf(record(1), record(2, 'reject'), record(3)))
    );
  });

  afterAll(async () => {
    await Promise.all([aws?.stop(), oauth?.close(), basic?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await aws.reset();
    oauth.reset();
    basic.reset();
    await aws.createReferencedSecret('KAFKA_PASSWORD', SECRETS.kafkaReferenced);
    // 400 (poison) and 503 (retry) for the records that ask for them.
    for (const double of [oauth, basic]) {
      double.setFault((request) => {
        const action = actionOf(request.body);
        if (action === 'reject') return faults.status(400);
        if (action === 'busy') return faults.status(503);
        return undefined;
      });
    }
    captures = [];
    output = captureOutput();
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      consoleSpies.push(
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          captures.push({
            where: `console.${method}`,
            text: args.map((a) => errorText(a) || String(a)).join(' '),
          });
        })
      );
    }
  });

  afterEach(async () => {
    output.restore();
    for (const spy of consoleSpies.splice(0)) spy.mockRestore();
  });

  /** Everything stored, sent or written so far, with the captures of the test. */
  const everything = async (): Promise<Capture[]> => {
    const tables = await aws.dynamo.send(new ListTablesCommand({}));
    const items: Capture[] = [];
    for (const table of tables.TableNames ?? []) {
      const scanned = await aws.dynamo.send(
        new ScanCommand({ TableName: table })
      );
      items.push({
        where: `DynamoDB table ${table}`,
        text: JSON.stringify(scanned.Items ?? []),
      });
    }
    const queues = await sqs.send(new ListQueuesCommand({}));
    for (const queueUrl of queues.QueueUrls ?? []) {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
          VisibilityTimeout: 0,
        })
      );
      items.push({
        where: `SQS ${queueUrl}`,
        text: JSON.stringify(received.Messages ?? []),
      });
    }
    return [
      ...captures,
      ...items,
      { where: 'stdout/stderr (Powertools)', text: output.text() },
      {
        where: 'ESM requests',
        text: JSON.stringify(aws.esm.createRequests()),
      },
    ];
  };

  const provisioner = (camundaEnv: Record<string, string>) =>
    createProvisionerHandler({
      env: { ...aws.env, ...camundaEnv, DEPLOY_TO_CAMUNDA: 'true' },
      clients: {
        s3: aws.s3,
        dynamo: createDocumentClient(aws.dynamo),
        secretsManager: aws.secretsManager,
        lambda: aws.lambda,
        esm: aws.esmClient,
      },
      logger: new Logger({
        serviceName: 'kafka-inbound-provisioner',
        logLevel: 'DEBUG',
      }),
      sleep: async () => undefined,
    });

  const provision = async (
    name: string,
    xml: string,
    camundaEnv: Record<string, string> = oauth.env()
  ): Promise<unknown> => {
    const version = await aws.upload(name, xml);
    try {
      return await provisioner(camundaEnv)(
        aws.notification('created', name, version),
        aws.context()
      );
    } catch (error) {
      captures.push({
        where: `provisioner error (${name})`,
        text: errorText(error),
      });
      return error;
    }
  };

  it('keeps them out of the provisioner: success, missing secret, wrong Camunda credentials', async () => {
    // Act
    const applied = await provision('order.bpmn', REFERENCED_XML);
    const literal = await provision('literal.bpmn', LITERAL_XML);
    const registry = await provision('registry.bpmn', REGISTRY_XML);
    const missing = await provision('missing.bpmn', MISSING_XML);
    const wrong = await provision('order.bpmn', `${REFERENCED_XML}\n`, {
      ...oauth.env(),
      CAMUNDA_CLIENT_SECRET: SECRETS.wrongClientSecret,
    });
    captures.push({
      where: 'provisioner results',
      text: JSON.stringify([applied, literal, registry, missing, wrong]),
    });

    // Assess: the paths ran as intended.
    expect(applied).toMatchObject({
      outcomes: [{ outcome: { kind: 'applied' } }],
    });
    expect(literal).toMatchObject({
      outcomes: [{ outcome: { kind: 'applied' } }],
    });
    expect(registry).toMatchObject({
      outcomes: [{ outcome: { kind: 'applied' } }],
    });
    expect(missing).toMatchObject({
      outcomes: [{ outcome: { kind: 'rejected' } }],
    });
    expect(errorText(wrong)).toContain('HTTP 401 invalid_client');
    expect(aws.esm.createRequests()).toHaveLength(3);
    const all = await everything();
    expect(
      all.some(
        (c) =>
          c.where.startsWith('DynamoDB') &&
          c.text.includes('Secret \\"MISSING\\"')
      )
    ).toBe(true);
    expect(output.logs().length).toBeGreaterThan(0);
    expect(leaksIn(all)).toEqual([]);
  });

  it('keeps them out of the consumer: success, poison, retry, wrong and missing Camunda secret', async () => {
    // Prepare
    await provision('order.bpmn', REFERENCED_XML);
    const { dynamoDb } = { dynamoDb: aws.dynamo };
    await createIdempotencyTable(dynamoDb, 'idempotency');
    const queueUrl = await createQueue(sqs, 'dead-letters');
    const camundaSecret = async (name: string, clientSecret: string) =>
      (
        await aws.secretsManager.send(
          new CreateSecretCommand({
            Name: name,
            SecretString: JSON.stringify({ clientSecret }),
          })
        )
      ).ARN ?? '';
    const goodArn = await camundaSecret(
      'camunda/good',
      SECRETS.camundaClientSecret
    );
    const wrongArn = await camundaSecret(
      'camunda/wrong',
      SECRETS.wrongClientSecret
    );
    const { CAMUNDA_CLIENT_SECRET: _omitted, ...camundaEnv } = oauth.env();
    const handler = (secretArn: string) =>
      createConsumerHandler({
        env: {
          ...camundaEnv,
          CAMUNDA_SECRET_ARN: secretArn,
          BINDING_TABLE_NAME: 'bindings',
          IDEMPOTENCY_TABLE_NAME: 'idempotency',
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
        secretsManager: aws.secretsManager,
      });
    const context = contextFor(`${FUNCTION_ARN}:order--Placed`);
    const invoke = async (secretArn: string, event: KafkaEvent) => {
      try {
        return await handler(secretArn)(event, context);
      } catch (error) {
        captures.push({ where: 'consumer error', text: errorText(error) });
        return error;
      }
    };

    // Act
    const ok = await invoke(
      goodArn,
      eventOf(record(1), record(2, 'reject'), record(3, 'busy'))
    );
    const wrong = await invoke(wrongArn, eventOf(record(10)));
    const missing = await invoke(
      goodArn.replace('camunda/good', 'camunda/absent'),
      eventOf(record(20))
    );
    captures.push({
      where: 'consumer responses',
      text: JSON.stringify([ok, wrong, missing]),
    });

    // Assess: the paths ran as intended.
    expect(ok).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders-0', offset: 3 } },
      ],
    });
    expect(oauth.messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(wrong)).toMatch(/401|offset/);
    expect(missing).toBeInstanceOf(Error);
    const all = await everything();
    expect(
      all.some(
        (c) => c.where.startsWith('SQS') && c.text.includes('camunda-rejected')
      )
    ).toBe(true);
    expect(output.logs().length).toBeGreaterThan(0);
    expect(leaksIn(all)).toEqual([]);
  });

  it('keeps them out of the consumer when the token endpoint echoes the request in every encoding', async () => {
    // Prepare: a token endpoint that quotes what it was sent, form-encoded
    // (+ for a space), %XX-encoded, base64 and JSON-escaped, in its
    // error_description and in a non-standard field.
    await provision('order.bpmn', REFERENCED_XML);
    await createIdempotencyTable(aws.dynamo, 'idempotency');
    const queueUrl = await createQueue(sqs, 'dead-letters');
    const secretArn =
      (
        await aws.secretsManager.send(
          new CreateSecretCommand({
            Name: 'camunda/echoed',
            SecretString: JSON.stringify({
              clientSecret: SECRETS.camundaClientSecret,
            }),
          })
        )
      ).ARN ?? '';
    oauth.setFault((request) => {
      if (request.path !== '/oauth/token') return undefined;
      const form = (request.body ?? {}) as Record<string, string>;
      const secret = form.client_secret ?? '';
      const echoes = [
        new URLSearchParams(form).toString(),
        encodeURIComponent(secret),
        Buffer.from(`${form.client_id}:${secret}`).toString('base64'),
        JSON.stringify(form),
      ].join(' | ');
      return faults.status(400, {
        body: {
          error: `invalid_request ${echoes}`,
          error_description: `rejected\n${echoes}`,
          request: form,
        },
      });
    });
    const { CAMUNDA_CLIENT_SECRET: _omitted, ...camundaEnv } = oauth.env();
    const handler = createConsumerHandler({
      env: {
        ...camundaEnv,
        CAMUNDA_SECRET_ARN: secretArn,
        BINDING_TABLE_NAME: 'bindings',
        IDEMPOTENCY_TABLE_NAME: 'idempotency',
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
      dynamoDb: aws.dynamo,
      sqs,
      secretsManager: aws.secretsManager,
    });

    // Act
    const response = await handler(
      eventOf(record(1), record(2)),
      contextFor(`${FUNCTION_ARN}:order--Placed`)
    );
    captures.push({
      where: 'consumer response',
      text: JSON.stringify(response),
    });

    // Assess: the echo ran, every record waits, nothing leaked.
    expect(oauth.requestsTo('/oauth/token').length).toBeGreaterThan(0);
    expect(response).toEqual({
      batchItemFailures: [
        { itemIdentifier: { partition: 'orders-0', offset: 1 } },
      ],
    });
    expect(output.text()).toContain('invalid_request');
    expect(leaksIn(await everything())).toEqual([]);
  });

  it('keeps them out of the CLI: validate (JSON and readable), replay (dry run, OAuth, basic, wrong secret), status', async () => {
    // Prepare
    await provision('order.bpmn', REFERENCED_XML);
    const bpmn = join(dir, 'literal.bpmn');
    const events = join(dir, 'events.json');
    const deadLetterFile = join(dir, 'dead-letters.jsonl');
    const runs: { args: string[]; env: NodeJS.ProcessEnv }[] = [
      { args: ['validate', '--json', bpmn], env: {} },
      { args: ['validate', bpmn], env: {} },
      { args: ['validate', join(dir, 'order.bpmn')], env: {} },
      {
        args: ['replay', '--bpmn', bpmn, '--events', events, '--dry-run'],
        env: oauth.env(),
      },
      {
        args: [
          'replay',
          '--bpmn',
          bpmn,
          '--events',
          events,
          '--dead-letter',
          deadLetterFile,
        ],
        env: oauth.env(),
      },
      {
        args: ['replay', '--bpmn', bpmn, '--events', events],
        env: basic.env(),
      },
      {
        args: ['replay', '--bpmn', bpmn, '--events', events],
        env: {
          ...oauth.env(),
          CAMUNDA_CLIENT_SECRET: SECRETS.wrongClientSecret,
        },
      },
      {
        args: ['replay', '--bpmn', bpmn, '--events', events],
        env: {
          ...basic.env(),
          CAMUNDA_BASIC_AUTH_PASSWORD: SECRETS.wrongClientSecret,
        },
      },
    ];
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: aws.moto.endpoint,
      AWS_ACCESS_KEY_ID: aws.moto.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.moto.clientConfig.credentials.secretAccessKey,
      AWS_REGION: REGION,
    });
    runs.push(
      { args: ['status', '--table', 'bindings'], env: {} },
      { args: ['status', '--json', '--table', 'bindings'], env: {} },
      { args: ['validate', '--json', join(dir, 'registry.bpmn')], env: {} },
      { args: ['validate', join(dir, 'registry.bpmn')], env: {} }
    );

    // Act
    const codes: number[] = [];
    try {
      for (const [index, { args, env }] of runs.entries()) {
        const io = captureIo({ ...env, AWS_REGION: REGION });
        codes.push(await main(args, io));
        captures.push({
          where: `run ${index}: kafka-inbound ${args.join(' ')}`,
          text: [...io.stdout, ...io.stderr].join('\n'),
        });
      }
    } finally {
      for (const key of Object.keys(process.env)) {
        if (!(key in saved)) delete process.env[key];
      }
      Object.assign(process.env, saved);
    }
    captures.push({
      where: 'replay dead-letter file',
      text: await readFile(deadLetterFile, 'utf8').catch(() => ''),
    });

    // Assess: the paths ran as intended.
    const text = (index: number) =>
      captures.find((c) => c.where.startsWith(`run ${index}:`))?.text ?? '';
    expect(codes.slice(0, 3)).toEqual([0, 0, 0]);
    expect(text(0)).toContain('"bindings"');
    // replay prints one outcome line per record (issue 17), not the ESM
    // response it printed before.
    expect(text(3)).toContain('would POST /v2/messages/publication');
    expect(oauth.messages.length + basic.messages.length).toBeGreaterThan(0);
    // Wrong credentials: Camunda answers 401, every record stays to retry.
    expect(text(6)).toMatch(/^orders-0@\d+ retry: .*401/m);
    expect(text(7)).toMatch(/^orders-0@\d+ retry: .*401/m);
    expect(codes.slice(6, 8)).toEqual([1, 1]);
    expect(text(8)).toContain('order');
    expect(
      captures.find((c) => c.where === 'replay dead-letter file')?.text
    ).toContain('camunda-rejected');
    expect(output.logs().length).toBeGreaterThan(0);
    expect(leaksIn(await everything())).toEqual([]);
  });
});

import { readFile } from 'node:fs/promises';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDocumentClient,
  putBindingRecord,
  sqsDeadLetterSink,
} from '../../lib/aws/index.js';
import { loadBindingModel } from '../../lib/binding/index.js';
import { main } from '../../lib/cli/main.js';
import type { DeadLetter } from '../../lib/consumer/types.js';
import {
  deployBinding,
  readPlatformDefaults,
} from '../../lib/platform/index.js';
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
import { type Moto, startMoto } from '../support/moto.js';
import { captureIo } from './cliIo.js';
import { exampleLetter } from './deadLetters.js';

const BINDINGS = 'bindings';
const IDEMPOTENCY = 'idempotency';

describe('Command: redrive (SQS dead-letter queue, binding store, idempotency table)', () => {
  let moto: Moto;
  let double: CamundaDouble;
  let sqs: SQSClient;
  let queueUrl: string;
  const saved = { endpoint: process.env.AWS_ENDPOINT_URL };

  beforeAll(async () => {
    [moto, double] = await Promise.all([startMoto(), startCamundaDouble()]);
    // The CLI builds its clients with the default chain: point it at moto.
    process.env.AWS_ENDPOINT_URL = moto.endpoint;
  });

  afterAll(async () => {
    if (saved.endpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved.endpoint;
    await Promise.all([moto?.stop(), double?.close()]);
  });

  beforeEach(async () => {
    await moto.reset();
    double.reset();
    const clients = motoClients(moto);
    sqs = clients.sqs;
    queueUrl = await createQueue(sqs, 'dead-letters');
    await createBindingTable(clients.dynamoDb, BINDINGS);
    await createIdempotencyTable(clients.dynamoDb, IDEMPOTENCY);
    // The binding store holds the current revision of the examples' bindings.
    for (const file of ['order-intake-process', 'payment-process']) {
      const model = await loadBindingModel(
        await readFile(`examples/${file}.bpmn`, 'utf8')
      );
      for (const binding of model.bindings) {
        await putBindingRecord(
          {
            client: createDocumentClient(clients.dynamoDb),
            tableName: BINDINGS,
          },
          {
            bindingId: binding.id,
            processId: binding.processId,
            revision: binding.revision,
            deployed: deployBinding(binding, readPlatformDefaults({})),
            sourceKey: `processes/${file}.bpmn`,
            sourceVersion: 'v1',
            secretArns: [],
            updatedAt: '2026-01-01T00:00:00.000Z',
          }
        );
      }
    }
  });

  const send = (letters: DeadLetter[]) =>
    sqsDeadLetterSink(queueUrl, sqs).send(letters);

  const queued = async (): Promise<Record<string, unknown>[]> => {
    const answer = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        MessageAttributeNames: ['All'],
      })
    );
    return (answer.Messages ?? []).map((message) => ({
      ...(JSON.parse(message.Body ?? '{}') as Record<string, unknown>),
      attributeReason: message.MessageAttributes?.reason?.StringValue,
    }));
  };

  const redrive = async (extra: string[] = []) => {
    const io = captureIo({
      ...double.env(),
      AWS_REGION: moto.clientConfig.region,
    });
    const code = await main(
      [
        'redrive',
        '--queue',
        queueUrl,
        '--table',
        BINDINGS,
        '--idempotency-table',
        IDEMPOTENCY,
        ...extra,
      ],
      io
    );
    return { code, io };
  };

  it('deletes the messages that are done, sends anew one dead-lettered again, and makes the others visible again', async () => {
    // Prepare
    double.setFault((request) =>
      (request.body as { messageId?: string } | undefined)?.messageId ===
      'payments-1-9'
        ? faults.status(400, { detail: 'the message name is not valid' })
        : undefined
    );
    await send([
      exampleLetter('order-intake', 4),
      exampleLetter('payment', 7),
      exampleLetter('payment', 9),
      exampleLetter('payment', 8, { bindingId: 'payment-process--Gone' }),
    ]);

    // Act
    const { code, io } = await redrive(['--json']);

    // Assess
    expect(code).toBe(1);
    const lines = io.stdout.map(
      (line) => JSON.parse(line) as Record<string, unknown>
    );
    const byOffset = Object.fromEntries(
      lines
        .filter((line) => line.type === 'letter')
        .map((line) => [line.offset, [line.outcome, line.disposition]])
    );
    expect(byOffset).toEqual({
      4: ['done', 'removed'],
      7: ['done', 'removed'],
      8: ['unknownBinding', 'kept'],
      9: ['deadLettered', 'kept'],
    });
    expect(lines.at(-1)).toMatchObject({
      type: 'summary',
      ok: false,
      removed: 2,
      kept: 2,
    });
    expect(double.instances).toHaveLength(1);
    const left = (await queued()).sort(
      (a, b) => Number(a.offset) - Number(b.offset)
    );
    expect(left).toEqual([
      expect.objectContaining({
        offset: 8,
        bindingId: 'payment-process--Gone',
      }),
      expect.objectContaining({
        offset: 9,
        status: 400,
        error: expect.stringContaining('the message name is not valid'),
        previousReason: 'camunda-rejected',
        attributeReason: 'camunda-rejected',
      }),
    ]);
  });

  it('creates nothing twice when a letter comes back after a run that created its instance', async () => {
    // Prepare: a first run creates the instance (the idempotency table
    // records it), then the same letter is in the queue again (its
    // delete was lost, or the consumer dead-lettered it twice).
    await send([exampleLetter('order-intake', 4)]);
    await redrive();
    await send([exampleLetter('order-intake', 4)]);

    // Act
    const { code, io } = await redrive();

    // Assess
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(
      /order-intake-0@4 .* done: already done before, not sent again .* → removed$/
    );
    expect(double.instances).toHaveLength(1);
    expect(await queued()).toEqual([]);
  });

  it('changes nothing with --dry-run (no idempotency table needed)', async () => {
    // Prepare
    await send([exampleLetter('order-intake', 4)]);
    const io = captureIo({
      ...double.env(),
      AWS_REGION: moto.clientConfig.region,
    });

    // Act
    const code = await main(
      ['redrive', '--queue', queueUrl, '--table', BINDINGS, '--dry-run'],
      io
    );

    // Assess
    expect(code).toBe(0);
    expect(io.stdout.at(-1)).toBe(
      'redrive (dry run): 1 letter(s): 1 would be removed, 0 would stay'
    );
    expect(double.requests).toEqual([]);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      })
    );
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('1');
  });

  it('says what to fix when the table does not exist (exit 2, with --json)', async () => {
    // Prepare
    await send([exampleLetter('order-intake', 4)]);
    const io = captureIo({
      ...double.env(),
      AWS_REGION: moto.clientConfig.region,
    });

    // Act
    const code = await main(
      [
        'redrive',
        '--queue',
        queueUrl,
        '--table',
        'no-such-table',
        '--idempotency-table',
        IDEMPOTENCY,
        '--json',
      ],
      io
    );

    // Assess
    expect(code).toBe(2);
    const failure = JSON.parse(io.stdout.at(-1) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(failure).toMatchObject({
      ok: false,
      command: 'redrive',
      exitCode: 2,
      error: {
        kind: 'config',
        message: expect.stringMatching(/^not found: /),
        hint: expect.stringContaining('--table'),
      },
    });
    // The letter is still there, visible again.
    expect(await queued()).toHaveLength(1);
  });
});

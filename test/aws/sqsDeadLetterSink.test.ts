import { createHash } from 'node:crypto';
import {
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
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
import { DeadLetterSendError, sqsDeadLetterSink } from '../../lib/aws/index.js';
import type { DeadLetter } from '../../lib/consumer/types.js';
import { kafkaRecordFactory } from '../support/factories/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import { createQueue } from './helpers.js';

/** Characters SQS accepts in a message body (the SendMessage reference). */
const SQS_ALLOWED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the allowed set
  /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

const letterFactory = (
  offset: number,
  overrides: Partial<DeadLetter> = {}
): DeadLetter => {
  const record = kafkaRecordFactory({ offset });
  return {
    processId: 'order-process',
    bindingId: 'order-process-orders',
    bindingRevision: 'rev-1',
    elementId: 'StartEvent_Kafka',
    cluster: 'bootstrap:broker-1:9092',
    topic: record.topic,
    partition: record.partition,
    offset,
    timestamp: record.timestamp,
    key: 'order-1',
    classification: 'poison',
    reason: 'camunda-rejected',
    error: 'Camunda rejected the request: 400 INVALID_ARGUMENT',
    status: 400,
    record,
    deadLetteredAt: '2026-11-26T00:00:00.000Z',
    ...overrides,
  };
};

const receiveAll = async (
  client: SQSClient,
  queueUrl: string,
  expected: number
): Promise<Message[]> => {
  const messages: Message[] = [];
  // Bounded by attempts, not by time: moto answers at once.
  for (let attempt = 0; attempt < 20 && messages.length < expected; attempt++) {
    const result = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      })
    );
    messages.push(...(result.Messages ?? []));
  }
  return messages;
};

describe('Function: sqsDeadLetterSink', () => {
  describe('against moto', () => {
    let moto: Moto;
    let sqs: SQSClient;
    let queueUrl: string;

    beforeAll(async () => {
      moto = await startMoto();
      sqs = new SQSClient(moto.clientConfig);
    });

    beforeEach(async () => {
      await moto.reset();
      queueUrl = await createQueue(sqs, 'dead-letters');
    });

    afterEach(() => {
      vi.restoreAllMocks();
    });

    afterAll(async () => {
      await moto?.stop();
    });

    it('sends each letter as a JSON body with processId, bindingId and reason attributes', async () => {
      // Prepare
      const letters = [
        letterFactory(3),
        letterFactory(7, { reason: 'correlation-key-missing' }),
      ];
      const sink = sqsDeadLetterSink(queueUrl, sqs);

      // Act
      await sink.send(letters);

      // Assess
      const messages = await receiveAll(sqs, queueUrl, 2);
      const received = messages
        .map((message) => ({
          body: JSON.parse(message.Body ?? 'null'),
          attributes: Object.fromEntries(
            Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [
              k,
              v.StringValue,
            ])
          ),
        }))
        .sort((a, b) => a.body.offset - b.body.offset);
      expect(received).toEqual([
        {
          body: letters[0],
          attributes: {
            processId: 'order-process',
            bindingId: 'order-process-orders',
            reason: 'camunda-rejected',
          },
        },
        {
          body: letters[1],
          attributes: {
            processId: 'order-process',
            bindingId: 'order-process-orders',
            reason: 'correlation-key-missing',
          },
        },
      ]);
    });

    it('sends 23 letters in SendMessageBatch requests of 10, 10 and 3', async () => {
      // Prepare
      const letters = Array.from({ length: 23 }, (_, i) => letterFactory(i));
      const send = vi.spyOn(sqs, 'send');
      const sink = sqsDeadLetterSink(queueUrl, sqs);

      // Act
      await sink.send(letters);

      // Assess
      const sizes = send.mock.calls
        .map(([command]) => command)
        .filter((command) => command instanceof SendMessageBatchCommand)
        .map((command) => command.input.Entries?.length)
        .sort();
      expect(sizes).toEqual([10, 10, 3]);
      send.mockRestore();
      const offsets = (await receiveAll(sqs, queueUrl, 23))
        .map((message) => JSON.parse(message.Body ?? 'null').offset)
        .sort((a, b) => a - b);
      expect(offsets).toEqual(letters.map((letter) => letter.offset));
    });

    it('leaves out the record value of a letter too large for SQS, with its size and hash, and marks it truncated', async () => {
      // Prepare
      const value = Buffer.from(JSON.stringify('x'.repeat(300_000)));
      const huge = letterFactory(1, {
        record: kafkaRecordFactory({ offset: 1, json: 'x'.repeat(300_000) }),
      });
      const sink = sqsDeadLetterSink(queueUrl, sqs);

      // Act
      await sink.send([huge]);

      // Assess
      const [message] = await receiveAll(sqs, queueUrl, 1);
      expect(JSON.parse(message?.Body ?? 'null')).toEqual({
        ...huge,
        record: { ...huge.record, value: null },
        truncated: true,
        omitted: {
          value: {
            bytes: value.byteLength,
            sha256: createHash('sha256').update(value).digest('hex'),
          },
        },
      });
    });

    it('sends a letter whose key is 120 KB and value 300 KB to a 256 KiB queue: key and value left out, coordinates kept', async () => {
      // Prepare: the queue refuses anything over 256 KiB, as SQS long did.
      const small = await createQueue(sqs, 'dead-letters-256k', {
        MaximumMessageSize: '262144',
      });
      const key = 'k'.repeat(120_000);
      const letter = letterFactory(5, {
        key,
        record: kafkaRecordFactory({
          offset: 5,
          key: Buffer.from(key).toString('base64'),
          json: 'v'.repeat(300_000),
          headers: [{ trace: Array.from({ length: 1_000 }, () => 65) }],
        }),
      });
      const sink = sqsDeadLetterSink(small, sqs);

      // Act
      await sink.send([letter]);

      // Assess
      const [message] = await receiveAll(sqs, small, 1);
      const body = message?.Body ?? '';
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(262_144);
      const received = JSON.parse(body);
      expect(received).toMatchObject({
        cluster: 'bootstrap:broker-1:9092',
        topic: 'orders',
        partition: 0,
        offset: 5,
        key: null,
        reason: 'camunda-rejected',
        truncated: true,
        record: { key: null, value: null },
      });
      expect(received.omitted.key).toEqual({
        bytes: 120_000,
        sha256: createHash('sha256').update(key).digest('hex'),
      });
      expect(Object.keys(received.omitted).sort()).toEqual([
        'headers',
        'key',
        'value',
      ]);
    });

    it('writes U+FFFF in a key as a JSON escape, which SQS accepts and which reads back the same', async () => {
      // Prepare
      const key = 'order-\uffff-\ufffe';
      const letter = letterFactory(6, { key });
      const send = vi.spyOn(sqs, 'send');
      const sink = sqsDeadLetterSink(queueUrl, sqs);

      // Act
      await sink.send([letter]);

      // Assess: every character of the body is one SQS allows.
      const sent = send.mock.calls
        .map(([command]) => command)
        .filter((command) => command instanceof SendMessageBatchCommand)
        .flatMap((command) => command.input.Entries ?? []);
      const body = sent[0]?.MessageBody ?? '';
      expect(body).toMatch(SQS_ALLOWED);
      expect(JSON.parse(body).key).toBe(key);
      const [message] = await receiveAll(sqs, queueUrl, 1);
      expect(JSON.parse(message?.Body ?? 'null').key).toBe(key);
    });

    it('keeps message attributes short and cuts a 300,000-character process id to fit', async () => {
      // Prepare
      const letter = letterFactory(8, {
        processId: 'p'.repeat(300_000),
        bindingId: 'b'.repeat(1_000),
      });
      const sink = sqsDeadLetterSink(queueUrl, sqs);

      // Act
      await sink.send([letter]);

      // Assess
      const [message] = await receiveAll(sqs, queueUrl, 1);
      const body = message?.Body ?? '';
      expect(Buffer.byteLength(body)).toBeLessThan(262_144);
      const attributes = message?.MessageAttributes ?? {};
      expect(attributes.processId?.StringValue).toBe('p'.repeat(256));
      expect(attributes.bindingId?.StringValue).toBe('b'.repeat(256));
      const received = JSON.parse(body);
      expect(received.offset).toBe(8);
      expect(received.processId).toBe(`${'p'.repeat(512)}…`);
      expect(received.omitted.processId.bytes).toBe(300_000);
    });

    it('does not call SQS when there are no letters', async () => {
      // Prepare
      const send = vi.spyOn(sqs, 'send');
      const sink = sqsDeadLetterSink(queueUrl, sqs);

      // Act
      await sink.send([]);

      // Assess
      expect(send).not.toHaveBeenCalled();
    });
  });

  describe('when SQS refuses entries', () => {
    // Mock one instance: mocking the class would also catch the moto client.
    const client = new SQSClient({ region: 'eu-west-1' });
    const sqsMock = mockClient(client);

    afterEach(() => {
      sqsMock.reset();
    });

    it('throws DeadLetterSendError naming the refused records when SQS blames the sender', async () => {
      // Prepare
      sqsMock.on(SendMessageBatchCommand).resolves({
        Successful: [{ Id: '0', MessageId: 'm0', MD5OfMessageBody: 'x' }],
        Failed: [{ Id: '1', SenderFault: true, Code: 'InvalidParameterValue' }],
      });
      const sink = sqsDeadLetterSink('https://queue', client);

      // Act
      const error = await sink
        .send([letterFactory(4), letterFactory(5)])
        .catch((e) => e);

      // Assess
      expect(error).toBeInstanceOf(DeadLetterSendError);
      expect(error).toMatchObject({ failedRecords: ['orders-0@5'] });
      expect(sqsMock.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    });

    it('sends entries refused for SQS reasons once more and succeeds when they are taken', async () => {
      // Prepare
      sqsMock
        .on(SendMessageBatchCommand)
        .resolvesOnce({
          Successful: [{ Id: '0', MessageId: 'm0', MD5OfMessageBody: 'x' }],
          Failed: [{ Id: '1', SenderFault: false, Code: 'InternalError' }],
        })
        .resolvesOnce({
          Successful: [{ Id: '1', MessageId: 'm1', MD5OfMessageBody: 'y' }],
          Failed: [],
        });
      const sink = sqsDeadLetterSink('https://queue', client);

      // Act
      await sink.send([letterFactory(4), letterFactory(5)]);

      // Assess
      const calls = sqsMock.commandCalls(SendMessageBatchCommand);
      expect(
        calls.map((c) => c.args[0].input.Entries?.map((e) => e.Id))
      ).toEqual([['0', '1'], ['1']]);
    });

    it('throws DeadLetterSendError with the SDK error as cause when the request fails', async () => {
      // Prepare
      const failure = new Error('socket hang up');
      sqsMock.on(SendMessageBatchCommand).rejects(failure);
      const sink = sqsDeadLetterSink('https://queue', client);

      // Act
      const error = await sink.send([letterFactory(9)]).catch((e) => e);

      // Assess
      expect(error).toBeInstanceOf(DeadLetterSendError);
      expect(error).toMatchObject({
        failedRecords: ['orders-0@9'],
        cause: failure,
      });
    });
  });
});

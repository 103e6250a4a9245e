import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter } from '../consumer/types.js';
import { readDeadLetter } from '../redrive/readDeadLetter.js';
import type { DeadLetterSource, SourceLetter } from '../redrive/types.js';
import { AWS_DEFAULTS } from './constants.js';
import { sqsDeadLetterSink } from './sqsDeadLetterSink.js';

interface SqsDeadLetterSourceOptions {
  /**
   * How long a received letter stays invisible to others while the run
   * holds it (seconds); default 300. Letters kept are made visible again
   * when the run ends.
   */
  readonly visibilityTimeoutSeconds?: number;
  /** Long-poll wait of one receive (seconds); default 1. */
  readonly waitTimeSeconds?: number;
}

const identityOf = (letter: SourceLetter['read']): string | undefined =>
  'problem' in letter
    ? undefined
    : [
        letter.letter.bindingId,
        letter.cluster ?? '',
        letter.letter.topic,
        letter.letter.partition,
        letter.letter.offset,
      ].join('\u0000');

/**
 * The SQS dead-letter queue as a redrive source. Receives up to 10 letters
 * at a time and holds them (visibility timeout) while they run: a letter
 * that is done is deleted; a letter dead-lettered again is sent anew with
 * its new reason (through the consumer's sink: same body format and
 * attributes) and the old message deleted; every letter kept is made
 * visible again when the run ends. A letter seen once in a run (or sent
 * anew by it) is not run twice in that run; the run ends when a receive
 * brings nothing new.
 *
 * @param queueUrl - the queue (the stack output DeadLetterQueueUrl)
 * @param client - the SQS client
 * @param options - visibility timeout and wait time
 */
const sqsDeadLetterSource = (
  queueUrl: string,
  client: SQSClient,
  options: SqsDeadLetterSourceOptions = {}
): DeadLetterSource => {
  const sink = sqsDeadLetterSink(queueUrl, client);
  /** Receipt handles to make visible again at the end. */
  const held = new Set<string>();
  /** Letters run (or sent anew) in this run. */
  const seen = new Set<string>();
  const deleteMessage = (handle: string): Promise<unknown> =>
    client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle })
    );

  return {
    name: `queue ${queueUrl}`,
    next: async () => {
      for (;;) {
        const answer = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: AWS_DEFAULTS.sqsBatchEntries,
            VisibilityTimeout: options.visibilityTimeoutSeconds ?? 300,
            WaitTimeSeconds: options.waitTimeSeconds ?? 1,
            MessageAttributeNames: ['All'],
          })
        );
        const messages = answer.Messages ?? [];
        if (messages.length === 0) return [];
        const fresh: SourceLetter[] = [];
        for (const message of messages) {
          if (message.ReceiptHandle === undefined) continue;
          let read: SourceLetter['read'];
          try {
            const parsed = readDeadLetter(JSON.parse(message.Body ?? ''));
            read = typeof parsed === 'string' ? { problem: parsed } : parsed;
          } catch {
            read = { problem: 'the message body is not JSON' };
          }
          const identity = identityOf(read) ?? `message:${message.MessageId}`;
          if (seen.has(identity)) {
            held.add(message.ReceiptHandle);
            continue;
          }
          seen.add(identity);
          fresh.push({
            handle: message.ReceiptHandle,
            where: `message ${message.MessageId ?? '?'}`,
            read,
          });
        }
        // Only letters already run came back: the queue holds nothing new.
        if (fresh.length > 0) return fresh;
      }
    },
    remove: async (letter) => {
      await deleteMessage(letter.handle);
    },
    replace: async (letter, updated) => {
      // Sent first, then deleted: an interruption between the two leaves
      // the letter twice (a redrive of the copy is harmless), never lost.
      await sink.send([updated as unknown as DeadLetter]);
      await deleteMessage(letter.handle);
    },
    keep: async (letter) => {
      held.add(letter.handle);
    },
    close: async () => {
      const handles = [...held];
      held.clear();
      for (let start = 0; start < handles.length; start += 10) {
        await client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: handles.slice(start, start + 10).map((handle, index) => ({
              Id: String(index),
              ReceiptHandle: handle,
              VisibilityTimeout: 0,
            })),
          })
        );
      }
    },
  };
};

export type { SqsDeadLetterSourceOptions };
export { sqsDeadLetterSource };

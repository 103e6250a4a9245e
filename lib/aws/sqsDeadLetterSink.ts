import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { fitDeadLetter, serializeDeadLetter } from '../consumer/index.js';
import type { DeadLetter, DeadLetterSink } from '../consumer/types.js';
import { AWS_DEFAULTS } from './constants.js';
import { DeadLetterSendError } from './errors.js';

interface SqsDeadLetterSinkOptions {
  /**
   * Largest request (and message, attributes included) in bytes; default
   * 256 KiB, which every queue accepts. A letter larger than this is shrunk
   * by `fitDeadLetter` (record value, headers, key left out, with their size
   * and hash; coordinates stay, so it can be read again from Kafka).
   */
  readonly maxBatchBytes?: number;
}

/** Longest message attribute value sent (they are for filtering, not reading). */
const MAX_ATTRIBUTE_CHARS = 256;

// Characters SQS refuses anywhere in a message (see serializeDeadLetter).
const SQS_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const coordinates = (letter: DeadLetter): string =>
  `${letter.topic}-${letter.partition}@${letter.offset}`;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A string attribute SQS accepts: valid characters, at most 256 of them. */
const attributeValue = (text: string): string =>
  text.replace(SQS_INVALID, '\ufffd').slice(0, MAX_ATTRIBUTE_CHARS);

const attributesOf = (
  letter: DeadLetter
): Record<string, { DataType: 'String'; StringValue: string }> => ({
  processId: {
    DataType: 'String',
    StringValue: attributeValue(letter.processId),
  },
  bindingId: {
    DataType: 'String',
    StringValue: attributeValue(letter.bindingId),
  },
  reason: { DataType: 'String', StringValue: attributeValue(letter.reason) },
});

/** What SQS counts of the attributes: name, data type and value of each. */
const attributeBytes = (attributes: ReturnType<typeof attributesOf>): number =>
  Object.entries(attributes).reduce(
    (sum, [name, { DataType, StringValue }]) =>
      sum + byteLength(name) + byteLength(DataType) + byteLength(StringValue),
    0
  );

const toEntry = (
  letter: DeadLetter,
  id: string,
  maxBytes: number
): SendMessageBatchRequestEntry => {
  const attributes = attributesOf(letter);
  const fitted = fitDeadLetter(letter, maxBytes - attributeBytes(attributes));
  return {
    Id: id,
    MessageBody: serializeDeadLetter(fitted),
    MessageAttributes: attributes,
  };
};

/** Bytes of an entry as SQS counts them against the request limit. */
const entryBytes = (entry: SendMessageBatchRequestEntry): number =>
  byteLength(entry.MessageBody ?? '') +
  attributeBytes(
    (entry.MessageAttributes ?? {}) as ReturnType<typeof attributesOf>
  );

/** Groups entries into requests of at most 10 entries and `maxBytes`. */
const chunkEntries = (
  entries: readonly SendMessageBatchRequestEntry[],
  maxBytes: number
): SendMessageBatchRequestEntry[][] => {
  const chunks: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const bytes = entryBytes(entry);
    if (
      current.length === AWS_DEFAULTS.sqsBatchEntries ||
      (current.length > 0 && currentBytes + bytes > maxBytes)
    ) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/**
 * A dead-letter sink that sends each letter to an SQS queue: body = the
 * letter as JSON, message attributes processId, bindingId and reason. Letters
 * go in SendMessageBatch requests of up to 10; entries SQS refuses for its
 * own reasons are sent once more, then the sink throws
 * `DeadLetterSendError` (the consumer retries those records).
 *
 * @param queueUrl - URL of the dead-letter queue
 * @param client - the SQS client
 * @param options - size limit
 * @example
 * ```ts
 * const sink = sqsDeadLetterSink(process.env.DEAD_LETTER_QUEUE_URL, new SQSClient({}));
 * ```
 */
const sqsDeadLetterSink = (
  queueUrl: string,
  client: SQSClient,
  options: SqsDeadLetterSinkOptions = {}
): DeadLetterSink => {
  const maxBytes = options.maxBatchBytes ?? AWS_DEFAULTS.sqsMaxBatchBytes;

  /** Sends one request; returns the entries that were not taken. */
  const sendChunk = async (
    entries: SendMessageBatchRequestEntry[]
  ): Promise<{ retryable: string[]; final: string[] }> => {
    const result = await client.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries })
    );
    const retryable: string[] = [];
    const final: string[] = [];
    for (const failure of result.Failed ?? []) {
      if (failure.Id === undefined) continue;
      (failure.SenderFault ? final : retryable).push(failure.Id);
    }
    return { retryable, final };
  };

  return {
    send: async (letters) => {
      if (letters.length === 0) return;
      const byId = new Map<string, DeadLetter>();
      const entries = letters.map((letter, index) => {
        const id = String(index);
        byId.set(id, letter);
        return toEntry(letter, id, maxBytes);
      });
      const failed: string[] = [];
      let cause: unknown;
      await Promise.all(
        chunkEntries(entries, maxBytes).map(async (chunk) => {
          try {
            const first = await sendChunk(chunk);
            failed.push(...first.final);
            if (first.retryable.length > 0) {
              const again = await sendChunk(
                chunk.filter((e) => first.retryable.includes(e.Id ?? ''))
              );
              failed.push(...again.final, ...again.retryable);
            }
          } catch (error) {
            cause = error;
            failed.push(...chunk.map((entry) => entry.Id ?? ''));
          }
        })
      );
      if (failed.length > 0) {
        const records = failed
          .map((id) => byId.get(id))
          .filter((letter) => letter !== undefined)
          .map(coordinates)
          .sort();
        throw new DeadLetterSendError(
          records,
          cause === undefined ? undefined : { cause }
        );
      }
    },
  };
};

export type { SqsDeadLetterSinkOptions };
export { sqsDeadLetterSink };

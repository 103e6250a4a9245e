import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ResolvedOffsets,
  ResolvedOffsetsStore,
} from '../consumer/types.js';
import { AWS_DEFAULTS, IdempotencyTableKeys } from './constants.js';
import { createDocumentClient } from './createDocumentClient.js';

interface DynamoResolvedOffsetsOptions {
  /** The DynamoDB client. */
  readonly client: DynamoDBClient;
  /** How long an entry is kept; default 7 days (as idempotency records). */
  readonly expiresAfterSeconds?: number;
  readonly now?: () => number;
}

/** Ascending offsets as ranges: `[2,3,4,7]` → `2-4,7`. */
const encodeOffsets = (offsets: readonly number[]): string => {
  const parts: string[] = [];
  let first: number | undefined;
  let last: number | undefined;
  const flush = (): void => {
    if (first === undefined || last === undefined) return;
    parts.push(first === last ? String(first) : `${first}-${last}`);
  };
  for (const offset of offsets) {
    if (last !== undefined && offset === last + 1) {
      last = offset;
      continue;
    }
    flush();
    first = offset;
    last = offset;
  }
  flush();
  return parts.join(',');
};

/** The offsets of {@link encodeOffsets}; undefined when the text is not one. */
const decodeOffsets = (text: string): number[] | undefined => {
  const offsets: number[] = [];
  if (text === '') return offsets;
  for (const part of text.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (match === null) return undefined;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (!Number.isSafeInteger(last) || last < first) return undefined;
    for (let offset = first; offset <= last; offset++) offsets.push(offset);
  }
  return offsets;
};

/**
 * A {@link ResolvedOffsetsStore} in the idempotency table, so that a
 * partition delivered again to another container skips what an earlier
 * one resolved: one item per binding and partition, `id` =
 * `kafka-inbound-resolved#<binding>:<topic>:<partition>`, with `from`,
 * `offsets` (ascending ranges, `2-4,7`) and the table's TTL attribute
 * `expiration`. One read per partition and batch, one write per partition
 * that stopped with records resolved after its stop point. An item that
 * cannot be read counts as none.
 *
 * @param tableName - the idempotency table
 * @param options - DynamoDB client, expiry, clock
 */
const dynamoResolvedOffsets = (
  tableName: string,
  options: DynamoResolvedOffsetsOptions
): ResolvedOffsetsStore => {
  const documents = createDocumentClient(options.client);
  const now = options.now ?? Date.now;
  const ttlSeconds =
    options.expiresAfterSeconds ?? AWS_DEFAULTS.idempotencyExpiresAfterSeconds;
  const idOf = (key: string): string =>
    `${AWS_DEFAULTS.resolvedOffsetsKeyPrefix}#${key}`;

  return {
    load: async (key): Promise<ResolvedOffsets | undefined> => {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { [IdempotencyTableKeys.key]: idOf(key) },
          ConsistentRead: true,
        })
      );
      if (Item === undefined) return undefined;
      const { from, offsets } = Item;
      const expiration = Item[IdempotencyTableKeys.expiry];
      // DynamoDB deletes expired items late; an expired one does not count.
      if (typeof expiration === 'number' && expiration * 1000 <= now()) {
        return undefined;
      }
      if (!Number.isSafeInteger(from) || typeof offsets !== 'string') {
        return undefined;
      }
      const decoded = decodeOffsets(offsets);
      return decoded === undefined ? undefined : { from, offsets: decoded };
    },
    save: async (key, entry) => {
      if (entry === undefined || entry.offsets.length === 0) {
        await documents.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { [IdempotencyTableKeys.key]: idOf(key) },
          })
        );
        return;
      }
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            [IdempotencyTableKeys.key]: idOf(key),
            from: entry.from,
            offsets: encodeOffsets(entry.offsets),
            [IdempotencyTableKeys.expiry]:
              Math.floor(now() / 1000) + ttlSeconds,
          },
        })
      );
    },
  };
};

export type { DynamoResolvedOffsetsOptions };
export { dynamoResolvedOffsets };

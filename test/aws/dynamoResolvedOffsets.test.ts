import {
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dynamoResolvedOffsets } from '../../lib/aws/index.js';
import { type Moto, startMoto } from '../support/moto.js';
import { createIdempotencyTable, motoClients } from './helpers.js';

const TABLE = 'idempotency';
const KEY = 'order-process-orders:orders:3';
const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('Function: dynamoResolvedOffsets', () => {
  let moto: Moto;
  let dynamoDb: DynamoDBClient;

  beforeAll(async () => {
    moto = await startMoto();
    dynamoDb = motoClients(moto).dynamoDb;
  });

  beforeEach(async () => {
    await moto.reset();
    await createIdempotencyTable(dynamoDb, TABLE);
  });

  afterAll(async () => {
    await moto?.stop();
  });

  const items = async () =>
    (await dynamoDb.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];

  it('keeps an entry per partition as ranges, with the idempotency TTL', async () => {
    // Prepare
    const store = dynamoResolvedOffsets(TABLE, {
      client: dynamoDb,
      now: () => NOW,
    });

    // Act
    await store.save(KEY, { from: 2, offsets: [3, 4, 5, 7, 9, 10] });
    const loaded = await store.load(KEY);

    // Assess
    expect(loaded).toEqual({ from: 2, offsets: [3, 4, 5, 7, 9, 10] });
    expect(await items()).toEqual([
      {
        id: { S: `kafka-inbound-resolved#${KEY}` },
        from: { N: '2' },
        offsets: { S: '3-5,7,9-10' },
        expiration: { N: String(NOW / 1000 + 604_800) },
      },
    ]);
  });

  it('has no entry for a partition it never saw', async () => {
    // Prepare
    const store = dynamoResolvedOffsets(TABLE, { client: dynamoDb });

    // Act & Assess
    expect(await store.load(KEY)).toBeUndefined();
  });

  it('removes the entry when nothing is left to remember', async () => {
    // Prepare
    const store = dynamoResolvedOffsets(TABLE, { client: dynamoDb });
    await store.save(KEY, { from: 2, offsets: [3] });

    // Act
    await store.save(KEY, undefined);

    // Assess
    expect(await items()).toEqual([]);
    expect(await store.load(KEY)).toBeUndefined();
  });

  it('ignores an expired entry that DynamoDB has not deleted yet', async () => {
    // Prepare
    let now = NOW;
    const store = dynamoResolvedOffsets(TABLE, {
      client: dynamoDb,
      expiresAfterSeconds: 60,
      now: () => now,
    });
    await store.save(KEY, { from: 2, offsets: [3] });

    // Act
    now += 61_000;

    // Assess
    expect(await store.load(KEY)).toBeUndefined();
  });

  it.each([
    ['offsets that are not ranges', { S: '3,x' }],
    ['a range that runs backwards', { S: '9-3' }],
    ['offsets of another type', { N: '3' }],
  ])('reads an item with %s as no entry', async (_, offsets) => {
    // Prepare
    await dynamoDb.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          id: { S: `kafka-inbound-resolved#${KEY}` },
          from: { N: '2' },
          offsets,
        },
      })
    );
    const store = dynamoResolvedOffsets(TABLE, { client: dynamoDb });

    // Act & Assess
    expect(await store.load(KEY)).toBeUndefined();
  });
});

import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { dynamoIdempotency } from '../../lib/aws/index.js';
import type { CamundaOutcome } from '../../lib/camunda/types.js';
import { type Moto, startMoto } from '../support/moto.js';
import { createIdempotencyTable, motoClients } from './helpers.js';

const TABLE = 'idempotency';

const contextWithRemaining = (remainingMs: number): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'consumer',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:c:a',
  memoryLimitInMB: '256',
  awsRequestId: 'req-1',
  logGroupName: 'g',
  logStreamName: 's',
  getRemainingTimeInMillis: () => remainingMs,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const created: CamundaOutcome = {
  kind: 'done',
  status: 200,
  body: { processInstanceKey: '2251799813685251' },
};

describe('Function: dynamoIdempotency', () => {
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

  const storedItems = async () =>
    (await dynamoDb.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];

  it('runs the work once and returns the stored done outcome as a duplicate the second time', async () => {
    // Prepare
    const idempotency = dynamoIdempotency(TABLE, { client: dynamoDb });
    const work = vi.fn(async () => created);

    // Act
    const first = await idempotency.once('b1/orders/0/42', work);
    const second = await idempotency.once('b1/orders/0/42', work);

    // Assess
    expect(work).toHaveBeenCalledTimes(1);
    expect(first).toEqual(created);
    expect(second).toEqual({ ...created, duplicate: true });
  });

  it('keeps one COMPLETED record with a TTL under a prefixed hash of the key', async () => {
    // Prepare
    const idempotency = dynamoIdempotency(TABLE, {
      client: dynamoDb,
      expiresAfterSeconds: 120,
    });
    const before = Math.floor(Date.now() / 1000);

    // Act
    await idempotency.once('b1/orders/0/42', async () => created);

    // Assess
    const items = await storedItems();
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item?.id?.S).toMatch(/^kafka-inbound#[A-Za-z0-9+/]{22}==$/);
    expect(item?.status?.S).toBe('COMPLETED');
    const expiration = Number(item?.expiration?.N);
    expect(expiration).toBeGreaterThanOrEqual(before + 120);
    expect(expiration).toBeLessThanOrEqual(before + 121 + 60);
  });

  it('runs the work for each distinct key', async () => {
    // Prepare
    const idempotency = dynamoIdempotency(TABLE, { client: dynamoDb });
    const work = vi.fn(async () => created);

    // Act
    await idempotency.once('b1/orders/0/1', work);
    await idempotency.once('b1/orders/0/2', work);

    // Assess
    expect(work).toHaveBeenCalledTimes(2);
  });

  it.each([
    {
      kind: 'retry',
      outcome: { kind: 'retry', status: 503, reason: 'unavailable' },
    },
    {
      kind: 'poison',
      outcome: { kind: 'poison', status: 400, reason: 'bad request' },
    },
  ] as const)(
    'does not keep a $kind outcome, so the next delivery runs the work again',
    async ({ outcome }) => {
      // Prepare
      const idempotency = dynamoIdempotency(TABLE, { client: dynamoDb });
      const work = vi
        .fn<() => Promise<CamundaOutcome>>()
        .mockResolvedValueOnce(outcome)
        .mockResolvedValueOnce(created);

      // Act
      const first = await idempotency.once('b1/orders/0/7', work);
      const itemsBetween = await storedItems();
      const second = await idempotency.once('b1/orders/0/7', work);

      // Assess
      expect(first).toEqual(outcome);
      expect(itemsBetween).toEqual([]);
      expect(second).toEqual(created);
      expect(work).toHaveBeenCalledTimes(2);
    }
  );

  it('returns a retry without running the work while another delivery of the key is in progress', async () => {
    // Prepare
    const idempotency = dynamoIdempotency(TABLE, { client: dynamoDb });
    let release: (outcome: CamundaOutcome) => void = () => undefined;
    const slow = idempotency.once(
      'b1/orders/0/9',
      () =>
        new Promise<CamundaOutcome>((resolve) => {
          release = resolve;
        })
    );
    // Wait until the in-progress record is there (no sleeping).
    for (let i = 0; i < 100 && (await storedItems()).length === 0; i++);
    const work = vi.fn(async () => created);

    // Act
    const concurrent = await idempotency.once('b1/orders/0/9', work);
    release(created);
    const slowOutcome = await slow;
    const afterwards = await idempotency.once('b1/orders/0/9', work);

    // Assess
    expect(concurrent).toEqual({
      kind: 'retry',
      reason: 'an earlier delivery of this record is still in progress',
    });
    expect(slowOutcome).toEqual(created);
    expect(afterwards).toEqual({ ...created, duplicate: true });
    expect(work).not.toHaveBeenCalled();
  });

  it('runs the work again when the in-progress record of an invocation that timed out has expired', async () => {
    // Prepare
    const idempotency = dynamoIdempotency(TABLE, { client: dynamoDb });
    // The first invocation is past its deadline: its in-progress record
    // expires in the past, as if the invocation had died.
    idempotency.registerLambdaContext(contextWithRemaining(-1_000));
    void idempotency.once('b1/orders/0/11', () => new Promise(() => undefined));
    for (let i = 0; i < 100 && (await storedItems()).length === 0; i++);
    idempotency.registerLambdaContext(contextWithRemaining(60_000));
    const work = vi.fn(async () => created);

    // Act
    const outcome = await idempotency.once('b1/orders/0/11', work);

    // Assess
    expect(outcome).toEqual(created);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('returns a retry without running the work when the table cannot be reached', async () => {
    // Prepare
    const idempotency = dynamoIdempotency('no-such-table', {
      client: dynamoDb,
    });
    const work = vi.fn(async () => created);

    // Act
    const outcome = await idempotency.once('b1/orders/0/1', work);

    // Assess
    expect(work).not.toHaveBeenCalled();
    expect(outcome).toEqual({
      kind: 'retry',
      reason:
        'idempotency store: IdempotencyPersistenceLayerError (ResourceNotFoundException)',
    });
  });

  it('rethrows an error thrown by the work and lets the next delivery run it again', async () => {
    // Prepare
    const idempotency = dynamoIdempotency(TABLE, { client: dynamoDb });
    const failure = new TypeError('bug');
    const work = vi
      .fn<() => Promise<CamundaOutcome>>()
      .mockRejectedValueOnce(failure)
      .mockResolvedValueOnce(created);

    // Act
    const first = await idempotency.once('b1/orders/0/3', work).catch((e) => e);
    const second = await idempotency.once('b1/orders/0/3', work);

    // Assess
    expect(first).toBe(failure);
    expect(second).toEqual(created);
  });
});

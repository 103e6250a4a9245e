import { describe, expect, it } from 'vitest';
import type { CamundaOutcome } from '../../lib/camunda/types.js';
import { createMemoryIdempotency } from '../../lib/consumer/index.js';
import { nextTick } from '../support/fakeCamunda.js';

const done: CamundaOutcome = { kind: 'done', status: 200, body: { k: '1' } };

describe('Function: createMemoryIdempotency', () => {
  it('runs the work once and returns the stored outcome as a duplicate afterwards', async () => {
    // Prepare
    const idempotency = createMemoryIdempotency();
    let runs = 0;
    const work = async (): Promise<CamundaOutcome> => {
      runs++;
      return done;
    };

    // Act
    const first = await idempotency.once('b:t:0:1', work);
    const second = await idempotency.once('b:t:0:1', work);

    // Assess
    expect(runs).toBe(1);
    expect(first).toEqual(done);
    expect(second).toEqual({ ...done, duplicate: true });
  });

  it.each([
    { kind: 'retry', reason: 'busy' },
    { kind: 'poison', status: 400, reason: 'bad' },
  ] as const)('does not store a $kind outcome', async (outcome) => {
    // Prepare
    const idempotency = createMemoryIdempotency();
    let runs = 0;
    const work = async (): Promise<CamundaOutcome> => {
      runs++;
      return runs === 1 ? outcome : done;
    };

    // Act
    const first = await idempotency.once('key', work);
    const second = await idempotency.once('key', work);

    // Assess
    expect(first).toEqual(outcome);
    expect(second).toEqual(done);
    expect(runs).toBe(2);
  });

  it('shares one run between concurrent calls for the same key', async () => {
    // Prepare
    const idempotency = createMemoryIdempotency();
    let runs = 0;
    const work = async (): Promise<CamundaOutcome> => {
      runs++;
      await nextTick();
      return done;
    };

    // Act
    const outcomes = await Promise.all([
      idempotency.once('key', work),
      idempotency.once('key', work),
      idempotency.once('other', work),
    ]);

    // Assess
    expect(runs).toBe(2);
    expect(outcomes).toEqual([done, { ...done, duplicate: true }, done]);
  });

  it('forgets a key whose work threw, so it can run again', async () => {
    // Prepare
    const idempotency = createMemoryIdempotency();
    const failing = async (): Promise<CamundaOutcome> => {
      throw new Error('boom');
    };

    // Act
    const first = idempotency.once('key', failing);
    await expect(first).rejects.toThrow('boom');
    const second = await idempotency.once('key', async () => done);

    // Assess
    expect(second).toEqual(done);
  });
});

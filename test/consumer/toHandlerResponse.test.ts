import { describe, expect, it } from 'vitest';
import {
  ConsumerBatchFailedError,
  toHandlerResponse,
} from '../../lib/consumer/index.js';
import type { BatchResult } from '../../lib/consumer/types.js';

const resultWith = (
  failures: BatchResult['response']['batchItemFailures']
): BatchResult => ({
  response: { batchItemFailures: failures },
  deadLetters: [],
  counts: {
    received: 3,
    skipped: 0,
    activated: 3,
    notActivated: 0,
    done: 2,
    retried: failures.length,
    deadLettered: 0,
  },
});

const failures = [
  { itemIdentifier: { partition: 'orders-0', offset: 4 } },
  { itemIdentifier: { partition: 'orders-2', offset: 9 } },
];

describe('Function: toHandlerResponse', () => {
  it('returns the partial batch response for a provisioned ESM', () => {
    // Prepare
    const result = resultWith(failures);

    // Act
    const response = toHandlerResponse(result, 'provisioned');

    // Assess
    expect(response).toEqual({ batchItemFailures: failures });
  });

  it('throws a ConsumerBatchFailedError listing the failures for an on-demand ESM', () => {
    // Prepare
    const result = resultWith(failures);

    // Act
    const act = () => toHandlerResponse(result, 'onDemand');

    // Assess
    expect(act).toThrow(ConsumerBatchFailedError);
    expect(act).toThrow('Records must be retried: orders-0@4, orders-2@9');
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(ConsumerBatchFailedError);
      if (error instanceof ConsumerBatchFailedError) {
        expect(error.name).toBe('ConsumerBatchFailedError');
        expect(error.failures).toEqual(failures);
      }
    }
  });

  it.each(['provisioned', 'onDemand'] as const)(
    'returns an empty response in %s mode when all is done',
    (mode) => {
      // Prepare
      const result = resultWith([]);

      // Act
      const response = toHandlerResponse(result, mode);

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
    }
  );
});

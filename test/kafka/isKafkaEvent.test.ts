import { describe, expect, it } from 'vitest';
import {
  assertIsKafkaEvent,
  isKafkaEvent,
  KafkaEventInvalidError,
} from '../../lib/kafka/index.js';
import { loadEvent } from '../support/factories/index.js';

describe('Function: isKafkaEvent', () => {
  it.each(['msk', 'self-managed', 'self-managed-legacy-source'])(
    'accepts the %s fixture',
    (name) => {
      // Prepare
      const event = loadEvent(name);

      // Act
      const result = isKafkaEvent(event);

      // Assess
      expect(result).toBe(true);
    }
  );

  it.each([
    { case: 'null', event: null },
    { case: 'an SQS event', event: { Records: [] } },
    {
      case: 'another event source',
      event: { eventSource: 'aws:sqs', records: {} },
    },
    {
      case: 'records not an object',
      event: { eventSource: 'aws:kafka', records: [] },
    },
    {
      case: 'a group that is not a list',
      event: { eventSource: 'aws:kafka', records: { 't-0': {} } },
    },
    {
      case: 'a record without an offset',
      event: {
        eventSource: 'aws:kafka',
        records: { 't-0': [{ topic: 't', partition: 0 }] },
      },
    },
    {
      case: 'a string partition',
      event: {
        eventSource: 'aws:kafka',
        records: { 't-0': [{ topic: 't', partition: '0', offset: 1 }] },
      },
    },
  ])('rejects $case', ({ event }) => {
    // Act
    const result = isKafkaEvent(event);

    // Assess
    expect(result).toBe(false);
  });
});

describe('Function: assertIsKafkaEvent', () => {
  it('throws a KafkaEventInvalidError naming the problem', () => {
    // Prepare
    const event = {
      eventSource: 'aws:kafka',
      records: { 't-0': [{ topic: 't', partition: 0 }] },
    };

    // Act
    const act = () => assertIsKafkaEvent(event);

    // Assess
    expect(act).toThrow(KafkaEventInvalidError);
    expect(act).toThrow('records["t-0"][0].offset is not an integer');
  });

  it('returns for a valid event', () => {
    // Prepare
    const event = loadEvent('msk');

    // Act
    const act = () => assertIsKafkaEvent(event);

    // Assess
    expect(act).not.toThrow();
  });
});

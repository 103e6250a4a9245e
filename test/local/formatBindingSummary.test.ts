import { describe, expect, it } from 'vitest';
import { formatBindingSummary } from '../../lib/local/index.js';
import type {
  EsmConsumerStats,
  LocalBindingStatus,
} from '../../lib/local/types.js';

const consumer = (
  overrides: Partial<EsmConsumerStats> = {}
): EsmConsumerStats => ({
  state: 'running',
  invocations: 0,
  delivered: 0,
  partitions: [],
  ...overrides,
});

const status = (
  overrides: Partial<LocalBindingStatus> = {}
): LocalBindingStatus => ({
  file: 'payment.bpmn',
  bindingId: 'b-1',
  revision: 'r-1',
  processId: 'payment-process',
  elementIds: ['PaymentReceivedEvent'],
  topic: 'payments',
  groupId: 'payments-group',
  servers: ['localhost:9092'],
  received: 0,
  records: 0,
  redeliveries: 0,
  activated: 0,
  done: 0,
  notActivated: 0,
  deadLettered: 0,
  retrying: [],
  consumer: consumer(),
  ...overrides,
});

describe('Function: formatBindingSummary', () => {
  it('counts distinct records and, apart, their redeliveries', () => {
    // Prepare: 6 records delivered 11 times (issue 17 saw "received 11").
    const binding = status({
      received: 11,
      records: 6,
      redeliveries: 5,
      activated: 5,
      done: 4,
      notActivated: 1,
      deadLettered: 1,
      consumer: consumer({
        partitions: [
          { partition: 0, committed: 4, highWatermark: 4, lag: 0 },
          { partition: 1, committed: 1, highWatermark: 3, lag: 2 },
        ],
      }),
    });

    // Act
    const line = formatBindingSummary(binding);

    // Assess
    expect(line).toBe(
      'summary payment-process/PaymentReceivedEvent: 6 record(s) (+5 redeliveries): 4 done, 1 not activated, 1 dead-lettered; lag 0:0 1:2; consuming'
    );
  });

  it.each([
    ['no partitions assigned yet', [], 'lag unknown (no partitions yet)'],
    [
      'no partition position known yet',
      [{ partition: 0 }, { partition: 1 }],
      'lag unknown yet',
    ],
    [
      'some partitions known',
      [{ partition: 0, lag: 3 }, { partition: 1 }],
      'lag 0:3 1:?',
    ],
  ])(
    'says the lag is unknown rather than showing only question marks: %s',
    (_, partitions, expected) => {
      // Act
      const line = formatBindingSummary(
        status({ consumer: consumer({ partitions }) })
      );

      // Assess
      expect(line).toContain(`; ${expected};`);
      expect(line).not.toContain('redeliveries');
    }
  );

  it.each<[string, Partial<LocalBindingStatus>, string]>([
    [
      'Kafka cannot be reached',
      {
        consumer: consumer({
          state: 'waiting',
          waitingFor: 'connect ECONNREFUSED 127.0.0.1:9092',
        }),
      },
      'waiting for Kafka at localhost:9092 (connect ECONNREFUSED 127.0.0.1:9092)',
    ],
    [
      'the first connection',
      { consumer: consumer({ state: 'connecting' }) },
      'waiting for Kafka at localhost:9092 (connecting)',
    ],
    [
      'the group assigns partitions',
      { consumer: consumer({ state: 'joining' }) },
      'waiting for the group payments-group to assign partitions (after a runtime was killed, Kafka first waits for its member',
    ],
    [
      'a rebalance',
      { consumer: consumer({ state: 'rebalancing' }) },
      'waiting for a rebalance of the group payments-group',
    ],
    [
      'the file is not deployed',
      { held: 'payment.bpmn is not deployed to Camunda yet' },
      'waiting for Camunda: payment.bpmn is not deployed to Camunda yet',
    ],
    [
      'a record is redelivered',
      {
        retrying: [
          { partition: 1, offset: 7, attempt: 3, reason: 'Camunda 503' },
          { partition: 2, offset: 0, attempt: 1, reason: 'Camunda 503' },
        ],
      },
      'waiting: payments-1@7 redelivered 3 time(s) (Camunda 503) and 1 other partition(s)',
    ],
  ])('says what it waits for: %s', (_, overrides, expected) => {
    // Act
    const line = formatBindingSummary(status(overrides));

    // Assess
    expect(line).toContain(`; ${expected}`);
    expect(line).not.toMatch(/; consuming$/);
  });
});

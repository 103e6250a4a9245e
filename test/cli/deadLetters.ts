import type { DeadLetter } from '../../lib/consumer/types.js';
import type { KafkaEventRecord } from '../../lib/kafka/types.js';

/** A record of the examples' topics as the ESM delivers it. */
const exampleRecord = (
  topic: string,
  partition: number,
  offset: number,
  value: unknown
): KafkaEventRecord => ({
  topic,
  partition,
  offset,
  timestamp: 1_767_225_600_000 + offset,
  timestampType: 'CREATE_TIME',
  key: Buffer.from(`key-${offset}`).toString('base64'),
  value: Buffer.from(JSON.stringify(value)).toString('base64'),
  headers: [],
});

/** A dead letter of one of the examples' bindings, as the consumer writes it. */
const exampleLetter = (
  binding: 'order-intake' | 'payment',
  offset: number,
  overrides: Partial<DeadLetter> = {}
): DeadLetter => {
  const intake = binding === 'order-intake';
  const record = intake
    ? exampleRecord('order-intake', 0, offset, {
        orderId: `order-${offset}`,
        items: [{ sku: 'A-1', quantity: 1 }],
      })
    : exampleRecord('payments', 1, offset, {
        orderId: `order-${offset}`,
        paymentId: `pay-${offset}`,
        status: 'CAPTURED',
        amount: 10,
      });
  return {
    processId: intake ? 'order-intake-process' : 'payment-process',
    bindingId: intake
      ? 'order-intake-process--OrderRecordStartEvent'
      : 'payment-process--PaymentReceivedEvent',
    bindingRevision: 'an-older-revision',
    elementId: intake ? 'OrderRecordStartEvent' : 'PaymentReceivedEvent',
    // The examples' servers, as lib/kafka's clusterIdentity writes them.
    cluster: 'bootstrap:localhost:9092',
    topic: record.topic,
    partition: record.partition,
    offset,
    timestamp: record.timestamp,
    key: `key-${offset}`,
    classification: 'poison',
    reason: 'camunda-rejected',
    error:
      "Camunda answered 404: Expected to find process definition with process ID 'order-intake-process', but none found",
    status: 404,
    record,
    deadLetteredAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
};

/** Dead letters as the local runtime's file holds them. */
const toJsonLines = (letters: readonly unknown[]): string =>
  letters.map((letter) => `${JSON.stringify(letter)}\n`).join('');

export { exampleLetter, exampleRecord, toJsonLines };

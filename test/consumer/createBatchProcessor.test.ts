import { describe, expect, it } from 'vitest';
import type { CamundaOutcome } from '../../lib/camunda/types.js';
import {
  compileExpression,
  createBatchProcessor,
  createMemoryIdempotency,
  makeBusinessId,
} from '../../lib/consumer/index.js';
import type { ExpressionCompiler } from '../../lib/consumer/types.js';
import { KafkaEventInvalidError } from '../../lib/kafka/errors.js';
import type { KafkaEvent } from '../../lib/kafka/types.js';
import {
  bindingFactory,
  deployedFactory,
  elementFactory,
  kafkaEventFactory,
  loadEvent,
  messageElementFactory,
  partitionRecords,
  recordFactory,
} from '../support/factories/index.js';
import {
  createFakeCamunda,
  createMemoryDeadLetterSink,
  type FakeCall,
  nextTick,
} from '../support/fakeCamunda.js';
import { FIXED_NOW, setupProcessor } from '../support/setupProcessor.js';

/** `<topic>-<partition>-<offset>` of the record behind a call. */
const recordIdOf = (call: FakeCall): string | undefined => {
  if (call.op === 'publish') return call.request.messageId;
  const message = call.request.variables?.kafka as
    | { topic: string; partition: number; offset: number }
    | undefined;
  return message && `${message.topic}-${message.partition}-${message.offset}`;
};

const retryOutcome: CamundaOutcome = {
  kind: 'retry',
  status: 503,
  reason: 'Service Unavailable',
};

describe('Function: createBatchProcessor', () => {
  describe('none start events', () => {
    it('creates an instance by process id with the message under the result variable and the tenant', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [elementFactory({ resultVariable: 'kafka' })],
      });
      const { processor, camunda } = setupProcessor(binding, {
        tenantId: 'tenant-a',
      });
      const record = recordFactory({ key: 'k1', headers: [['h', 'v']] });

      // Act
      const result = await processor.process(kafkaEventFactory([record]));

      // Assess
      expect(result.response).toEqual({ batchItemFailures: [] });
      expect(camunda.instances).toEqual([
        {
          processDefinitionId: 'order-process',
          tenantId: 'tenant-a',
          variables: {
            kafka: {
              key: 'k1',
              value: { orderId: 'o-0' },
              rawValue: '{"orderId":"o-0"}',
              headers: { h: 'v' },
              topic: 'orders',
              partition: 0,
              offset: 0,
              timestamp: record.timestamp,
            },
          },
        },
      ]);
    });

    it('creates by process definition key when the provisioner recorded one', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(bindingFactory(), {
        processDefinitionKey: '2251799813685300',
      });

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(camunda.instances).toEqual([
        { processDefinitionKey: '2251799813685300' },
      ]);
    });

    it('sends no variables when neither result variable nor expression is set', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(bindingFactory());

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(camunda.instances).toHaveLength(1);
      expect(camunda.instances[0]).not.toHaveProperty('variables');
    });

    it('does not create a second instance when a record is redelivered', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [elementFactory({ resultVariable: 'kafka' })],
      });
      const { processor, camunda, events } = setupProcessor(binding);
      const event = kafkaEventFactory(partitionRecords(3));
      let failOnce = true;
      camunda.respond((call) => {
        if (recordIdOf(call) !== 'orders-0-1' || !failOnce) return undefined;
        failOnce = false;
        return retryOutcome;
      });

      // Act
      const first = await processor.process(event);
      const second = await processor.process(event);

      // Assess
      expect(first.response.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders-0', offset: 1 } },
      ]);
      expect(second.response.batchItemFailures).toEqual([]);
      expect(
        camunda.instances.map((i) => recordIdOf({ op: 'create', request: i }))
      ).toEqual(['orders-0-0', 'orders-0-1', 'orders-0-2']);
      expect(
        events.filter((e) => e.type === 'duplicate').map((e) => e.offset)
      ).toEqual([0]);
    });
  });

  describe('business id', () => {
    it('sends the record coordinates as business id when the binding enables it', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(bindingFactory(), {
        businessIdUniqueness: true,
      });

      const record = recordFactory({ partition: 3, offset: 41 });

      // Act
      await processor.process(kafkaEventFactory([record]));

      // Assess: the coordinates with the cluster and the record's timestamp.
      expect(camunda.instances).toEqual([
        {
          processDefinitionId: 'order-process',
          businessId: makeBusinessId(
            'order-process-start',
            'bootstrap:localhost:9092',
            record
          ),
        },
      ]);
      expect(camunda.instances[0]?.businessId).toMatch(
        /^order-process-start:[0-9a-f]{16}:orders:3:41:1767225600041$/
      );
    });

    it('sends no business id by default', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(bindingFactory());

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(camunda.instances[0]).not.toHaveProperty('businessId');
    });

    it('never publishes a message with a business id', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(
        bindingFactory({ elements: [messageElementFactory()] }),
        { businessIdUniqueness: true }
      );

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect([...camunda.messages.values()][0]).not.toHaveProperty(
        'businessId'
      );
    });
  });

  describe('variables', () => {
    it('merges the result expression into the result variable, expression keys winning', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          elementFactory({
            resultVariable: 'kafka',
            resultExpression:
              '={ kafka: "overridden", orderId: value.orderId, same: response.offset }',
          }),
        ],
      });
      const { processor, camunda } = setupProcessor(binding);

      // Act
      await processor.process(
        kafkaEventFactory([recordFactory({ offset: 7 })])
      );

      // Assess
      expect(camunda.instances[0]).toMatchObject({
        variables: { kafka: 'overridden', orderId: 'o-7', same: 7 },
      });
    });

    it.each([
      { expression: '=null', variables: undefined },
      { expression: '={}', variables: {} },
    ])(
      'adds nothing for a result expression $expression',
      async ({ expression, variables }) => {
        // Prepare
        const binding = bindingFactory({
          elements: [elementFactory({ resultExpression: expression })],
        });
        const { processor, camunda } = setupProcessor(binding);

        // Act
        await processor.process(kafkaEventFactory([recordFactory()]));

        // Assess
        expect(camunda.instances[0]?.variables).toEqual(variables);
      }
    );

    it.each(['="text"', '=[1, 2]', '=42'])(
      'dead-letters a record whose result expression %s is not a context',
      async (expression) => {
        // Prepare
        const binding = bindingFactory({
          elements: [elementFactory({ resultExpression: expression })],
        });
        const { processor, camunda, deadLetters } = setupProcessor(binding);

        // Act
        const result = await processor.process(
          kafkaEventFactory([recordFactory()])
        );

        // Assess
        expect(result.response.batchItemFailures).toEqual([]);
        expect(camunda.calls).toHaveLength(0);
        expect(deadLetters.letters.map((l) => l.reason)).toEqual([
          'result-expression-failed',
        ]);
      }
    );

    it('dead-letters a record whose variables exceed the size limit', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [elementFactory({ resultVariable: 'kafka' })],
      });
      const { processor, camunda, deadLetters } = setupProcessor(
        binding,
        {},
        { maxVariablesBytes: 2_000 }
      );
      const small = recordFactory({ offset: 0, value: 'x'.repeat(100) });
      const large = recordFactory({ offset: 1, value: 'x'.repeat(3_000) });

      // Act
      const result = await processor.process(kafkaEventFactory([small, large]));

      // Assess
      expect(result.response.batchItemFailures).toEqual([]);
      expect(camunda.instances).toHaveLength(1);
      expect(deadLetters.letters).toEqual([
        expect.objectContaining({
          offset: 1,
          reason: 'variables-too-large',
          error: expect.stringMatching(/over .*limit of 2000 bytes/),
        }),
      ]);
    });

    it('dead-letters a record once when its batch is delivered again', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [elementFactory({ resultVariable: 'kafka' })],
      });
      const { processor, deadLetters, events } = setupProcessor(
        binding,
        {},
        { maxVariablesBytes: 2_000 }
      );
      const large = recordFactory({ offset: 1, value: 'x'.repeat(3_000) });
      const event = kafkaEventFactory([large]);

      // Act
      const first = await processor.process(event);
      const again = await processor.process(event);

      // Assess
      expect(first.deadLetters).toHaveLength(1);
      expect(again.deadLetters).toEqual([]);
      expect(again.response.batchItemFailures).toEqual([]);
      expect(deadLetters.letters).toHaveLength(1);
      expect(events.filter((e) => e.type === 'duplicate')).toEqual([
        expect.objectContaining({
          offset: 1,
          detail: 'already dead-lettered (variables-too-large)',
        }),
      ]);
    });

    it('keeps a __proto__ key of the value as data, without polluting prototypes', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          elementFactory({
            resultVariable: '__proto__',
            resultExpression: '={ payload: value }',
          }),
        ],
      });
      const { processor, camunda } = setupProcessor(binding);
      const record = recordFactory({
        value: '{"__proto__":{"polluted":true}}',
      });

      // Act
      await processor.process(kafkaEventFactory([record]));

      // Assess
      const variables = camunda.instances[0]?.variables ?? {};
      expect(Object.getPrototypeOf(variables)).toBe(Object.prototype);
      expect(Object.keys(variables)).toEqual(['__proto__', 'payload']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(JSON.stringify(variables)).toContain('"__proto__":{"key":null');
    });
  });

  describe('offsets', () => {
    it('skips records below the configured offset of their partition', async () => {
      // Prepare
      const binding = bindingFactory({ kafka: { offsets: [null, 5] } });
      const { processor, camunda, events } = setupProcessor(binding);
      const event = kafkaEventFactory([
        ...partitionRecords(2, { partition: 0, firstOffset: 0 }),
        ...partitionRecords(4, { partition: 1, firstOffset: 3 }),
      ]);

      // Act
      const result = await processor.process(event);

      // Assess
      expect(result.counts).toMatchObject({ received: 6, skipped: 2, done: 4 });
      expect(
        events
          .filter((e) => e.type === 'skippedBelowOffset')
          .map((e) => [e.partition, e.offset])
      ).toEqual([
        [1, 3],
        [1, 4],
      ]);
      expect(camunda.instances).toHaveLength(4);
    });
  });

  describe('activation', () => {
    it.each([
      { condition: undefined, activated: true },
      { condition: '', activated: true },
      { condition: '=', activated: true },
      { condition: '=true', activated: true },
      { condition: ' = value.orderId = "o-0" ', activated: true },
      { condition: '=false', activated: false },
      { condition: '="true"', activated: false },
      { condition: '=1', activated: false },
      { condition: '=null', activated: false },
      { condition: '=value.missing.deeper', activated: false },
      { condition: '=unknownVariable', activated: false },
    ])(
      'activates on $condition: $activated',
      async ({ condition, activated }) => {
        // Prepare
        const binding = bindingFactory({
          elements: [elementFactory({ activationCondition: condition })],
        });
        const { processor, camunda, events } = setupProcessor(binding);

        // Act
        const result = await processor.process(
          kafkaEventFactory([recordFactory()])
        );

        // Assess
        expect(camunda.instances).toHaveLength(activated ? 1 : 0);
        expect(result.counts.activated).toBe(activated ? 1 : 0);
        expect(result.counts.notActivated).toBe(activated ? 0 : 1);
        expect(events.map((e) => e.type)).toContain(
          activated ? 'activated' : 'notActivated'
        );
        expect(result.response.batchItemFailures).toEqual([]);
      }
    );

    it('retries a record that is not activated when consumeUnmatchedEvents is false', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          elementFactory({
            activationCondition: '=value.orderId != "o-1"',
            consumeUnmatchedEvents: false,
          }),
        ],
      });
      const { processor, camunda, events } = setupProcessor(binding);

      // Act
      const result = await processor.process(
        kafkaEventFactory(partitionRecords(3))
      );

      // Assess
      expect(result.response.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders-0', offset: 1 } },
      ]);
      expect(camunda.instances).toHaveLength(1);
      expect(result.counts).toMatchObject({ retried: 1, notAttempted: 1 });
      // The retry names the setting that blocks the partition (issue 17).
      const retry = events.find((event) => event.type === 'retry');
      expect(retry?.detail).toMatch(/^Activation condition not met/);
      expect(retry?.detail).toContain(
        `consumeUnmatchedEvents is false on ${binding.elements[0]?.elementId}`
      );
      expect(retry?.detail).toContain('"Consume unmatched events"');
    });

    it('dead-letters a record whose activation condition cannot be evaluated', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [elementFactory({ activationCondition: '=value.orderId =' })],
      });
      const { processor, deadLetters } = setupProcessor(binding);

      // Act
      const result = await processor.process(
        kafkaEventFactory(partitionRecords(2))
      );

      // Assess
      expect(result.response.batchItemFailures).toEqual([]);
      expect(deadLetters.letters.map((l) => [l.offset, l.reason])).toEqual([
        [0, 'activation-condition-failed'],
        [1, 'activation-condition-failed'],
      ]);
    });

    it.each([
      {
        place: 'activation condition',
        element: {
          activationCondition:
            '=assert(value.amount, value.amount > 0, "amount must be positive") > 0',
        },
        reason: 'activation-condition-failed',
      },
      {
        place: 'result expression',
        element: {
          resultExpression:
            '={amount: assert(value.amount, value.amount > 0, "amount must be positive")}',
        },
        reason: 'result-expression-failed',
      },
    ])(
      'dead-letters only the record whose $place fails to evaluate; its neighbours go on and the batch commits',
      async ({ element, reason }) => {
        // Prepare: the middle record fails feel-scala's assert (an
        // evaluation failure, not a warning); the others pass it.
        const binding = bindingFactory({
          elements: [elementFactory(element)],
        });
        const { processor, camunda, deadLetters } = setupProcessor(binding);
        const records = [5, -1, 7].map((amount, offset) =>
          recordFactory({ offset, value: { amount } })
        );

        // Act
        const result = await processor.process(kafkaEventFactory(records));

        // Assess
        expect(result.response.batchItemFailures).toEqual([]);
        expect(camunda.instances).toHaveLength(2);
        expect(
          deadLetters.letters.map((l) => [l.offset, l.reason, l.error])
        ).toEqual([
          [1, reason, expect.stringContaining('amount must be positive')],
        ]);
      }
    );

    it('sends a record to the one element whose condition matches', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          messageElementFactory({
            elementId: 'Paid',
            messageName: 'paid',
            activationCondition: '=value.status = "paid"',
          }),
          messageElementFactory({
            elementId: 'Cancelled',
            messageName: 'cancelled',
            activationCondition: '=value.status = "cancelled"',
          }),
        ],
      });
      const { processor, camunda, events } = setupProcessor(binding);
      const record = recordFactory({
        value: { orderId: 'o-9', status: 'cancelled' },
      });

      // Act
      await processor.process(kafkaEventFactory([record]));

      // Assess
      expect([...camunda.messages.values()].map((m) => m.name)).toEqual([
        'cancelled',
      ]);
      expect(events.find((e) => e.type === 'activated')?.elementId).toBe(
        'Cancelled'
      );
    });

    it('publishes once when several matching elements send the same message', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          messageElementFactory({ elementId: 'Catch' }),
          messageElementFactory({
            elementId: 'Boundary',
            kind: 'boundaryEvent',
          }),
        ],
      });
      const { processor, camunda, deadLetters } = setupProcessor(binding);

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(camunda.calls).toHaveLength(1);
      expect(deadLetters.letters).toEqual([]);
    });

    it.each([
      {
        case: 'different message names',
        second: messageElementFactory({ elementId: 'B', messageName: 'other' }),
      },
      {
        case: 'different correlation keys',
        second: messageElementFactory({
          elementId: 'B',
          correlationKeyExpression: '=key',
        }),
      },
      {
        case: 'different TTLs',
        second: messageElementFactory({
          elementId: 'B',
          messageTtl: 'PT1M',
          messageTtlMs: 60_000,
        }),
      },
      {
        case: 'an explicit TTL against the default',
        second: messageElementFactory({
          elementId: 'B',
          messageTtl: 'PT1H',
          messageTtlMs: 3_600_000,
        }),
      },
      {
        case: 'a message start event',
        second: messageElementFactory({
          elementId: 'B',
          kind: 'messageStartEvent',
        }),
      },
      {
        case: 'different result variables',
        second: messageElementFactory({ elementId: 'B', resultVariable: 'x' }),
      },
      {
        case: 'different message ids',
        second: messageElementFactory({
          elementId: 'B',
          messageIdExpression: '=value.orderId',
        }),
      },
      {
        case: 'a none start event',
        second: elementFactory({ elementId: 'B' }),
      },
    ])(
      'dead-letters a record matched by elements with $case',
      async ({ second }) => {
        // Prepare
        const binding = bindingFactory({
          elements: [messageElementFactory({ elementId: 'A' }), second],
        });
        const { processor, camunda, deadLetters } = setupProcessor(binding);

        // Act
        await processor.process(kafkaEventFactory([recordFactory()]));

        // Assess
        expect(camunda.calls).toHaveLength(0);
        expect(deadLetters.letters).toEqual([
          expect.objectContaining({
            reason: 'ambiguous-activation',
            elementId: 'A',
            error: expect.stringContaining('A, B'),
          }),
        ]);
      }
    );

    it('dead-letters a record matched by two none start events', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          elementFactory({ elementId: 'S1' }),
          elementFactory({ elementId: 'S2' }),
        ],
      });
      const { processor, deadLetters } = setupProcessor(binding);

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(deadLetters.letters.map((l) => l.reason)).toEqual([
        'ambiguous-activation',
      ]);
    });
  });

  describe('messages', () => {
    it('publishes with name, correlation key, default message id, default TTL, variables and tenant', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [messageElementFactory({ resultVariable: 'kafka' })],
      });
      const { processor, camunda } = setupProcessor(binding, {
        tenantId: 't1',
      });
      const record = recordFactory({ partition: 3, offset: 42 });

      // Act
      await processor.process(kafkaEventFactory([record]));

      // Assess
      expect([...camunda.messages.values()]).toEqual([
        {
          name: 'order-paid',
          correlationKey: 'o-42',
          messageId: 'orders-3-42',
          timeToLive: 3_600_000,
          tenantId: 't1',
          variables: { kafka: expect.objectContaining({ offset: 42 }) },
        },
      ]);
    });

    it('uses the message id expression and the element TTL', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          messageElementFactory({
            messageIdExpression: '="order-" + value.orderId',
            messageTtl: 'PT10M',
            messageTtlMs: 600_000,
          }),
        ],
      });
      const { processor, camunda } = setupProcessor(binding);

      // Act
      await processor.process(
        kafkaEventFactory([recordFactory({ offset: 2 })])
      );

      // Assess
      expect(camunda.calls[0]?.request).toMatchObject({
        messageId: 'order-o-2',
        timeToLive: 600_000,
      });
    });

    it.each([
      { case: 'null', expression: '=value.missing' },
      { case: 'a list', expression: '=[1, 2]' },
      { case: 'a syntax error', expression: '=value.' },
    ])(
      'dead-letters a record whose message id expression gives $case',
      async ({ expression }) => {
        // Prepare
        const binding = bindingFactory({
          elements: [
            messageElementFactory({ messageIdExpression: expression }),
          ],
        });
        const { processor, camunda, deadLetters } = setupProcessor(binding);

        // Act
        await processor.process(kafkaEventFactory([recordFactory()]));

        // Assess
        expect(camunda.calls).toHaveLength(0);
        expect(deadLetters.letters.map((l) => l.reason)).toEqual([
          'message-id-failed',
        ]);
      }
    );

    it.each([
      { kind: 'intermediateCatchEvent', expression: '=value.missing' },
      { kind: 'boundaryEvent', expression: '=[1, 2]' },
      { kind: 'receiveTask', expression: undefined },
      { kind: 'intermediateCatchEvent', expression: '=assert(1, false)' },
    ] as const)(
      'dead-letters a $kind record without a correlation key ($expression)',
      async ({ kind, expression }) => {
        // Prepare
        const binding = bindingFactory({
          elements: [
            messageElementFactory({
              kind,
              correlationKeyExpression: expression,
            }),
          ],
        });
        const { processor, camunda, deadLetters } = setupProcessor(binding);

        // Act
        const result = await processor.process(
          kafkaEventFactory([recordFactory()])
        );

        // Assess
        expect(result.response.batchItemFailures).toEqual([]);
        expect(camunda.calls).toHaveLength(0);
        expect(deadLetters.letters.map((l) => l.reason)).toEqual([
          'correlation-key-missing',
        ]);
      }
    );

    it('publishes a message start event without a correlation key as ""', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          messageElementFactory({
            kind: 'messageStartEvent',
            correlationKeyExpression: undefined,
          }),
        ],
      });
      const { processor, camunda } = setupProcessor(binding);

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(camunda.calls[0]?.request).toMatchObject({ correlationKey: '' });
    });

    it('publishes a message start record with "" when even a required correlation key is null (as Camunda)', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [
          messageElementFactory({
            kind: 'messageStartEvent',
            correlationRequired: true,
            correlationKeyExpression: '=value.missing',
          }),
        ],
      });
      const { processor, camunda, deadLetters } = setupProcessor(binding);

      // Act
      await processor.process(kafkaEventFactory([recordFactory()]));

      // Assess
      expect(deadLetters.letters).toEqual([]);
      expect(camunda.calls[0]?.request).toMatchObject({ correlationKey: '' });
    });

    it.each([
      { expression: '=""', key: '' },
      { expression: '=value', key: '{"orderId":"o-0"}' },
      { expression: '=1.5', key: '1.5' },
      { expression: '=true', key: 'true' },
    ])(
      'publishes a catch event record with the text of $expression as key',
      async ({ expression, key }) => {
        // Prepare
        const binding = bindingFactory({
          elements: [
            messageElementFactory({ correlationKeyExpression: expression }),
          ],
        });
        const { processor, camunda } = setupProcessor(binding);

        // Act
        await processor.process(kafkaEventFactory([recordFactory()]));

        // Assess
        expect(camunda.calls[0]?.request).toMatchObject({
          correlationKey: key,
        });
      }
    );

    it('writes a numeric correlation key as text', async () => {
      // Prepare
      const binding = bindingFactory({
        elements: [messageElementFactory({ correlationKeyExpression: '=key' })],
      });
      const { processor, camunda } = setupProcessor(binding);

      // Act
      await processor.process(
        kafkaEventFactory([recordFactory({ key: '42' })])
      );

      // Assess
      expect(camunda.calls[0]?.request).toMatchObject({ correlationKey: '42' });
    });

    it('treats a duplicate message id (409) as done and does not publish twice on redelivery', async () => {
      // Prepare
      const binding = bindingFactory({ elements: [messageElementFactory()] });
      const { processor, camunda, events } = setupProcessor(binding);
      const event = kafkaEventFactory(partitionRecords(2));

      // Act
      await processor.process(event);
      const again = await processor.process(event);

      // Assess
      expect(again.response.batchItemFailures).toEqual([]);
      expect(again.counts.done).toBe(2);
      expect(camunda.messages.size).toBe(2);
      expect(events.filter((e) => e.type === 'duplicate')).toHaveLength(2);
    });
  });

  describe('outcomes', () => {
    const messageBinding = () =>
      bindingFactory({ elements: [messageElementFactory()] });

    it('stops a partition at its first retry, reports that offset, and lets other partitions go on', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(messageBinding());
      camunda.respond((call) =>
        recordIdOf(call) === 'orders-0-2' ? retryOutcome : undefined
      );
      const event = kafkaEventFactory([
        ...partitionRecords(5, { partition: 0 }),
        ...partitionRecords(3, { partition: 1, firstOffset: 10 }),
      ]);

      // Act
      const result = await processor.process(event);

      // Assess
      expect(result.response).toEqual({
        batchItemFailures: [
          { itemIdentifier: { partition: 'orders-0', offset: 2 } },
        ],
      });
      expect(camunda.calls.map(recordIdOf).sort()).toEqual([
        'orders-0-0',
        'orders-0-1',
        'orders-0-2',
        'orders-1-10',
        'orders-1-11',
        'orders-1-12',
      ]);
      expect(result.counts).toMatchObject({
        received: 8,
        done: 5,
        retried: 1,
        notAttempted: 2,
      });
    });

    it('reports one failure per failing partition', async () => {
      // Prepare
      const { processor, camunda } = setupProcessor(messageBinding());
      camunda.respond((call) =>
        ['orders-0-1', 'orders-1-0', 'orders-1-1'].includes(
          recordIdOf(call) ?? ''
        )
          ? retryOutcome
          : undefined
      );
      const event = kafkaEventFactory([
        ...partitionRecords(3, { partition: 0 }),
        ...partitionRecords(3, { partition: 1 }),
      ]);

      // Act
      const result = await processor.process(event);

      // Assess
      expect(result.response.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders-0', offset: 1 } },
        { itemIdentifier: { partition: 'orders-1', offset: 0 } },
      ]);
    });

    it('dead-letters a record Camunda rejects, with every field, and goes on', async () => {
      // Prepare
      const binding = messageBinding();
      const { processor, camunda, deadLetters, events } =
        setupProcessor(binding);
      camunda.respond((call) =>
        recordIdOf(call) === 'orders-0-1'
          ? { kind: 'poison', status: 400, reason: 'INVALID_ARGUMENT: bad' }
          : undefined
      );
      const records = partitionRecords(3, { key: 'customer-7' });
      const event = kafkaEventFactory(records);

      // Act
      const result = await processor.process(event);

      // Assess
      expect(result.response.batchItemFailures).toEqual([]);
      expect(camunda.messages.size).toBe(2);
      expect(deadLetters.letters).toEqual([
        {
          processId: 'order-process',
          bindingId: 'order-process-start',
          bindingRevision: binding.revision,
          elementId: 'CatchEvent_1',
          cluster: 'bootstrap:localhost:9092',
          topic: 'orders',
          partition: 0,
          offset: 1,
          timestamp: records[1]?.timestamp,
          key: 'customer-7',
          classification: 'poison',
          reason: 'camunda-rejected',
          error: 'INVALID_ARGUMENT: bad',
          status: 400,
          record: records[1],
          deadLetteredAt: FIXED_NOW.toISOString(),
        },
      ]);
      expect(result.deadLetters).toEqual(deadLetters.letters);
      expect(result.counts).toMatchObject({ deadLettered: 1, done: 2 });
      expect(events.find((e) => e.type === 'deadLettered')).toMatchObject({
        offset: 1,
        elementId: 'CatchEvent_1',
        detail: 'camunda-rejected: INVALID_ARGUMENT: bad',
      });
    });

    it('retries a poison record when the dead-letter sink fails', async () => {
      // Prepare
      const { processor, camunda, deadLetters } = setupProcessor(
        messageBinding()
      );
      deadLetters.failWith(new Error('SQS unavailable'));
      camunda.respond((call) =>
        recordIdOf(call) === 'orders-0-1'
          ? { kind: 'poison', status: 400, reason: 'bad' }
          : undefined
      );

      // Act
      const result = await processor.process(
        kafkaEventFactory(partitionRecords(3))
      );

      // Assess
      expect(result.response.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders-0', offset: 1 } },
      ]);
      expect(result.deadLetters).toEqual([]);
      expect(camunda.calls).toHaveLength(2);
    });

    it('retries a record when the Camunda port throws', async () => {
      // Prepare
      const { processor, camunda, events } = setupProcessor(messageBinding());
      camunda.respond(() => {
        throw new Error('socket hang up');
      });

      // Act
      const result = await processor.process(
        kafkaEventFactory(partitionRecords(2))
      );

      // Assess
      expect(result.response.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders-0', offset: 0 } },
      ]);
      expect(events.find((e) => e.type === 'retry')?.detail).toBe(
        'Camunda call failed: socket hang up'
      );
    });

    it('emits an event for every step of a record', async () => {
      // Prepare
      const { processor, events } = setupProcessor(messageBinding());

      // Act
      await processor.process(
        kafkaEventFactory([recordFactory({ offset: 4 })])
      );

      // Assess
      expect(events).toEqual([
        { type: 'received', topic: 'orders', partition: 0, offset: 4 },
        {
          type: 'activated',
          topic: 'orders',
          partition: 0,
          offset: 4,
          elementId: 'CatchEvent_1',
        },
        {
          type: 'published',
          topic: 'orders',
          partition: 0,
          offset: 4,
          elementId: 'CatchEvent_1',
          latencyMs: expect.any(Number),
        },
      ]);
    });

    it('ignores an observer that throws', async () => {
      // Prepare
      const camunda = createFakeCamunda();
      const processor = createBatchProcessor(
        deployedFactory(messageBinding()),
        {
          camunda,
          deadLetters: createMemoryDeadLetterSink(),
          idempotency: createMemoryIdempotency(),
          observer: {
            onRecord: () => {
              throw new Error('logger broken');
            },
          },
        }
      );

      // Act
      const result = await processor.process(
        kafkaEventFactory([recordFactory()])
      );

      // Assess
      expect(result.response.batchItemFailures).toEqual([]);
      expect(camunda.messages.size).toBe(1);
    });

    it.each(['msk', 'self-managed'])(
      'processes every record of the %s fixture',
      async (name) => {
        // Prepare
        const event = loadEvent(name);
        const binding = bindingFactory({
          elements: [elementFactory({ resultVariable: 'kafka' })],
        });
        const { processor, camunda } = setupProcessor(binding);
        const total = Object.values(event.records).flat().length;

        // Act
        const result = await processor.process(event);

        // Assess
        expect(result.response.batchItemFailures).toEqual([]);
        expect(camunda.instances).toHaveLength(total);
        expect(result.counts).toMatchObject({ received: total, done: total });
      }
    );

    it('rejects an event that is not a Kafka event', async () => {
      // Prepare
      const { processor } = setupProcessor(messageBinding());
      const event = {
        eventSource: 'aws:sqs',
        records: {},
      } as unknown as KafkaEvent;

      // Act
      const act = processor.process(event);

      // Assess
      await expect(act).rejects.toThrow(KafkaEventInvalidError);
    });
  });

  describe('per-key ordering', () => {
    it('runs keys concurrently within the bound, each key in offset order', async () => {
      // Prepare
      const keys = ['a', 'b', 'c', 'd', 'e'];
      const records = Array.from({ length: 20 }, (_, offset) =>
        recordFactory({ offset, key: keys[offset % keys.length] })
      );
      const binding = bindingFactory({ elements: [messageElementFactory()] });
      const { processor, camunda } = setupProcessor(
        binding,
        { ordering: 'key', keyConcurrency: 3 },
        { pause: nextTick }
      );

      // Act
      const result = await processor.process(kafkaEventFactory(records));

      // Assess
      expect(result.response.batchItemFailures).toEqual([]);
      expect(camunda.maxInFlight()).toBe(3);
      const offsetsByKey = new Map<string, number[]>();
      for (const call of camunda.calls) {
        const offset = Number(recordIdOf(call)?.split('-').at(-1));
        const key = keys[offset % keys.length] ?? '';
        offsetsByKey.set(key, [...(offsetsByKey.get(key) ?? []), offset]);
      }
      for (const [index, key] of keys.entries()) {
        expect(offsetsByKey.get(key)).toEqual([
          index,
          index + 5,
          index + 10,
          index + 15,
        ]);
      }
    });

    it('runs one key at a time in partition order', async () => {
      // Prepare
      const records = ['a', 'b', 'c'].map((key, offset) =>
        recordFactory({ offset, key })
      );
      const binding = bindingFactory({ elements: [messageElementFactory()] });
      const { processor, camunda } = setupProcessor(
        binding,
        {},
        { pause: nextTick }
      );

      // Act
      await processor.process(kafkaEventFactory(records));

      // Assess
      expect(camunda.maxInFlight()).toBe(1);
      expect(camunda.calls.map(recordIdOf)).toEqual([
        'orders-0-0',
        'orders-0-1',
        'orders-0-2',
      ]);
    });

    it('stops only the failing key and reports the lowest offset to retry', async () => {
      // Prepare
      const plan: [number, string][] = [
        [0, 'a'],
        [1, 'b'],
        [2, 'a'],
        [3, 'c'],
        [4, 'b'],
        [5, 'a'],
        [6, 'b'],
        [7, 'c'],
      ];
      const records = plan.map(([offset, key]) =>
        recordFactory({ offset, key })
      );
      const binding = bindingFactory({ elements: [messageElementFactory()] });
      const { processor, camunda } = setupProcessor(
        binding,
        { ordering: 'key', keyConcurrency: 2 },
        { pause: nextTick }
      );
      camunda.respond((call) =>
        ['orders-0-4', 'orders-0-7'].includes(recordIdOf(call) ?? '')
          ? retryOutcome
          : undefined
      );

      // Act
      const result = await processor.process(kafkaEventFactory(records));

      // Assess
      expect(result.response.batchItemFailures).toEqual([
        { itemIdentifier: { partition: 'orders-0', offset: 4 } },
      ]);
      expect(camunda.calls.map(recordIdOf).sort()).toEqual(
        [0, 1, 2, 3, 4, 5, 7].map((o) => `orders-0-${o}`).sort()
      );
      expect(result.counts).toMatchObject({
        retried: 2,
        notAttempted: 1,
        done: 5,
      });
    });

    it.each([0, Number.NaN, -3])(
      'runs one key at a time when keyConcurrency is %s',
      async (keyConcurrency) => {
        // Prepare
        const records = ['a', 'b', 'c'].map((key, offset) =>
          recordFactory({ offset, key })
        );
        const binding = bindingFactory({ elements: [messageElementFactory()] });
        const { processor, camunda } = setupProcessor(
          binding,
          { ordering: 'key', keyConcurrency },
          { pause: nextTick }
        );

        // Act
        const result = await processor.process(kafkaEventFactory(records));

        // Assess
        expect(result.counts.done).toBe(3);
        expect(camunda.maxInFlight()).toBe(1);
      }
    );

    it('treats records without a key as one key', async () => {
      // Prepare
      const records = [
        recordFactory({ offset: 0, key: null }),
        { ...recordFactory({ offset: 1 }), key: '' },
        { ...recordFactory({ offset: 2 }), key: null },
      ];
      const binding = bindingFactory({ elements: [messageElementFactory()] });
      const { processor, camunda } = setupProcessor(
        binding,
        { ordering: 'key', keyConcurrency: 5 },
        { pause: nextTick }
      );

      // Act
      await processor.process(kafkaEventFactory(records));

      // Assess
      expect(camunda.maxInFlight()).toBe(1);
      expect(camunda.calls.map(recordIdOf)).toEqual([
        'orders-0-0',
        'orders-0-1',
        'orders-0-2',
      ]);
    });

    it('creates one instance for a record in flight twice at once', async () => {
      // Prepare
      const binding = bindingFactory();
      const idempotency = createMemoryIdempotency();
      const camunda = createFakeCamunda({ pause: nextTick });
      const deps = {
        camunda,
        deadLetters: createMemoryDeadLetterSink(),
        idempotency,
      };
      const deployed = deployedFactory(binding, { ordering: 'key' });
      const event = kafkaEventFactory(partitionRecords(2, { key: 'k' }));

      // Act
      const results = await Promise.all([
        createBatchProcessor(deployed, deps).process(event),
        createBatchProcessor(deployed, deps).process(event),
      ]);

      // Assess
      expect(camunda.instances).toHaveLength(2);
      expect(results.map((r) => r.counts.done)).toEqual([2, 2]);
    });
  });

  describe('FEEL compilation', () => {
    it('compiles each expression once per binding revision', async () => {
      // Prepare
      const sources: string[] = [];
      const counting: ExpressionCompiler = (source) => {
        sources.push(source);
        return compileExpression(source);
      };
      const binding = bindingFactory({
        elements: [
          messageElementFactory({
            activationCondition: '=true',
            resultExpression: '={ a: 1 }',
          }),
        ],
      });
      const changed = { ...binding, revision: `${binding.revision}-next` };

      // Act
      for (const b of [binding, binding, changed]) {
        await setupProcessor(
          b,
          {},
          { compileExpression: counting }
        ).processor.process(kafkaEventFactory(partitionRecords(3)));
      }

      // Assess
      expect(sources).toEqual([
        '=true',
        '={ a: 1 }',
        '=value.orderId',
        '=true',
        '={ a: 1 }',
        '=value.orderId',
      ]);
    });
  });
});

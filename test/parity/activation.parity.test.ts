// Parity: which element a record activates, as Camunda's runtime decides in
// ActivationConditionEvaluator (checkActivation, isActivationConditionMet,
// checkMessageElementCompatibility), InboundConnectorElement
// (activationCondition, consumeUnmatchedEvents) and
// KafkaConnectorConsumer.handleCorrelationResult (Ignore commits,
// ForwardErrorToUpstream blocks). Elements of one process in AUTO
// deduplication mode with identical connector properties share one
// subscription (InboundConnectorElement.deduplicationId), so several
// elements see the same record.
// Source: github.com/camunda/connectors @ 9b30630f5c,
// connector-runtime/connector-runtime-core/src/{main,test}/java/io/camunda/
// connector/runtime/core/inbound/...
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchEvent, messageStart, processWith } from '../support/bpmn.js';
import { type Parity, startParity, textRecord } from './harness.js';

const paid = textRecord({ value: '{"orderId":"o-1","status":"paid"}' });

describe('Parity: activation (ActivationConditionEvaluator)', () => {
  let parity: Parity;

  beforeAll(async () => {
    parity = await startParity();
  });

  afterAll(async () => {
    await parity.close();
  });

  it('InboundCorrelationHandlerTest.activationConditionTrue_shouldCorrelate', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({ activationCondition: '=value.status = "paid"' })
    );

    // Act
    const { calls } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls.map((c) => c.body.name)).toEqual(['order-paid']);
  });

  it('InboundCorrelationHandlerTest.activationConditionFalse_strategyIgnore: consumeUnmatchedEvents=true skips and commits', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({
        activationCondition: '=value.status = "open"',
        consumeUnmatchedEvents: 'true',
      })
    );

    // Act
    const { calls, response, deadLetters } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toEqual([]);
    expect(deadLetters).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('InboundCorrelationHandlerTest.activationConditionFalse_strategyForwardErrorToUpstream: consumeUnmatchedEvents=false keeps the record (the partition waits, as Camunda blocks)', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({ activationCondition: '=value.status = "open"' })
    );

    // Act
    const { calls, response, deadLetters } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toEqual([]);
    expect(deadLetters).toEqual([]);
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 7 } },
    ]);
  });

  it.each([
    { case: 'TRUE', value: 'TRUE', failures: 0 },
    { case: 'yes (not a boolean: false)', value: 'yes', failures: 1 },
  ])(
    'InboundConnectorElement.consumeUnmatchedEvents (Boolean.parseBoolean): $case',
    async ({ value, failures }) => {
      // Prepare
      const xml = processWith(
        catchEvent({
          activationCondition: '=false',
          consumeUnmatchedEvents: value,
        })
      );

      // Act
      const { response } = await parity.consume(xml, [paid]);

      // Assess
      expect(response.batchItemFailures).toHaveLength(failures);
    }
  );

  it('ActivationConditionEvaluatorTest.SingleElement.singleElement_blankCondition_shouldActivate', async () => {
    // Prepare
    const xml = processWith(catchEvent({ activationCondition: '' }));

    // Act
    const { calls } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toHaveLength(1);
  });

  it('InboundConnectorElement.activationCondition: a present but empty activationCondition wins over the deprecated inbound.activationCondition', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({
        activationCondition: '',
        'inbound.activationCondition': '=false',
      })
    );

    // Act
    const { calls } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toHaveLength(1);
  });

  it('InboundConnectorElementTest.activationCondition_deprecated: inbound.activationCondition alone is used', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({ 'inbound.activationCondition': '=false' })
    );

    // Act
    const { calls, response } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toEqual([]);
    expect(response.batchItemFailures).toHaveLength(1);
  });

  it.each(['="true"', '=1', '=null', '=value.missing'])(
    'ActivationConditionEvaluator.isActivationConditionMet (Boolean.TRUE.equals): %s does not activate',
    async (condition) => {
      // Prepare
      const xml = processWith(
        catchEvent({
          activationCondition: condition,
          consumeUnmatchedEvents: 'true',
        })
      );

      // Act
      const { calls } = await parity.consume(xml, [paid]);

      // Assess
      expect(calls).toEqual([]);
    }
  );

  it('InboundCorrelationHandler.correlate ("Failed to evaluate activation condition"): a failing condition dead-letters the record (Camunda blocks)', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({ activationCondition: '=assert(value.missing, false)' })
    );

    // Act
    const { calls, deadLetters, response } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
    expect(deadLetters.map((l) => [l.reason, l.elementId])).toEqual([
      ['activation-condition-failed', 'Catch'],
    ]);
  });

  it('ActivationConditionEvaluatorTest.MultipleElementsDifferentConditions.multipleElements_oneMatches_shouldActivateThatOne: AUTO elements share one subscription and the record goes to the matching one', async () => {
    // Prepare
    const xml = processWith(
      catchEvent(
        { activationCondition: '=value.status = "paid"' },
        { id: 'Paid', message: { name: 'paid', correlationKey: '=id' } }
      ),
      catchEvent(
        { activationCondition: '=value.status = "cancelled"' },
        {
          id: 'Cancelled',
          message: { name: 'cancelled', correlationKey: '=id' },
        }
      )
    );

    // Act
    const { calls, binding, response } = await parity.consume(xml, [paid]);

    // Assess
    expect(binding.elements.map((e) => e.elementId)).toEqual([
      'Cancelled',
      'Paid',
    ]);
    expect(calls.map((c) => c.body.name)).toEqual(['paid']);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('ActivationConditionEvaluatorTest.CompatibleMessageElements.twoElements_sameMessageName_sameProperties_shouldBeCompatible: one publication', async () => {
    // Prepare
    const xml = processWith(catchEvent({}, { id: 'A' }), {
      ...catchEvent({}, { id: 'B' }),
      kind: 'boundaryEvent',
    });

    // Act
    const { calls, deadLetters } = await parity.consume(xml, [paid]);

    // Assess
    expect(calls).toHaveLength(1);
    expect(deadLetters).toEqual([]);
  });

  it.each([
    {
      case: 'IncompatibleMessageElements.oneNullOneNonNull_timeToLive_shouldBeIncompatible',
      second: { messageTtl: 'PT1H' },
      reason: 'timeToLive',
    },
    {
      case: 'IncompatibleMessageElements.differentResultVariable_shouldBeIncompatible',
      second: { resultVariable: 'other' },
      reason: 'resultVariable',
    },
    {
      case: 'IncompatibleMessageElements.differentMessageIdExpression_shouldBeIncompatible',
      second: { messageIdExpression: '=value.orderId' },
      reason: 'messageIdExpression',
    },
  ])(
    'ActivationConditionEvaluatorTest.$case: the record is dead-lettered (Camunda blocks)',
    async ({ second, reason }) => {
      // Prepare
      const xml = processWith(
        catchEvent({}, { id: 'A' }),
        catchEvent(second, { id: 'B' })
      );

      // Act
      const { calls, deadLetters } = await parity.consume(xml, [paid]);

      // Assess
      expect(calls).toEqual([]);
      expect(deadLetters).toEqual([
        expect.objectContaining({
          reason: 'ambiguous-activation',
          error: expect.stringContaining(
            `Multiple connectors are activated for the same input (A, B): the elements have incompatible properties: ${reason}`
          ),
        }),
      ]);
    }
  );

  it('ActivationConditionEvaluatorTest.MixedCorrelationPointTypes.mixedTypes_shouldBeIncompatible: a message start event and a catch event both matching', async () => {
    // Prepare
    const xml = processWith(catchEvent(), messageStart());

    // Act
    const { binding, calls, deadLetters } = await parity.consume(xml, [paid]);

    // Assess
    expect(binding.elements).toHaveLength(2);
    expect(calls).toEqual([]);
    expect(deadLetters.map((l) => l.error)).toEqual([
      expect.stringContaining(
        'Not all matching elements are message correlation points'
      ),
    ]);
  });

  it('ActivationConditionEvaluatorTest.ConsumeUnmatchedEvents.noMatch_consumeUnmatchedTrue_shouldReturnFlag: one element consuming unmatched events is enough', async () => {
    // Prepare: identical connector properties except consumeUnmatchedEvents,
    // which takes no part in deduplication
    const xml = processWith(
      catchEvent(
        { activationCondition: '=false', consumeUnmatchedEvents: 'true' },
        { id: 'A' }
      ),
      catchEvent(
        { activationCondition: '=false', consumeUnmatchedEvents: 'false' },
        { id: 'B' }
      )
    );

    // Act
    const { binding, calls, response } = await parity.consume(xml, [paid]);

    // Assess
    expect(binding.elements).toHaveLength(2);
    expect(calls).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
  });
});

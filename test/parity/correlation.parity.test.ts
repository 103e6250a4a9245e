// Parity: the Camunda call for an activated record, as Camunda's runtime
// makes it in InboundCorrelationHandler (correlateInternal, triggerMessage,
// triggerMessageStartEvent, triggerStartEvent, publishMessage,
// extractCorrelationKey, resolveMessageId) with
// LocalFeelExpressionEvaluator.evaluate(expression, String.class, ...) for
// keys and ids, and KafkaConnectorConsumer.handleMessage for the default
// message id. ProcessDefinitionInspector reads messageTtl with
// java.time.Duration.parse.
// Source: github.com/camunda/connectors @ 9b30630f5c,
// connector-runtime/connector-runtime-core/src/{main,test}/java/io/camunda/
// connector/runtime/core/inbound/correlation/..., connector-runtime/
// connector-feel/.../LocalFeelExpressionEvaluator.java.
// Each case asserts the exact request the Camunda double received (checked
// against the SDK's zod contract) or, where Camunda's runtime would block
// the consumer, the dead letter kafka-inbound writes instead (a documented
// difference).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catchEvent,
  messageStart,
  noneStart,
  processWith,
} from '../support/bpmn.js';
import { faults } from '../support/camunda-double.js';
import { type Parity, startParity, textRecord } from './harness.js';

const KEY_ONLY = { resultVariable: undefined };

describe('Parity: correlation (InboundCorrelationHandler)', () => {
  let parity: Parity;

  beforeAll(async () => {
    parity = await startParity();
  });

  afterAll(async () => {
    await parity.close();
  });

  it.each([
    { ttl: 'PT10S', ms: 10_000 },
    { ttl: undefined, ms: 3_600_000 },
  ])(
    'InboundCorrelationHandlerTest.boundaryMessageEvent_shouldCallCorrectZeebeMethod: name, key, id "123" (FEEL without "="), TTL $ttl',
    async ({ ttl, ms }) => {
      // Prepare
      const xml = processWith({
        ...catchEvent({
          ...KEY_ONLY,
          correlationKeyExpression: '="test"',
          messageIdExpression: '123',
          messageTtl: ttl,
        }),
        kind: 'boundaryEvent',
        message: { name: 'test-boundary', correlationKey: '="test"' },
      });

      // Act
      const { calls } = await parity.consume(xml, [textRecord()]);

      // Assess
      expect(calls).toEqual([
        {
          path: '/v2/messages/publication',
          status: 200,
          body: {
            name: 'test-boundary',
            correlationKey: 'test',
            timeToLive: ms,
            messageId: '123',
          },
        },
      ]);
    }
  );

  it('KafkaExecutable (@ElementTemplate RECEIVE_TASK) + InboundCorrelationHandlerTest.message_shouldCallCorrectZeebeMethod: a receive task publishes like a catch event', async () => {
    // Prepare
    const xml = processWith({
      ...catchEvent({
        ...KEY_ONLY,
        correlationKeyExpression: '=value.orderId',
      }),
      id: 'Receive',
      kind: 'receiveTask',
    });

    // Act
    const { calls } = await parity.consume(xml, [textRecord()]);

    // Assess
    expect(calls).toEqual([
      {
        path: '/v2/messages/publication',
        status: 200,
        body: {
          name: 'order-paid',
          correlationKey: 'o-1',
          timeToLive: 3_600_000,
          messageId: 'orders-0-7',
        },
      },
    ]);
  });

  it('InboundCorrelationHandlerTest.startMessageEvent_shouldCallCorrectZeebeMethod: a message start event without key expression publishes with ""', async () => {
    // Prepare
    const xml = processWith(messageStart(KEY_ONLY));

    // Act
    const { calls } = await parity.consume(xml, [textRecord()]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      {
        name: 'order-received',
        correlationKey: '',
        timeToLive: 3_600_000,
        messageId: 'orders-0-7',
      },
    ]);
  });

  it('InboundCorrelationHandlerTest.startMessageEvent_idempotencyKeyEvaluated: the message id expression gives the id', async () => {
    // Prepare
    const xml = processWith(
      messageStart({ ...KEY_ONLY, messageIdExpression: '=value.myVar' })
    );

    // Act
    const { calls } = await parity.consume(xml, [
      textRecord({ value: '{"myVar":"myValue"}' }),
    ]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      {
        name: 'order-received',
        correlationKey: '',
        timeToLive: 3_600_000,
        messageId: 'myValue',
      },
    ]);
  });

  it('InboundCorrelationHandlerTest.messageEvent_idempotencyCheckFailed: ALREADY_EXISTS (409) is success, the offset is committed', async () => {
    // Prepare
    const xml = processWith(
      messageStart({ ...KEY_ONLY, messageIdExpression: '=value.myVar' })
    );
    const records = [0, 1].map((offset) =>
      textRecord({ value: '{"myVar":"myValue"}', offset })
    );

    // Act
    const { calls, deadLetters, response } = await parity.consume(xml, records);

    // Assess
    expect(calls.map((c) => c.status)).toEqual([200, 409]);
    expect(deadLetters).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('InboundCorrelationHandlerTest.upstreamZeebeError_shouldThrow: an unavailable Camunda keeps the record (Camunda retries, so does the ESM)', async () => {
    // Prepare
    const xml = processWith(catchEvent(KEY_ONLY));

    // Act
    const { calls, deadLetters, response } = await parity.consume(
      xml,
      [textRecord()],
      { faults: [faults.status(503)] }
    );

    // Assess
    expect(calls.map((c) => c.status)).toEqual([503]);
    expect(deadLetters).toEqual([]);
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 7 } },
    ]);
  });

  it('KafkaConnectorConsumer.handleMessage + ResolveMessageId.messageIdIsProvided_usesGivenMessageId: the id is <topic>-<partition>-<offset>', async () => {
    // Prepare
    const xml = processWith(catchEvent(KEY_ONLY));

    // Act
    const { calls } = await parity.consume(xml, [textRecord({ offset: 42 })]);

    // Assess
    expect(calls[0]?.body.messageId).toBe('orders-0-42');
  });

  it('ResolveMessageId.messageIdIsProvided_messageIdExpressionIsUsedInPriority: the expression wins over the Kafka id', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({ ...KEY_ONLY, messageIdExpression: '="456"' })
    );

    // Act
    const { calls } = await parity.consume(xml, [textRecord()]);

    // Assess
    expect(calls[0]?.body.messageId).toBe('456');
  });

  it('InboundCorrelationHandler.resolveMessageId: an expression giving "" publishes with "" (Zeebe checks no uniqueness then)', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({ ...KEY_ONLY, messageIdExpression: '=""' })
    );
    const records = [0, 1].map((offset) => textRecord({ offset }));

    // Act
    const { calls, deadLetters } = await parity.consume(xml, records);

    // Assess
    expect(calls.map((c) => [c.body.messageId, c.status])).toEqual([
      ['', 200],
      ['', 200],
    ]);
    expect(deadLetters).toEqual([]);
  });

  it.each([
    { expression: '=value.orderId', text: 'o-1' },
    { expression: '=value.n', text: '42' },
    { expression: '=value.n / 4', text: '10.5' },
    { expression: '=value.n * 1000000', text: '42000000' },
    { expression: '=value.n * 1000000 + 0.5', text: '4.20000005E7' },
    { expression: '=value.n / 100000', text: '4.2E-4' },
    { expression: '=value.ok', text: 'true' },
    { expression: '=value.nested', text: '{"a":1,"b":"x\\ny","c":[1,2.5]}' },
    { expression: '=""', text: '' },
  ])(
    'InboundCorrelationHandler.extractCorrelationKey (evaluate(…, String.class)): $expression → $text',
    async ({ expression, text }) => {
      // Prepare
      const xml = processWith(
        catchEvent({ ...KEY_ONLY, correlationKeyExpression: expression })
      );
      const record = textRecord({
        value: JSON.stringify({
          orderId: 'o-1',
          n: 42,
          ok: true,
          nested: { a: 1, b: 'x\ny', c: [1, 2.5] },
        }),
      });

      // Act
      const { calls } = await parity.consume(xml, [record]);

      // Assess
      expect(calls.map((c) => c.body.correlationKey)).toEqual([text]);
    }
  );

  // LocalFeelExpressionEvaluator.evaluateAndConvert: feel-scala's
  // DefaultValueMapper.unpackVal gives java.time values (a time: OffsetTime,
  // a date-time: ZonedDateTime, durations: Duration and Period), and
  // Jackson's JavaTimeModule writes them with WRITE_DATES_AS_TIMESTAMPS and
  // WRITE_DURATIONS_AS_TIMESTAMPS off: ISO_LOCAL_DATE, ISO_LOCAL_TIME,
  // ISO_OFFSET_TIME, ISO_LOCAL_DATE_TIME, ISO_OFFSET_DATE_TIME (a zone id
  // becomes its offset), Duration.toString, Period.toString.
  it.each([
    { expression: '=date("2024-03-01")', text: '2024-03-01' },
    { expression: '=time("10:15")', text: '10:15:00' },
    { expression: '=time("10:15:30.500+02:00")', text: '10:15:30.5+02:00' },
    { expression: '=time("10:15:00@Europe/Berlin")', text: '10:15:00+01:00' },
    {
      expression: '=date and time("2024-07-01T10:15:00")',
      text: '2024-07-01T10:15:00',
    },
    {
      expression: '=date and time("2024-07-01T10:15:00@Europe/Berlin")',
      text: '2024-07-01T10:15:00+02:00',
    },
    {
      expression: '=date and time("2024-01-01T10:15:00.120Z")',
      text: '2024-01-01T10:15:00.12Z',
    },
    { expression: '=duration("P1DT2H")', text: 'PT26H' },
    { expression: '=duration("-PT90M")', text: 'PT-1H-30M' },
    { expression: '=duration("PT0S")', text: 'PT0S' },
    { expression: '=duration("-PT1.5S")', text: 'PT-1.5S' },
    { expression: '=duration("P1Y2M")', text: 'P1Y2M' },
    { expression: '=duration("-P14M")', text: 'P-1Y-2M' },
    { expression: '=duration("P0Y")', text: 'P0D' },
    {
      expression: '={at: date("2024-03-01"), ttl: duration("P1D")}',
      text: '{"at":"2024-03-01","ttl":"PT24H"}',
    },
  ])(
    'InboundCorrelationHandler.extractCorrelationKey (evaluate(…, String.class), JavaTimeModule): $expression → $text',
    async ({ expression, text }) => {
      // Prepare
      const xml = processWith(
        catchEvent({
          ...KEY_ONLY,
          correlationKeyExpression: expression,
          messageIdExpression: expression,
        })
      );

      // Act
      const { calls } = await parity.consume(xml, [textRecord()]);

      // Assess
      expect(
        calls.map((c) => [c.body.correlationKey, c.body.messageId])
      ).toEqual([[text, text]]);
    }
  );

  // LocalFeelExpressionEvaluator.evaluateAndConvert writes a context with
  // Jackson in the order of the Scala map feel-scala hands out
  // (VariableProvider.getVariables: `keys.map(…).toMap`; JavaValueMapper:
  // `….toMap.asJava`): up to four entries keep their order (Map1…Map4), more
  // follow immutable.HashMap (CHAMP: Java's String.hashCode, Hashing.improve,
  // 5 bits per level); a context read from the record
  // (DefaultValueMapper: `x.asScala.map(…).toMap`) passes a mutable.HashMap
  // first, so its small maps follow that table's slots.
  it.each([
    {
      case: 'five entries written a…e (immutable.HashMap)',
      expression: '={a: 1, b: 2, c: 3, d: 4, e: 5}',
      text: '{"e":5,"a":1,"b":2,"c":3,"d":4}',
    },
    {
      case: 'five entries of the record (immutable.HashMap)',
      expression: '=value.order',
      text: '{"orderId":"o-1","amount":42,"status":"paid","customer":"c-9","currency":"EUR"}',
    },
    {
      case: 'four entries written d…a (Map4 keeps them)',
      expression: '={d: 4, c: 3, b: 2, a: 1}',
      text: '{"d":4,"c":3,"b":2,"a":1}',
    },
    {
      case: 'two entries of the record written b, a (mutable.HashMap)',
      expression: '=value.pair',
      text: '{"a":2,"b":1}',
    },
    {
      case: "a written context holding the record's",
      expression: '={z: value.pair, y: 1}',
      text: '{"z":{"a":2,"b":1},"y":1}',
    },
  ])(
    'LocalFeelExpressionEvaluator.evaluateAndConvert (Scala map order): $case',
    async ({ expression, text }) => {
      // Prepare
      const xml = processWith(
        catchEvent({ ...KEY_ONLY, correlationKeyExpression: expression })
      );
      const record = textRecord({
        value:
          '{"pair":{"b":1,"a":2},"order":{"orderId":"o-1","customer":"c-9","amount":42,"currency":"EUR","status":"paid"}}',
      });

      // Act
      const { calls } = await parity.consume(xml, [record]);

      // Assess
      expect(calls.map((c) => c.body.correlationKey)).toEqual([text]);
    }
  );

  it.each([
    { case: 'null', expression: '=value.missing' },
    { case: 'a list', expression: '=[value.orderId]' },
    {
      case: 'a failed evaluation',
      expression: '=assert(value.missing, false)',
    },
  ])(
    'InboundCorrelationHandler.triggerMessage ("Wasn\'t able to obtain correlation key"): a catch event key that is $case dead-letters the record (Camunda blocks)',
    async ({ expression }) => {
      // Prepare
      const xml = processWith(
        catchEvent({ ...KEY_ONLY, correlationKeyExpression: expression })
      );

      // Act
      const { calls, deadLetters, response } = await parity.consume(xml, [
        textRecord(),
      ]);

      // Assess
      expect(calls).toEqual([]);
      expect(response.batchItemFailures).toEqual([]);
      expect(deadLetters).toEqual([
        expect.objectContaining({
          reason: 'correlation-key-missing',
          elementId: 'Catch',
          offset: 7,
          error: expect.stringContaining(
            `Wasn't able to obtain correlation key for expression ${expression}`
          ),
        }),
      ]);
    }
  );

  it.each([
    { case: 'null', expression: '=value.missing', required: 'required' },
    { case: 'a list', expression: '=[1]', required: 'notRequired' },
    {
      case: 'a failed evaluation',
      expression: '=assert(value.missing, false)',
      required: 'required',
    },
  ])(
    'InboundCorrelationHandler.triggerMessageStartEvent (correlationKey.orElse("")): a message start key that is $case publishes with "" (correlationRequired=$required)',
    async ({ expression, required }) => {
      // Prepare
      const xml = processWith(
        messageStart({
          ...KEY_ONLY,
          correlationRequired: required,
          correlationKeyExpression: expression,
        })
      );

      // Act
      const { calls, deadLetters } = await parity.consume(xml, [textRecord()]);

      // Assess
      expect(deadLetters).toEqual([]);
      expect(calls.map((c) => c.body.correlationKey)).toEqual(['']);
    }
  );

  it.each([
    {
      case: 'null (the client cannot send a null id)',
      expression: '=value.missing',
    },
    { case: 'a list', expression: '=[1, 2]' },
  ])(
    'InboundCorrelationHandler.resolveMessageId: a message id that is $case dead-letters the record (Camunda blocks)',
    async ({ expression }) => {
      // Prepare
      const xml = processWith(
        catchEvent({ ...KEY_ONLY, messageIdExpression: expression })
      );

      // Act
      const { calls, deadLetters } = await parity.consume(xml, [textRecord()]);

      // Assess
      expect(calls).toEqual([]);
      expect(deadLetters).toEqual([
        expect.objectContaining({
          reason: 'message-id-failed',
          error: expect.stringContaining(
            `Message expression could not be evaluated: ${expression}`
          ),
        }),
      ]);
    }
  );

  it.each([
    { ttl: 'PT0S', ms: 0 },
    { ttl: 'P1DT2H', ms: 93_600_000 },
    { ttl: 'pt1.5s', ms: 1500 },
    { ttl: 'PT0.0005S', ms: 0 },
    { ttl: '-PT1M', ms: -60_000 },
  ])(
    'ProcessDefinitionInspector (Duration.parse) + publishMessage (timeToLive): messageTtl $ttl is sent as $ms ms',
    async ({ ttl, ms }) => {
      // Prepare
      const xml = processWith(catchEvent({ ...KEY_ONLY, messageTtl: ttl }));

      // Act
      const { calls } = await parity.consume(xml, [textRecord()]);

      // Assess
      expect(calls.map((c) => [c.body.timeToLive, c.status])).toEqual([
        [ms, 200],
      ]);
    }
  );

  it('InboundCorrelationHandlerTest.startEvent_shouldCallCorrectZeebeMethod: a none start event creates an instance of the process', async () => {
    // Prepare
    const xml = processWith(noneStart());
    const record = textRecord();

    // Act
    const { calls } = await parity.consume(xml, [record]);

    // Assess
    expect(calls).toEqual([
      {
        path: '/v2/process-instances',
        status: 200,
        body: {
          processDefinitionId: 'order-process',
          variables: {
            event: expect.objectContaining({ value: { orderId: 'o-1' } }),
          },
        },
      },
    ]);
  });

  it('InboundCorrelationHandler.publishMessage (tenantId of the element): the tenant is sent with the call', async () => {
    // Prepare
    const xml = processWith(catchEvent(KEY_ONLY));

    // Act
    const { calls } = await parity.consume(xml, [textRecord()], {
      env: { CAMUNDA_TENANT_ID: 'tenant-a' },
    });

    // Assess
    expect(calls.map((c) => c.body.tenantId)).toEqual(['tenant-a']);
  });

  it('InboundCorrelationHandler.triggerStartEventWithoutResult (tenantId of the element): the tenant is sent with the create call', async () => {
    // Prepare
    const xml = processWith(noneStart());

    // Act
    const { calls } = await parity.consume(xml, [textRecord()], {
      env: { CAMUNDA_TENANT_ID: 'tenant-a' },
    });

    // Assess
    expect(calls.map((c) => [c.path, c.body.tenantId])).toEqual([
      ['/v2/process-instances', 'tenant-a'],
    ]);
  });
});

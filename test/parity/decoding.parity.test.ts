// Parity: how a Kafka record becomes the connector's message, as Camunda's
// connector builds it in KafkaPropertyTransformer.
// convertConsumerRecordToKafkaInboundMessage with the ObjectReader of
// KafkaConnectorConsumer.objectMapper (Jackson 2.22: ALLOW_SINGLE_QUOTES,
// ALLOW_UNESCAPED_CONTROL_CHARS, readTree without FAIL_ON_TRAILING_TOKENS).
// Source: github.com/camunda/connectors @ 9b30630f5c,
// connectors/kafka/src/{main,test}/java/io/camunda/connector/kafka/...
// Every case publishes through the batch processor to the Camunda double and
// asserts the exact request. The message always carries kafka-inbound's
// extra fields topic/partition/offset/timestamp (a documented difference).
import avsc from 'avsc/lib/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  KafkaEventHeader,
  KafkaEventRecord,
} from '../../lib/kafka/types.js';
import { catchEvent, processWith } from '../support/bpmn.js';
import {
  confluentFrame,
  startSchemaRegistryDouble,
} from '../support/schema-registry-double.js';
import {
  type CamundaCall,
  coordinates,
  type Parity,
  startParity,
  textRecord,
} from './harness.js';

/** The publication Camunda's runtime sends for the catch event of {@link catchEvent}. */
const publication = (
  record: KafkaEventRecord,
  event: Record<string, unknown>,
  correlationKey = 'o-1'
) => ({
  name: 'order-paid',
  correlationKey,
  timeToLive: 3_600_000,
  messageId: `orders-0-${record.offset}`,
  variables: { event: { ...event, ...coordinates(record) } },
});

/** The `event` variable of the first call. */
const eventOf = (
  calls: readonly CamundaCall[]
): Record<string, unknown> | undefined =>
  (calls[0]?.body.variables as { event?: Record<string, unknown> } | undefined)
    ?.event;

describe('Parity: decoding (KafkaPropertyTransformer)', () => {
  let parity: Parity;
  const bpmn = processWith(catchEvent());
  // A correlation key that works for any value.
  const anyValue = processWith(
    catchEvent({ correlationKeyExpression: '="k"' })
  );

  beforeAll(async () => {
    parity = await startParity();
  });

  afterAll(async () => {
    await parity.close();
  });

  it('KafkaExecutableTest.testConvertConsumerRecordToKafkaInboundMessage: text key, JSON value, headers as text', async () => {
    // Prepare
    const record = textRecord({
      key: 'my-key',
      value: '{"foo": "bar", "orderId": "o-1"}',
      headers: [['header', 'headerValue']],
    });

    // Act
    const { calls } = await parity.consume(bpmn, [record]);

    // Assess
    expect(calls).toEqual([
      {
        path: '/v2/messages/publication',
        status: 200,
        body: publication(record, {
          key: 'my-key',
          value: { foo: 'bar', orderId: 'o-1' },
          rawValue: '{"foo": "bar", "orderId": "o-1"}',
          headers: { header: 'headerValue' },
        }),
      },
    ]);
  });

  it('KafkaExecutableTest.testConvertSpecialCharactersRecordToKafkaInboundMessage: raw newline and tab inside a JSON string', async () => {
    // Prepare
    const rawValue = '{"foo": "\nb\ta\\r", "orderId": "o-1"}';
    const record = textRecord({ key: 'my-key', value: rawValue });

    // Act
    const { calls } = await parity.consume(bpmn, [record]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      publication(record, {
        key: 'my-key',
        value: { foo: '\nb\ta\r', orderId: 'o-1' },
        rawValue,
        headers: null,
      }),
    ]);
  });

  it('KafkaExecutableTest.testConvertDoubleEscapedCharactersRecordToKafkaInboundMessage: escaped JSON inside a string stays a string', async () => {
    // Prepare
    const rawValue =
      '{"ordertime":1497014222380,"orderid":18,"itemid":"Item_184","message":"{\\"valid\\":true}","address":{"city":"Mountain View","state":"CA","zipcode":94041}}';
    const record = textRecord({ key: 'my-key', value: rawValue });

    // Act
    const { calls } = await parity.consume(anyValue, [record]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      publication(
        record,
        {
          key: 'my-key',
          value: {
            ordertime: 1497014222380,
            orderid: 18,
            itemid: 'Item_184',
            message: '{"valid":true}',
            address: { city: 'Mountain View', state: 'CA', zipcode: 94041 },
          },
          rawValue,
          headers: null,
        },
        'k'
      ),
    ]);
  });

  it('KafkaIntegrationTest.consumeSameMessageWithInboundConnectorAgainWithOffsets: key "1" is a number, text stays text', async () => {
    // Prepare
    const json = textRecord({
      key: '1',
      value: '{"message": "Test message"}',
      offset: 0,
    });
    const text = textRecord({ key: '2', value: 'Test message', offset: 1 });

    // Act
    const { calls } = await parity.consume(anyValue, [json, text]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      publication(
        json,
        {
          key: 1,
          value: { message: 'Test message' },
          rawValue: '{"message": "Test message"}',
          headers: null,
        },
        'k'
      ),
      publication(
        text,
        {
          key: 2,
          value: 'Test message',
          rawValue: 'Test message',
          headers: null,
        },
        'k'
      ),
    ]);
  });

  it('KafkaIntegrationTest.consumeMessageWithHeaders: every header as UTF-8 text', async () => {
    // Prepare
    const record = textRecord({
      headers: [
        ['header1', 'value1'],
        ['header2', 'value2'],
      ],
    });

    // Act
    const { calls } = await parity.consume(bpmn, [record]);

    // Assess
    expect(calls[0]?.body.variables).toMatchObject({
      event: { headers: { header1: 'value1', header2: 'value2' } },
    });
  });

  it.each([
    { case: 'empty', text: '' },
    { case: 'blank', text: ' \t\r\n' },
  ])(
    'KafkaPropertyTransformer.setValue (readTree → MissingNode): an $case value is null, rawValue keeps the text',
    async ({ text }) => {
      // Prepare
      const record = textRecord({ key: 'k', value: text });

      // Act
      const { calls } = await parity.consume(anyValue, [record]);

      // Assess
      expect(calls.map((c) => c.body)).toEqual([
        publication(
          record,
          { key: 'k', value: null, rawValue: text, headers: null },
          'k'
        ),
      ]);
    }
  );

  it.each([
    { text: '{"orderId":"o-1"} and more', value: { orderId: 'o-1' } },
    { text: '[1,2]]', value: [1, 2] },
    { text: '42 43', value: 42 },
    { text: 'true,false', value: true },
    { text: '"quoted" text', value: 'quoted' },
  ])(
    'KafkaPropertyTransformer.setValue (readTree, no FAIL_ON_TRAILING_TOKENS): $text is read as its first JSON value',
    async ({ text, value }) => {
      // Prepare
      const record = textRecord({ key: 'k', value: text });

      // Act
      const { calls } = await parity.consume(anyValue, [record]);

      // Assess
      expect(calls.map((c) => c.body)).toEqual([
        publication(
          record,
          { key: 'k', value, rawValue: text, headers: null },
          'k'
        ),
      ]);
    }
  );

  it.each(['12abc', 'truex', '{"a":1,}', "{a:'b'}", 'Test message'])(
    'KafkaPropertyTransformer.setValue (parse error → raw value): %j stays text',
    async (text) => {
      // Prepare
      const record = textRecord({ key: 'k', value: text });

      // Act
      const { calls } = await parity.consume(anyValue, [record]);

      // Assess
      expect(calls[0]?.body.variables).toEqual({
        event: {
          key: 'k',
          value: text,
          rawValue: text,
          headers: null,
          ...coordinates(record),
        },
      });
    }
  );

  it("KafkaConnectorConsumer.objectMapper (ALLOW_SINGLE_QUOTES): {'orderId':'it\\'s'} is JSON", async () => {
    // Prepare
    const text = "{'orderId':'it\\'s'}";
    const record = textRecord({ key: 'k', value: text });

    // Act
    const { calls } = await parity.consume(bpmn, [record]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      publication(
        record,
        { key: 'k', value: { orderId: "it's" }, rawValue: text, headers: null },
        "it's"
      ),
    ]);
  });

  it('KafkaPropertyTransformer.setValue (switch on a null value): a tombstone has value and rawValue null', async () => {
    // Prepare
    const record = textRecord({ key: 'k', value: null });

    // Act
    const { calls } = await parity.consume(anyValue, [record]);

    // Assess
    expect(calls[0]?.body.variables).toEqual({
      event: {
        key: 'k',
        value: null,
        rawValue: null,
        headers: null,
        ...coordinates(record),
      },
    });
  });

  it.each([
    { case: 'no key', key: null, expected: null },
    { case: 'a blank key (MissingNode)', key: '  ', expected: null },
    { case: 'a JSON object key', key: '{"foo":"x"}', expected: { foo: 'x' } },
    { case: 'a quoted key', key: '"q"', expected: 'q' },
    { case: 'a key with trailing text', key: '7 x', expected: 7 },
    { case: 'a text key', key: 'my-key', expected: 'my-key' },
  ])(
    'KafkaPropertyTransformer.parseKey (readTree, else the text): $case',
    async ({ key, expected }) => {
      // Prepare
      const record = textRecord({ key });

      // Act
      const { calls } = await parity.consume(bpmn, [record]);

      // Assess
      expect(eventOf(calls)?.key).toEqual(expected);
    }
  );

  it('KafkaPropertyTransformer.setHeadersIfPresent (camunda/connectors#4827, HashMap): a header without value is null, the last of a repeated name wins', async () => {
    // Prepare
    const record: KafkaEventRecord = {
      ...textRecord(),
      headers: [
        { trace: [...Buffer.from('a')] },
        { absent: null },
        { trace: [...Buffer.from('b')] },
        { empty: [] },
      ],
    };

    // Act
    const { calls } = await parity.consume(bpmn, [record]);

    // Assess
    expect(eventOf(calls)?.headers).toEqual({
      trace: 'b',
      absent: null,
      empty: '',
    });
  });

  it.each([
    {
      case: 'beside another',
      headers: [{ trace: [...Buffer.from('a')] }, {}] as KafkaEventHeader[],
      expected: { trace: 'a' },
    },
    { case: 'alone', headers: [{}] as KafkaEventHeader[], expected: {} },
  ])(
    'KafkaPropertyTransformer.setHeadersIfPresent (a header without value is {name: null}): the ESM sends it as {} without its name, so headers lack it, $case (a documented difference)',
    async ({ headers, expected }) => {
      // Prepare: the ESM's shape, reported in github.com/Nike-Inc/hal/pull/144
      const record: KafkaEventRecord = { ...textRecord(), headers };

      // Act
      const { calls } = await parity.consume(bpmn, [record]);

      // Assess
      expect(eventOf(calls)?.headers).toEqual(expected);
    }
  );

  it('KafkaPropertyTransformer.setHeadersIfPresent: a record without headers has headers null', async () => {
    // Prepare
    const record = textRecord();

    // Act
    const { calls } = await parity.consume(bpmn, [record]);

    // Assess
    expect(eventOf(calls)?.headers).toBeNull();
  });

  it('InboundKafkaTests.testKafkaIntermediateConnectorProcessWithJsonKey: the e2e process and its variables', async () => {
    // Prepare: connectors-e2e-test-kafka/src/test/resources/intermediate-catch-event.bpmn
    const xml = processWith(
      catchEvent(
        {
          'authentication.username': '',
          'authentication.password': '',
          groupId: 'test-group',
          additionalProperties: '={"prop":"propValue"}',
          correlationKeyExpression: '="ok"',
          activationCondition: '=true',
          resultVariable: 'allResult',
          resultExpression: '={keyResult:key.foo}',
          deduplicationModeManualFlag: undefined,
          deduplicationMode: undefined,
        },
        { message: { name: 'test-message', correlationKey: '="ok"' } }
      )
    );
    const record = textRecord({
      key: '{"foo":"keyJsonValue"}',
      value: '{"key":"value"}',
      headers: [['headerKey', 'headerValue']],
    });

    // Act
    const { calls } = await parity.consume(xml, [record]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      {
        name: 'test-message',
        correlationKey: 'ok',
        timeToLive: 3_600_000,
        messageId: 'orders-0-7',
        variables: {
          allResult: {
            key: { foo: 'keyJsonValue' },
            rawValue: '{"key":"value"}',
            value: { key: 'value' },
            headers: { headerKey: 'headerValue' },
            ...coordinates(record),
          },
          keyResult: 'keyJsonValue',
        },
      },
    ]);
  });

  it('InboundKafkaTests.testKafkaIntermediateConnectorProcessWithStringKey: a text key, key.foo is null', async () => {
    // Prepare
    const xml = processWith(
      catchEvent({
        correlationKeyExpression: '="ok"',
        activationCondition: '=true',
        resultVariable: 'allResult',
        resultExpression: '={keyResult:key.foo}',
      })
    );
    const record = textRecord({
      key: 'keyStringValue',
      value: '{"key":"value"}',
      headers: [['headerKey', 'headerValue']],
    });

    // Act
    const { calls } = await parity.consume(xml, [record]);

    // Assess
    expect(calls[0]?.body.variables).toEqual({
      allResult: {
        key: 'keyStringValue',
        rawValue: '{"key":"value"}',
        value: { key: 'value' },
        headers: { headerKey: 'headerValue' },
        ...coordinates(record),
      },
      keyResult: null,
    });
  });

  it('KafkaIntegrationTest.publishAvroMessage + consumeAvro (AvroInlineSchemaStrategy, nested-avro-schema.json): the value read with the inline schema, absent union fields null, the key as text, rawValue null', async () => {
    // Prepare: connectors/kafka/src/test/resources/nested-avro-schema.json
    const employee = {
      type: 'record',
      name: 'Employee',
      fields: [
        {
          name: 'colleagues',
          type: [{ type: 'array', items: 'Employee' }, 'null'],
        },
        { name: 'nickname', type: ['null', 'string'] },
        { name: 'name', type: 'string', 'avro.java.string': 'String' },
        { name: 'age', type: 'int' },
        {
          name: 'emails',
          type: {
            type: 'array',
            items: 'string',
            'avro.java.string': 'String',
          },
        },
        {
          name: 'boss',
          type: [
            {
              type: 'record',
              name: 'Boss',
              fields: [
                { name: 'name', type: 'string' },
                { name: 'position', type: 'string' },
              ],
            },
            'null',
          ],
        },
      ],
    };
    // What KafkaConnectorFunction's Avro writer sends for
    // {name: "Test", age: 40, emails: ["test@camunda.com"]}
    const bytes = avsc.Type.forSchema(employee as never, {
      wrapUnions: 'always',
    }).toBuffer({
      colleagues: null,
      nickname: null,
      name: 'Test',
      age: 40,
      emails: ['test@camunda.com'],
      boss: null,
    });
    const xml = processWith(
      catchEvent({
        correlationKeyExpression: '=value.name',
        'schemaStrategy.type': 'inlineSchema',
        'schemaStrategy.schema': JSON.stringify(employee),
      })
    );
    const record: KafkaEventRecord = {
      ...textRecord({ key: 'avro1' }),
      value: bytes.toString('base64'),
    };

    // Act
    const { calls } = await parity.consume(xml, [record]);

    // Assess
    expect(calls.map((c) => c.body)).toEqual([
      publication(
        record,
        {
          key: 'avro1',
          value: {
            colleagues: null,
            nickname: null,
            name: 'Test',
            age: 40,
            emails: ['test@camunda.com'],
            boss: null,
          },
          rawValue: null,
          headers: null,
        },
        'Test'
      ),
    ]);
  });

  it.each([
    {
      test: 'consumeSchemaRegistryAvroMessage',
      schemaType: 'avro',
      registered: 'AVRO' as const,
      schema: JSON.stringify({
        type: 'record',
        name: 'Employee',
        fields: [
          { name: 'name', type: 'string' },
          { name: 'age', type: 'int' },
          { name: 'emails', type: { type: 'array', items: 'string' } },
        ],
      }),
      payload: (schema: string) =>
        avsc.Type.forSchema(JSON.parse(schema)).toBuffer({
          name: 'Test',
          age: 40,
          emails: ['test@camunda.com'],
        }),
      rawValue: null,
    },
    {
      test: 'consumeSchemaRegistryJsonMessage',
      schemaType: 'json',
      registered: 'JSON' as const,
      schema: JSON.stringify({
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer' } },
      }),
      payload: () =>
        Buffer.from(
          '{ "name": "Test", "age": 40, "emails": ["test@camunda.com"] }'
        ),
      rawValue: '{"name":"Test","age":40,"emails":["test@camunda.com"]}',
    },
  ])(
    "KafkaIntegrationTest.$test (InboundSchemaRegistryStrategy, schemaType $schemaType): the value read with the registry's schema, rawValue $rawValue",
    async ({ schemaType, registered, schema, payload, rawValue }) => {
      // Prepare: Confluent's deserializers (KafkaAvroDeserializer: a
      // GenericRecord, GenericRecordConverter.toObjectNode, no rawValue;
      // KafkaJsonSchemaDeserializer: a JsonNode, rawValue its compact JSON)
      const registry = await startSchemaRegistryDouble();
      try {
        const id = registry.register(schema, registered);
        const xml = processWith(
          catchEvent({
            correlationKeyExpression: '=value.name',
            'schemaStrategy.type': 'schemaRegistry',
            'schemaStrategy.schemaType': schemaType,
            'schemaStrategy.schemaRegistryUrl': registry.url,
          })
        );
        const record: KafkaEventRecord = {
          ...textRecord({ key: 'k' }),
          value: confluentFrame(id, payload(schema)).toString('base64'),
        };

        // Act
        const { calls } = await parity.consume(xml, [record], {
          schemaRegistryUrl: registry.url,
        });

        // Assess
        expect(calls.map((c) => c.body)).toEqual([
          publication(
            record,
            {
              key: 'k',
              value: { name: 'Test', age: 40, emails: ['test@camunda.com'] },
              rawValue,
              headers: null,
            },
            'Test'
          ),
        ]);
      } finally {
        await registry.close();
      }
    }
  );
});

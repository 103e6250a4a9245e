import { describe, expect, it } from 'vitest';
import { buildBindings } from '../../lib/binding/index.js';
import { parseBpmn } from '../../lib/bpmn/index.js';
import {
  buildBpmn,
  type TestElement,
  validProperties,
} from '../support/bpmn.js';

const catchEvent = (
  id: string,
  overrides: Record<string, string | undefined> = {}
): TestElement => ({
  id,
  kind: 'intermediateCatchEvent',
  properties: validProperties(overrides),
  message: {
    id: `Message_${id}`,
    name: `msg-${id}`,
    correlationKey: '=orderId',
  },
});

const model = async (...elements: TestElement[]) =>
  buildBindings(await parseBpmn(buildBpmn({ id: 'order-process', elements })));

const DEDUP = {
  deduplicationModeManualFlag: 'true',
  deduplicationMode: 'MANUAL',
  deduplicationId: 'orders',
};

describe('Function: buildBindings', () => {
  it('makes one binding per element without a deduplication id', async () => {
    // Act
    const result = await model(
      catchEvent('A', { 'topic.topicName': 'a', groupId: 'ga' }),
      catchEvent('B', { 'topic.topicName': 'b', groupId: 'gb' })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.bindings.map((b) => b.id)).toEqual([
      'order-process--A',
      'order-process--B',
    ]);
  });

  it('makes one binding for elements that share a deduplication id', async () => {
    // Act
    const result = await model(
      catchEvent('B', { ...DEDUP, activationCondition: '=value.kind = "b"' }),
      catchEvent('A', { ...DEDUP, activationCondition: '=value.kind = "a"' })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.bindings).toHaveLength(1);
    expect(result.bindings[0]?.id).toBe('order-process--orders');
    expect(result.bindings[0]?.deduplicationId).toBe('orders');
    expect(result.bindings[0]?.elements.map((e) => e.elementId)).toEqual([
      'A',
      'B',
    ]);
  });

  it('reports elements that share a deduplication id but not the subscription', async () => {
    // Act
    const result = await model(
      catchEvent('A', DEDUP),
      catchEvent('B', { ...DEDUP, groupId: 'other', offsets: '1' })
    );

    // Assess
    expect(result.bindings).toEqual([]);
    expect(result.errors).toEqual([
      {
        elementId: 'B',
        property: 'groupId',
        message: expect.stringContaining(
          'elements A and B share deduplication id "orders" but their Kafka properties differ (groupId, offsets)'
        ),
      },
    ]);
  });

  it('derives distinct group ids for default-group bindings on one topic', async () => {
    // Act
    const result = await model(catchEvent('A'), catchEvent('B'));

    // Assess
    expect(result.errors).toEqual([]);
    expect(
      result.bindings.map((b) => [b.kafka.groupId, b.kafka.groupIdSource])
    ).toEqual([
      ['kafka-inbound-connector-order-process-A', 'derived'],
      ['kafka-inbound-connector-order-process-B', 'derived'],
    ]);
    expect(result.bindings[0]?.kafka.clientProperties['group.id']).toBe(
      'kafka-inbound-connector-order-process-A'
    );
    expect(result.warnings).toHaveLength(2);
  });

  it('keeps an explicit group id and derives only the default one', async () => {
    // Act
    const result = await model(
      catchEvent('A', { groupId: 'kafka-inbound-connector-order-process' }),
      catchEvent('B')
    );

    // Assess
    expect(result.bindings.map((b) => b.kafka.groupId)).toEqual([
      'kafka-inbound-connector-order-process',
      'kafka-inbound-connector-order-process-B',
    ]);
  });

  it('keeps the seed default group id for the only binding of a process', async () => {
    // Act
    const result = await model(catchEvent('A'));

    // Assess
    expect(result.bindings.map((b) => b.kafka.groupId)).toEqual([
      'kafka-inbound-connector-order-process',
    ]);
    expect(result.bindings.map((b) => b.kafka.groupIdSource)).toEqual([
      'default',
    ]);
  });

  it('derives distinct group ids for default-group bindings on different topics (AWS: a group id unique among Kafka ESMs)', async () => {
    // Act
    const result = await model(
      catchEvent('A'),
      catchEvent('B', { 'topic.topicName': 'other' })
    );

    // Assess
    expect(result.errors).toEqual([]);
    expect(
      result.bindings.map((b) => [b.kafka.groupId, b.kafka.groupIdSource])
    ).toEqual([
      ['kafka-inbound-connector-order-process-A', 'derived'],
      ['kafka-inbound-connector-order-process-B', 'derived'],
    ]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          elementId: 'B',
          property: 'groupId',
          message: expect.stringContaining(
            'must be unique among all Kafka event source mappings'
          ),
        }),
      ])
    );
  });

  it('reports one explicit group id on two bindings of different topics', async () => {
    // Act
    const result = await model(
      catchEvent('A', { groupId: 'shared' }),
      catchEvent('B', { groupId: 'shared', 'topic.topicName': 'other' })
    );

    // Assess
    expect(result.bindings).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        elementId: 'B',
        property: 'groupId',
        message: expect.stringContaining(
          "an event source mapping's consumer group id must be unique among all Kafka event source mappings"
        ),
      }),
    ]);
  });

  it('reports one explicit group id on two bindings of one topic', async () => {
    // Act
    const result = await model(
      catchEvent('A', { additionalProperties: '={"group.id": "shared"}' }),
      catchEvent('B', { groupId: 'shared' })
    );

    // Assess
    expect(result.bindings).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        elementId: 'B',
        property: 'groupId',
        message: expect.stringContaining('same consumer group "shared"'),
      }),
    ]);
  });

  it('returns the same model whatever the order of elements in the file', async () => {
    // Prepare
    const a = catchEvent('A', { 'topic.topicName': 'x' });
    const b = catchEvent('B', { 'topic.topicName': 'x' });
    const c = catchEvent('C', { offsets: 'oops' });

    // Act
    const forward = await model(a, b, c);
    const backward = await model(c, b, a);

    // Assess
    expect(backward).toEqual(forward);
  });

  it('changes the revision when the configuration changes, and only then', async () => {
    // Act
    const base = await model(catchEvent('A'));
    const same = await model(catchEvent('A'));
    const changed = await model(
      catchEvent('A', { autoOffsetReset: 'earliest' })
    );

    // Assess
    const [revision] = base.bindings.map((b) => b.revision);
    expect(revision).toMatch(/^[0-9a-f]{16}$/);
    expect(same.bindings[0]?.revision).toBe(revision);
    expect(changed.bindings[0]?.revision).not.toBe(revision);
    expect(changed.bindings[0]?.id).toBe(base.bindings[0]?.id);
  });

  it('records the secrets each binding references, never their values', async () => {
    // Act
    const result = await model(
      catchEvent('A', {
        'authentication.username': 'secrets.KAFKA_USER',
        'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
        additionalProperties:
          '={"ssl.truststore.certificates": "{{secrets.CA}}", "x": "camunda.secrets.C"}',
      })
    );

    // Assess
    expect(result.errors).toEqual([]);
    const [binding] = result.bindings;
    expect(binding?.secrets).toEqual(['CA', 'KAFKA_PASSWORD', 'KAFKA_USER']);
    expect(binding?.kafka.authentication.password).toBe(
      '{{secrets.KAFKA_PASSWORD}}'
    );
    expect(binding?.kafka.clientProperties['ssl.truststore.certificates']).toBe(
      '{{secrets.CA}}'
    );
    expect(result.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('deprecated secret syntax'),
        expect.stringContaining(
          'camunda.secrets.C is resolved by a Camunda 8.10+ cluster'
        ),
      ])
    );
  });

  it('makes no binding for a process that is not executable', async () => {
    // Prepare
    const xml = buildBpmn(
      { id: 'draft', isExecutable: false, elements: [catchEvent('A')] },
      { id: 'live', elements: [catchEvent('B')] }
    );

    // Act
    const result = buildBindings(await parseBpmn(xml));

    // Assess
    expect(result.bindings.map((b) => b.id)).toEqual(['live--B']);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('process "draft" is not executable'),
      }),
      expect.objectContaining({
        elementId: 'B',
        property: 'groupId',
        message: expect.stringContaining('no consumer group id is configured'),
      }),
    ]);
  });

  it('requires a correlation key for a message start event in an event sub-process', async () => {
    // Prepare
    const xml = buildBpmn({
      id: 'order-process',
      containers: [
        {
          type: 'eventSubProcess',
          id: 'Cancel',
          elements: [
            {
              id: 'CancelStart',
              kind: 'messageStartEvent',
              properties: validProperties({
                correlationKeyExpression: undefined,
              }),
              message: { name: 'cancel' },
            },
          ],
        },
      ],
    });

    // Act
    const result = buildBindings(await parseBpmn(xml));

    // Assess
    expect(result.errors.map((e) => [e.elementId, e.property])).toEqual([
      ['CancelStart', 'correlationKey'],
      ['CancelStart', 'correlationKeyExpression'],
    ]);
  });

  it('reads the old serializationType avro as an inline schema', async () => {
    // Act
    const result = await model(
      catchEvent('A', {
        'schemaStrategy.type': undefined,
        serializationType: 'avro',
        'avro.schema': '{"type":"string"}',
      })
    );

    // Assess
    expect(result.bindings[0]?.kafka.schema).toEqual({
      type: 'inlineSchema',
      schema: '{"type":"string"}',
    });
  });

  it('reports all problems of a file at once, sorted by element and property', async () => {
    // Act
    const result = await model(
      catchEvent('B', { 'topic.topicName': undefined }),
      catchEvent('A', { autoOffsetReset: 'x', messageTtl: 'soon' })
    );

    // Assess
    expect(result.errors.map((e) => [e.elementId, e.property])).toEqual([
      ['A', 'autoOffsetReset'],
      ['A', 'messageTtl'],
      ['B', 'topic.topicName'],
    ]);
  });
});

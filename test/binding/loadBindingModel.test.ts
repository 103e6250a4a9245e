import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBindingModel } from '../../lib/binding/index.js';
import { parseBpmn } from '../../lib/bpmn/index.js';
import type { ElementKind } from '../../lib/bpmn/types.js';
import { buildBpmn } from '../support/bpmn.js';

interface TemplateProperty {
  readonly id?: string;
  readonly value?: string | boolean;
  readonly binding: { readonly type: string; readonly name?: string };
}

interface Template {
  readonly id: string;
  readonly version: number;
  readonly elementType: {
    readonly value: string;
    readonly eventDefinition?: string;
  };
  readonly properties: readonly TemplateProperty[];
}

const require = createRequire(import.meta.url);
const templateDir = join(
  dirname(
    require.resolve('@camunda/connectors-element-templates/package.json')
  ),
  'src',
  'element-templates'
);
const templates: Template[] = readdirSync(templateDir)
  .filter((f) => /^kafka-inbound-connector.*\.json$/.test(f))
  .flatMap((f) => JSON.parse(readFileSync(join(templateDir, f), 'utf8')));

const AVRO_SCHEMA =
  '{"type":"record","name":"Order","fields":[{"name":"orderId","type":"string"}]}';

/** A valid sample value for every property the Kafka templates bind. */
const SAMPLES: Readonly<Record<string, string>> = {
  'inbound.type': 'io.camunda:connector-kafka-inbound:1',
  kafkaConnectionConfiguration: 'kafka-connection-1',
  authenticationType: 'credentials',
  'authentication.username': '{{secrets.KAFKA_USERNAME}}',
  'authentication.password': '{{secrets.KAFKA_PASSWORD}}',
  'topic.bootstrapServers': 'broker-1:9092,broker-2:9092',
  'topic.topicName': 'orders',
  groupId: 'orders-group',
  additionalProperties: '={"max.poll.records": 100}',
  offsets: '=[10, 23]',
  autoOffsetReset: 'earliest',
  serializationType: 'avro',
  'avro.schema': AVRO_SCHEMA,
  'schemaStrategy.type': 'inlineSchema',
  'schemaStrategy.schema': AVRO_SCHEMA,
  'schemaStrategy.schemaType': 'avro',
  'schemaStrategy.schemaRegistryUrl': 'http://registry:8081',
  activationCondition: '=value.type = "OrderPlaced"',
  consumeUnmatchedEvents: 'true',
  correlationRequired: 'required',
  correlationKeyExpression: '=value.orderId',
  messageIdExpression: '=value.id',
  messageTtl: 'PT2H',
  deduplicationModeManualFlag: 'true',
  deduplicationId: 'orders-dedup',
  deduplicationMode: 'MANUAL',
  resultVariable: 'kafkaEvent',
  resultExpression: '={ orderId: value.orderId }',
};

const KINDS: Readonly<Record<string, ElementKind>> = {
  'bpmn:StartEvent': 'noneStartEvent',
  'bpmn:StartEvent+message': 'messageStartEvent',
  'bpmn:IntermediateCatchEvent+message': 'intermediateCatchEvent',
  'bpmn:BoundaryEvent+message': 'boundaryEvent',
  'bpmn:ReceiveTask': 'receiveTask',
};

const kindOf = (template: Template): ElementKind => {
  const key = `${template.elementType.value}${template.elementType.eventDefinition ? '+message' : ''}`;
  const kind = KINDS[key];
  if (!kind) throw new Error(`no element kind for ${key}`);
  return kind;
};

/** The zeebe properties Camunda Modeler would write for a template (first of duplicate names). */
const templateProperties = (
  template: Template,
  without: readonly string[]
): [string, string][] => {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const p of template.properties) {
    const name = p.binding.name;
    if (p.binding.type !== 'zeebe:property' || !name || seen.has(name))
      continue;
    if (without.includes(name)) continue;
    const sample = SAMPLES[name];
    if (sample === undefined) throw new Error(`no sample value for ${name}`);
    seen.add(name);
    out.push([name, sample]);
  }
  return out;
};

const bindsMessage = (template: Template, type: string) =>
  template.properties.some((p) => p.binding.type === type);

/** A BPMN file with one element made from a template, as Camunda Modeler writes it. */
const bpmnFromTemplate = (
  template: Template,
  without: readonly string[] = []
) => {
  const kind = kindOf(template);
  const subscribes = bindsMessage(
    template,
    'bpmn:Message#zeebe:subscription#property'
  );
  return {
    kind,
    xml: buildBpmn({
      id: 'order-process',
      elements: [
        {
          id: 'Kafka_1',
          kind,
          template: { id: template.id, version: template.version },
          properties: templateProperties(template, without),
          attachedTo: 'Task_1',
          message: {
            id: 'Message_1',
            name: 'order-message',
            ...(subscribes ? { correlationKey: '=orderId' } : {}),
          },
        },
      ],
    }),
  };
};

const cases = templates.map((t) => ({
  label: `${t.id} v${t.version}`,
  template: t,
}));

describe('Function: loadBindingModel', () => {
  it('finds every Kafka template version in the package', () => {
    // Assess
    // 7 boundary + 8 intermediate + 2 receive + 5 message start + 2 none start
    expect(cases).toHaveLength(24);
    expect(new Set(templates.map((t) => t.id))).toEqual(
      new Set([
        'io.camunda.connectors.inbound.KAFKA.v1',
        'io.camunda.connectors.inbound.KafkaMessageStart.v1',
        'io.camunda.connectors.inbound.KafkaIntermediate.v1',
        'io.camunda.connectors.inbound.KafkaBoundary.v1',
        'io.camunda.connectors.inbound.KafkaReceive.v1',
      ])
    );
  });

  it.each(cases)('reads every property of $label', async ({ template }) => {
    // Prepare
    const { kind, xml } = bpmnFromTemplate(template);
    const expected = Object.fromEntries(templateProperties(template, []));

    // Act
    const parsed = await parseBpmn(xml);

    // Assess
    expect(parsed.errors).toEqual([]);
    expect(parsed.elements).toHaveLength(1);
    const [element] = parsed.elements;
    expect(element?.kind).toBe(kind);
    expect(element?.template).toEqual({
      id: template.id,
      version: template.version,
    });
    expect(element?.properties).toEqual(expected);
    if (kind !== 'noneStartEvent') {
      expect(element?.messageName).toBe('order-message');
      expect(element?.messageRef).toBe('Message_1');
    }
    if (bindsMessage(template, 'bpmn:Message#zeebe:subscription#property')) {
      expect(element?.subscriptionCorrelationKey).toBe('=orderId');
    }
  });

  it.each(cases)('builds a valid binding from $label', async ({ template }) => {
    // Prepare
    const { kind, xml } = bpmnFromTemplate(template, [
      'kafkaConnectionConfiguration',
    ]);
    const names = new Set(template.properties.map((p) => p.binding.name));

    // Act
    const model = await loadBindingModel(xml);

    // Assess
    expect(model.errors).toEqual([]);
    expect(model.bindings).toHaveLength(1);
    const [binding] = model.bindings;
    const [element] = binding?.elements ?? [];
    expect(binding?.processId).toBe('order-process');
    expect(element?.kind).toBe(kind);
    expect(binding?.kafka.topic).toBe('orders');
    expect(binding?.kafka.bootstrapServers).toEqual([
      'broker-1:9092',
      'broker-2:9092',
    ]);
    expect(binding?.kafka.offsets).toEqual([10, 23]);
    expect(binding?.kafka.autoOffsetReset).toBe('earliest');
    expect(binding?.kafka.clientProperties['max.poll.records']).toBe('100');
    expect(binding?.kafka.authentication).toMatchObject({
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'PLAIN',
      username: '{{secrets.KAFKA_USERNAME}}',
      password: '{{secrets.KAFKA_PASSWORD}}',
    });
    expect(binding?.secrets).toEqual(['KAFKA_PASSWORD', 'KAFKA_USERNAME']);
    expect(binding?.kafka.groupId).toBe(
      names.has('groupId')
        ? 'orders-group'
        : 'kafka-inbound-connector-order-process'
    );
    if (names.has('schemaStrategy.type') || names.has('serializationType')) {
      expect(binding?.kafka.schema).toEqual({
        type: 'inlineSchema',
        schema: AVRO_SCHEMA,
      });
    } else {
      expect(binding?.kafka.schema).toEqual({ type: 'noSchema' });
    }
    if (names.has('deduplicationId')) {
      expect(binding?.deduplicationId).toBe('orders-dedup');
      expect(binding?.id).toBe('order-process--orders-dedup');
    } else {
      expect(binding?.id).toBe('order-process--Kafka_1');
    }
    if (names.has('messageTtl')) expect(element?.messageTtlMs).toBe(7_200_000);
    expect(element?.activationCondition).toBe('=value.type = "OrderPlaced"');
    expect(element?.resultExpression).toBe('={ orderId: value.orderId }');
    expect(element?.consumeUnmatchedEvents).toBe(
      names.has('consumeUnmatchedEvents')
    );
    if (kind !== 'noneStartEvent') {
      expect(element?.messageName).toBe('order-message');
      expect(element?.correlationKeyExpression).toBe('=value.orderId');
      expect(element?.correlationRequired).toBe(true);
    }
  });

  it.each(cases.filter((c) => c.template.version === 8))(
    'reports kafkaConnectionConfiguration of $label as unsupported',
    async ({ template }) => {
      // Prepare
      const { xml } = bpmnFromTemplate(template);

      // Act
      const model = await loadBindingModel(xml);

      // Assess
      expect(model.bindings).toEqual([]);
      expect(model.errors).toEqual([
        expect.objectContaining({
          elementId: 'Kafka_1',
          property: 'kafkaConnectionConfiguration',
        }),
      ]);
    }
  );

  it('returns the parsed file with the model', async () => {
    // Prepare
    const xml = readFileSync(
      new URL('../../examples/payment-process.bpmn', import.meta.url),
      'utf8'
    );

    // Act
    const model = await loadBindingModel(xml);

    // Assess
    expect(model.parsed.processes).toEqual([
      { id: 'payment-process', name: 'Payment process', isExecutable: true },
    ]);
    expect(model.bindings.map((b) => b.id)).toEqual([
      'payment-process--PaymentReceivedEvent',
    ]);
  });
});

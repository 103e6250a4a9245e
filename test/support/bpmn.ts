// The one home of the tests' BPMN files. One writer, buildBpmn: any
// processes, element kinds and containers, with the zeebe:property pairs
// given, attribute values escaped as Camunda Modeler (moddle-xml) does
// (`attr`). The rest are presets of it:
// - validProperties, kafkaProperties: property pairs of a Kafka element;
//   noneStart, messageStart, catchEvent, processWith: the parity suite's;
// - bpmnXml: message start events (KafkaMessageStart v7) per process;
// - kafkaBpmn: one Kafka element of the stock templates on a path.
//
// Test data ships beside the tests that read it (test/fixtures/,
// test/hostile/hostileBpmn.ts builds its hostile files from bpmnXml).
import type { ElementKind } from '../../lib/bpmn/types.js';

/** A Kafka (or other) element for a generated test BPMN file. */
interface TestElement {
  readonly id: string;
  readonly kind: ElementKind;
  readonly name?: string;
  /** zeebe:property entries in order (duplicates allowed). */
  readonly properties?: readonly (readonly [string, string])[];
  /** The referenced message; `null` = no messageRef at all. */
  readonly message?: {
    readonly id?: string;
    readonly name?: string;
    readonly correlationKey?: string;
  } | null;
  readonly template?: { readonly id: string; readonly version?: number };
  /** Boundary events: the activity id (an activity is generated). */
  readonly attachedTo?: string;
  /**
   * Draw the element on a path, as Modeler users do: a sequence flow to an
   * end event `<id>_end`, and from a plain start event `<id>_start` when the
   * element is not a start event itself.
   */
  readonly flow?: boolean;
}

interface TestContainer {
  readonly type:
    | 'subProcess'
    | 'eventSubProcess'
    | 'adHocSubProcess'
    | 'transaction';
  readonly id: string;
  readonly elements?: readonly TestElement[];
  readonly containers?: readonly TestContainer[];
}

interface TestProcess {
  readonly id: string;
  readonly isExecutable?: boolean;
  readonly elements?: readonly TestElement[];
  readonly containers?: readonly TestContainer[];
}

const KAFKA = 'io.camunda:connector-kafka-inbound:1';

/** Escape an attribute value the way Camunda Modeler (moddle-xml) does. */
const attr = (value: string): string =>
  value.replace(/[&<>"'\n]/g, (c) => `&#${c.charCodeAt(0)};`);

const messageId = (element: TestElement): string =>
  element.message?.id ?? `Message_${element.id}`;

const kafkaElementXml = (element: TestElement): string => {
  const properties = (element.properties ?? [['inbound.type', KAFKA]])
    .map(([n, v]) => `<zeebe:property name="${attr(n)}" value="${attr(v)}" />`)
    .join('\n          ');
  const template = element.template
    ? ` zeebe:modelerTemplate="${attr(element.template.id)}"${element.template.version === undefined ? '' : ` zeebe:modelerTemplateVersion="${element.template.version}"`}`
    : '';
  const name = element.name ? ` name="${attr(element.name)}"` : '';
  const extension = `<bpmn:extensionElements>
        <zeebe:properties>
          ${properties}
        </zeebe:properties>
      </bpmn:extensionElements>`;
  const ref =
    element.message === null ? '' : ` messageRef="${attr(messageId(element))}"`;
  const med = `<bpmn:messageEventDefinition id="${attr(element.id)}_med"${ref} />`;
  const id = attr(element.id);
  switch (element.kind) {
    case 'noneStartEvent':
      return `<bpmn:startEvent id="${id}"${name}${template}>${extension}</bpmn:startEvent>`;
    case 'messageStartEvent':
      return `<bpmn:startEvent id="${id}"${name}${template}>${extension}${med}</bpmn:startEvent>`;
    case 'intermediateCatchEvent':
      return `<bpmn:intermediateCatchEvent id="${id}"${name}${template}>${extension}${med}</bpmn:intermediateCatchEvent>`;
    case 'boundaryEvent': {
      const activity = element.attachedTo ?? `${element.id}_activity`;
      return `<bpmn:serviceTask id="${attr(activity)}"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:boundaryEvent id="${id}"${name}${template} attachedToRef="${attr(activity)}">${extension}${med}</bpmn:boundaryEvent>`;
    }
    case 'receiveTask':
      return `<bpmn:receiveTask id="${id}"${name}${template}${ref}>${extension}</bpmn:receiveTask>`;
  }
};

/** The element, with its path when `flow` is set. */
const elementXml = (element: TestElement): string => {
  const xml = kafkaElementXml(element);
  if (!element.flow) return xml;
  const id = attr(element.id);
  const isStart =
    element.kind === 'noneStartEvent' || element.kind === 'messageStartEvent';
  const before = isStart
    ? []
    : [
        `<bpmn:startEvent id="${id}_start" />`,
        `<bpmn:sequenceFlow id="${id}_in" sourceRef="${id}_start" targetRef="${id}" />`,
      ];
  return [
    ...before,
    xml,
    `<bpmn:endEvent id="${id}_end" />`,
    `<bpmn:sequenceFlow id="${id}_out" sourceRef="${id}" targetRef="${id}_end" />`,
  ].join('\n    ');
};

const messagesOf = (elements: readonly TestElement[]): string[] =>
  elements
    .filter((e) => e.kind !== 'noneStartEvent' && e.message !== null)
    .map((e) => {
      const m = e.message ?? {};
      const name =
        m.name === undefined
          ? ` name="msg-${attr(e.id)}"`
          : m.name === ''
            ? ''
            : ` name="${attr(m.name)}"`;
      const subscription =
        m.correlationKey === undefined
          ? ''
          : `<bpmn:extensionElements><zeebe:subscription correlationKey="${attr(m.correlationKey)}" /></bpmn:extensionElements>`;
      return `<bpmn:message id="${attr(messageId(e))}"${name}>${subscription}</bpmn:message>`;
    });

const containerXml = (c: TestContainer): string => {
  const inner = [
    ...(c.elements ?? []).map(elementXml),
    ...(c.containers ?? []).map(containerXml),
  ].join('\n    ');
  switch (c.type) {
    case 'subProcess':
      return `<bpmn:subProcess id="${attr(c.id)}">${inner}</bpmn:subProcess>`;
    case 'eventSubProcess':
      return `<bpmn:subProcess id="${attr(c.id)}" triggeredByEvent="true">${inner}</bpmn:subProcess>`;
    case 'adHocSubProcess':
      return `<bpmn:adHocSubProcess id="${attr(c.id)}">${inner}</bpmn:adHocSubProcess>`;
    case 'transaction':
      return `<bpmn:transaction id="${attr(c.id)}">${inner}</bpmn:transaction>`;
  }
};

const allElements = (p: {
  elements?: readonly TestElement[];
  containers?: readonly TestContainer[];
}): TestElement[] => [
  ...(p.elements ?? []),
  ...(p.containers ?? []).flatMap(allElements),
];

/**
 * A BPMN file (as Camunda Modeler would write it, minus the diagram) with the
 * given processes and Kafka elements.
 *
 * @param processes - processes and their elements
 */
const buildBpmn = (...processes: readonly TestProcess[]): string => {
  const body = processes
    .map((p) => {
      const inner = [
        ...(p.elements ?? []).map(elementXml),
        ...(p.containers ?? []).map(containerXml),
      ].join('\n    ');
      return `<bpmn:process id="${attr(p.id)}" isExecutable="${p.isExecutable ?? true}">
    ${inner}
  </bpmn:process>`;
    })
    .join('\n  ');
  const messages = processes.flatMap((p) => messagesOf(allElements(p)));
  const unique = [...new Set(messages)].join('\n  ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_test" targetNamespace="http://bpmn.io/schema/bpmn">
  ${body}
  ${unique}
</bpmn:definitions>
`;
};

/** Property pairs: `base` with `overrides` over it; an `undefined` value drops a property. */
const propertyPairs = (
  base: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string | undefined>>
): [string, string][] =>
  Object.entries({ ...base, ...overrides }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined
  );

/** Properties of a valid Kafka element (KafkaIntermediate v7 style). */
const validProperties = (
  overrides: Readonly<Record<string, string | undefined>> = {}
): [string, string][] =>
  propertyPairs(
    {
      'inbound.type': KAFKA,
      authenticationType: 'credentials',
      'topic.bootstrapServers': 'localhost:9092',
      'topic.topicName': 'orders',
      autoOffsetReset: 'latest',
      'schemaStrategy.type': 'noSchema',
      consumeUnmatchedEvents: 'true',
      correlationKeyExpression: '=value.orderId',
      resultVariable: 'event',
    },
    overrides
  );

/** Property pairs of a Kafka element as the v7 templates write them (the parity suite's). */
const kafkaProperties = (
  overrides: Readonly<Record<string, string | undefined>> = {}
): [string, string][] =>
  propertyPairs(
    {
      'inbound.type': KAFKA,
      authenticationType: 'credentials',
      'topic.bootstrapServers': 'localhost:9092',
      'topic.topicName': 'orders',
      groupId: 'orders-group',
      autoOffsetReset: 'latest',
      'schemaStrategy.type': 'noSchema',
      consumeUnmatchedEvents: 'false',
      deduplicationModeManualFlag: 'false',
      deduplicationMode: 'AUTO',
    },
    overrides
  );

/** A process `order-process` with the given elements. */
const processWith = (...elements: TestElement[]): string =>
  buildBpmn({ id: 'order-process', elements });

/** An intermediate catch event `Catch` with message `order-paid`. */
const catchEvent = (
  overrides: Readonly<Record<string, string | undefined>> = {},
  element: Partial<TestElement> = {}
): TestElement => ({
  id: 'Catch',
  kind: 'intermediateCatchEvent',
  message: { name: 'order-paid', correlationKey: '=orderId' },
  properties: kafkaProperties({
    correlationKeyExpression: '=value.orderId',
    resultVariable: 'event',
    ...overrides,
  }),
  ...element,
});

/** A message start event `Start` with message `order-received`. */
const messageStart = (
  overrides: Readonly<Record<string, string | undefined>> = {},
  element: Partial<TestElement> = {}
): TestElement => ({
  id: 'Start',
  kind: 'messageStartEvent',
  message: { name: 'order-received' },
  properties: kafkaProperties({
    correlationRequired: 'notRequired',
    resultVariable: 'event',
    ...overrides,
  }),
  ...element,
});

/** A none start event `Start` (creates a process instance). */
const noneStart = (
  overrides: Readonly<Record<string, string | undefined>> = {}
): TestElement => ({
  id: 'Start',
  kind: 'noneStartEvent',
  properties: kafkaProperties({ resultVariable: 'event', ...overrides }),
});

/** One Kafka element of a test BPMN file: a message start event by default. */
interface ElementSpec {
  readonly id: string;
  /** `catch`: an intermediate message catch event (waits in an instance). */
  readonly kind?: 'start' | 'catch';
  /** Catch events: `correlationKeyExpression` (default `=value.id`). */
  readonly correlation?: string;
  /** The message name (default `<id>-message`). */
  readonly messageName?: string;
  readonly resultExpression?: string;
  readonly topic: string;
  readonly groupId?: string;
  readonly servers?: string;
  readonly username?: string;
  readonly password?: string;
  readonly additional?: Readonly<Record<string, string>>;
  readonly activationCondition?: string;
  /** A Confluent-compatible (or Glue) schema registry instead of noSchema. */
  readonly registry?: { readonly url: string; readonly type: 'avro' | 'json' };
}

/** One process of a test BPMN file. */
interface ProcessSpec {
  readonly id: string;
  readonly elements: readonly ElementSpec[];
}

/** The v7 KafkaMessageStart properties of one {@link ElementSpec}, in the template's order. */
const specProperties = (element: ElementSpec): [string, string][] => {
  const schema: [string, string][] =
    element.registry === undefined
      ? [['schemaStrategy.type', 'noSchema']]
      : [
          ['schemaStrategy.type', 'schemaRegistry'],
          ['schemaStrategy.schemaType', element.registry.type],
          ['schemaStrategy.schemaRegistryUrl', element.registry.url],
        ];
  const optional: [string, string | undefined][] = [
    ['authentication.username', element.username],
    ['authentication.password', element.password],
    [
      'additionalProperties',
      element.additional && JSON.stringify(element.additional),
    ],
    ['activationCondition', element.activationCondition],
    [
      'correlationKeyExpression',
      element.kind === 'catch'
        ? (element.correlation ?? '=value.id')
        : undefined,
    ],
    ['resultExpression', element.resultExpression],
  ];
  return [
    ['inbound.type', KAFKA],
    ['authenticationType', 'credentials'],
    ['topic.bootstrapServers', element.servers ?? 'broker-1:9092'],
    ['topic.topicName', element.topic],
    ['groupId', element.groupId ?? `${element.id}-group`],
    ['autoOffsetReset', 'earliest'],
    ...schema,
    ['consumeUnmatchedEvents', 'true'],
    ['correlationRequired', 'notRequired'],
    ['messageTtl', 'PT1H'],
    ['deduplicationModeManualFlag', 'false'],
    ['deduplicationMode', 'AUTO'],
    ['resultVariable', 'event'],
    ...optional.filter(
      (pair): pair is [string, string] => pair[1] !== undefined
    ),
  ];
};

/**
 * A BPMN file with one Kafka element per element spec, with its flow to an
 * end event: a message start event (KafkaMessageStart v7), or with `kind:
 * 'catch'` an intermediate message catch event (KafkaIntermediate v7) after
 * a plain start event. The provisioning, function, version and hostile
 * tests' file, written by {@link buildBpmn}.
 *
 * @param processes - the processes of the file
 */
const bpmnXml = (...processes: ProcessSpec[]): string =>
  buildBpmn(
    ...processes.map((process) => ({
      id: process.id,
      elements: process.elements.map(
        (element): TestElement =>
          element.kind === 'catch'
            ? {
                id: element.id,
                kind: 'intermediateCatchEvent',
                template: {
                  id: 'io.camunda.connectors.inbound.KafkaIntermediate.v1',
                  version: 7,
                },
                properties: specProperties(element),
                message: {
                  id: `${element.id}_message`,
                  name: element.messageName ?? `${element.id}-message`,
                  correlationKey: '=orderId',
                },
                flow: true,
              }
            : {
                id: element.id,
                kind: 'messageStartEvent',
                template: {
                  id: 'io.camunda.connectors.inbound.KafkaMessageStart.v1',
                  version: 7,
                },
                properties: specProperties(element),
                message: {
                  id: `${element.id}_message`,
                  name: element.messageName ?? `${element.id}-message`,
                },
                flow: true,
              }
      ),
    }))
  );

/** One Kafka element of a test BPMN file, as the stock templates write it. */
interface KafkaElementFixture {
  readonly processId: string;
  /** `start`: none start event (KAFKA.v1); `intermediate`: message catch event. */
  readonly kind: 'start' | 'intermediate';
  readonly topic: string;
  readonly servers: string;
  readonly groupId: string;
  readonly resultVariable?: string;
  readonly correlationKeyExpression?: string;
  readonly messageName?: string;
  /** Extra `zeebe:property` name/value pairs (unescaped). */
  readonly properties?: Readonly<Record<string, string>>;
}

/**
 * A minimal executable BPMN file with one Kafka element written with the
 * properties of Camunda's stock Kafka templates (a none start event of
 * KAFKA.v1, or a message catch event of KafkaIntermediate.v1 after a plain
 * start event), on a path to an end event: the local runtime, CLI and e2e
 * tests' file, written by {@link buildBpmn}.
 *
 * @param fixture - process, element kind, topic and connection
 */
const kafkaBpmn = (fixture: KafkaElementFixture): string => {
  const properties: Record<string, string> = {
    'inbound.type': KAFKA,
    authenticationType: 'credentials',
    'topic.bootstrapServers': fixture.servers,
    'topic.topicName': fixture.topic,
    groupId: fixture.groupId,
    autoOffsetReset: 'earliest',
    'schemaStrategy.type': 'noSchema',
    consumeUnmatchedEvents: 'true',
    deduplicationModeManualFlag: 'false',
    deduplicationMode: 'AUTO',
    ...(fixture.resultVariable === undefined
      ? {}
      : { resultVariable: fixture.resultVariable }),
    ...(fixture.correlationKeyExpression === undefined
      ? {}
      : { correlationKeyExpression: fixture.correlationKeyExpression }),
    ...fixture.properties,
  };
  const element: TestElement =
    fixture.kind === 'start'
      ? {
          id: 'KafkaStartEvent',
          kind: 'noneStartEvent',
          template: {
            id: 'io.camunda.connectors.inbound.KAFKA.v1',
            version: 5,
          },
          properties: Object.entries(properties),
          flow: true,
        }
      : {
          id: 'KafkaCatchEvent',
          kind: 'intermediateCatchEvent',
          template: {
            id: 'io.camunda.connectors.inbound.KafkaIntermediate.v1',
            version: 7,
          },
          properties: Object.entries(properties),
          message: {
            id: 'Message_1',
            name: fixture.messageName ?? `${fixture.processId}-message`,
            correlationKey: '=orderId',
          },
          flow: true,
        };
  return buildBpmn({ id: fixture.processId, elements: [element] });
};

export type {
  ElementSpec,
  KafkaElementFixture,
  ProcessSpec,
  TestContainer,
  TestElement,
  TestProcess,
};
export {
  attr,
  bpmnXml,
  buildBpmn,
  catchEvent,
  KAFKA,
  kafkaBpmn,
  kafkaProperties,
  messageStart,
  noneStart,
  processWith,
  validProperties,
};

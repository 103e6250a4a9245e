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

const elementXml = (element: TestElement): string => {
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

/** Properties of a valid Kafka element (KafkaIntermediate v7 style). */
const validProperties = (
  overrides: Readonly<Record<string, string | undefined>> = {}
): [string, string][] => {
  const base: Record<string, string | undefined> = {
    'inbound.type': KAFKA,
    authenticationType: 'credentials',
    'topic.bootstrapServers': 'localhost:9092',
    'topic.topicName': 'orders',
    autoOffsetReset: 'latest',
    'schemaStrategy.type': 'noSchema',
    consumeUnmatchedEvents: 'true',
    correlationKeyExpression: '=value.orderId',
    resultVariable: 'event',
    ...overrides,
  };
  return Object.entries(base).filter(
    (entry): entry is [string, string] => entry[1] !== undefined
  );
};

export type { TestContainer, TestElement, TestProcess };
export { attr, buildBpmn, KAFKA, validProperties };

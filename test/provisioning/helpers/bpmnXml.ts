/** One Kafka message start event of a test BPMN file. */
interface ElementSpec {
  readonly id: string;
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

const escapeXml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

const property = (name: string, value: string): string =>
  `          <zeebe:property name="${name}" value="${escapeXml(value)}" />`;

const elementXml = (element: ElementSpec): string => {
  const properties = [
    property('inbound.type', 'io.camunda:connector-kafka-inbound:1'),
    property('authenticationType', 'credentials'),
    property('topic.bootstrapServers', element.servers ?? 'broker-1:9092'),
    property('topic.topicName', element.topic),
    property('groupId', element.groupId ?? `${element.id}-group`),
    property('autoOffsetReset', 'earliest'),
    ...(element.registry === undefined
      ? [property('schemaStrategy.type', 'noSchema')]
      : [
          property('schemaStrategy.type', 'schemaRegistry'),
          property('schemaStrategy.schemaType', element.registry.type),
          property('schemaStrategy.schemaRegistryUrl', element.registry.url),
        ]),
    property('consumeUnmatchedEvents', 'true'),
    property('correlationRequired', 'notRequired'),
    property('messageTtl', 'PT1H'),
    property('deduplicationModeManualFlag', 'false'),
    property('deduplicationMode', 'AUTO'),
    property('resultVariable', 'event'),
    ...(element.username === undefined
      ? []
      : [property('authentication.username', element.username)]),
    ...(element.password === undefined
      ? []
      : [property('authentication.password', element.password)]),
    ...(element.additional === undefined
      ? []
      : [property('additionalProperties', JSON.stringify(element.additional))]),
    ...(element.activationCondition === undefined
      ? []
      : [property('activationCondition', element.activationCondition)]),
  ];
  return [
    `    <bpmn:startEvent id="${element.id}" zeebe:modelerTemplate="io.camunda.connectors.inbound.KafkaMessageStart.v1" zeebe:modelerTemplateVersion="7">`,
    '      <bpmn:extensionElements>',
    '        <zeebe:properties>',
    ...properties,
    '        </zeebe:properties>',
    '      </bpmn:extensionElements>',
    `      <bpmn:outgoing>${element.id}_flow</bpmn:outgoing>`,
    `      <bpmn:messageEventDefinition id="${element.id}_def" messageRef="${element.id}_message" />`,
    '    </bpmn:startEvent>',
    `    <bpmn:sequenceFlow id="${element.id}_flow" sourceRef="${element.id}" targetRef="${element.id}_end" />`,
    `    <bpmn:endEvent id="${element.id}_end"><bpmn:incoming>${element.id}_flow</bpmn:incoming></bpmn:endEvent>`,
  ].join('\n');
};

/**
 * A BPMN file with one message start event per element spec.
 *
 * @param processes - the processes of the file
 */
const bpmnXml = (...processes: ProcessSpec[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">',
    ...processes.map((process) =>
      [
        `  <bpmn:process id="${process.id}" isExecutable="true">`,
        ...process.elements.map(elementXml),
        '  </bpmn:process>',
      ].join('\n')
    ),
    ...processes.flatMap((process) =>
      process.elements.map(
        (element) =>
          `  <bpmn:message id="${element.id}_message" name="${element.id}-message" />`
      )
    ),
    '</bpmn:definitions>',
  ].join('\n');

export type { ElementSpec, ProcessSpec };
export { bpmnXml };

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

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');

const propertyLines = (properties: Readonly<Record<string, string>>): string =>
  Object.entries(properties)
    .map(
      ([name, value]) =>
        `          <zeebe:property name="${escapeXml(name)}" value="${escapeXml(value)}" />`
    )
    .join('\n');

/**
 * A minimal executable BPMN file with one Kafka element written with the
 * properties of Camunda's stock Kafka templates.
 *
 * @param fixture - process, element kind, topic and connection
 */
const kafkaBpmn = (fixture: KafkaElementFixture): string => {
  const common: Record<string, string> = {
    'inbound.type': 'io.camunda:connector-kafka-inbound:1',
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
  const elementId =
    fixture.kind === 'start' ? 'KafkaStartEvent' : 'KafkaCatchEvent';
  const messageName = fixture.messageName ?? `${fixture.processId}-message`;
  const element =
    fixture.kind === 'start'
      ? `    <bpmn:startEvent id="${elementId}" zeebe:modelerTemplate="io.camunda.connectors.inbound.KAFKA.v1" zeebe:modelerTemplateVersion="5">
      <bpmn:extensionElements>
        <zeebe:properties>
${propertyLines(common)}
        </zeebe:properties>
      </bpmn:extensionElements>
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:endEvent id="End">
      <bpmn:incoming>Flow_1</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="${elementId}" targetRef="End" />`
      : `    <bpmn:startEvent id="Start">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="${elementId}" zeebe:modelerTemplate="io.camunda.connectors.inbound.KafkaIntermediate.v1" zeebe:modelerTemplateVersion="7">
      <bpmn:extensionElements>
        <zeebe:properties>
${propertyLines(common)}
        </zeebe:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:messageEventDefinition id="MessageEventDefinition_1" messageRef="Message_1" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="${elementId}" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="${elementId}" targetRef="End" />`;
  const message =
    fixture.kind === 'start'
      ? ''
      : `
  <bpmn:message id="Message_1" name="${escapeXml(messageName)}" zeebe:modelerTemplate="io.camunda.connectors.inbound.KafkaIntermediate.v1">
    <bpmn:extensionElements>
      <zeebe:subscription correlationKey="=orderId" />
    </bpmn:extensionElements>
  </bpmn:message>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${fixture.processId}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${fixture.processId}" isExecutable="true">
${element}
  </bpmn:process>${message}
</bpmn:definitions>
`;
};

export type { KafkaElementFixture };
export { kafkaBpmn };

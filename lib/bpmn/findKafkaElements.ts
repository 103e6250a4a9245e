import { INBOUND_TYPE_PROPERTY, KAFKA_INBOUND_TYPE } from './constants.js';
import {
  type ModdleNode,
  readExtensions,
  readNode,
  readNodes,
  readString,
  typeOf,
} from './moddleAccess.js';
import type {
  ElementKind,
  KafkaElement,
  Problem,
  ProcessInfo,
} from './types.js';

/** What contains a flow element; start events behave differently in each. */
type ContainerKind = 'process' | 'subProcess' | 'eventSubProcess';

interface WalkContext {
  readonly processId: string;
  readonly container: ContainerKind;
}

interface FoundElements {
  readonly processes: ProcessInfo[];
  readonly elements: KafkaElement[];
  readonly warnings: Problem[];
  readonly errors: Problem[];
  /** Elements marked as Kafka connectors, including rejected ones. */
  candidates: number;
}

const SUPPORTED =
  'a start event, a message intermediate catch event, a message boundary ' +
  'event or a receive task';

/**
 * Zeebe properties in document order; the first of duplicate names wins. A
 * property without a value attribute is left out, as Camunda's
 * `ProcessDefinitionInspector.getRawProperties` does (an empty value is kept).
 */
const readProperties = (
  node: ModdleNode,
  elementId: string,
  warnings: Problem[]
): Record<string, string> => {
  const properties: Record<string, string> = Object.create(null);
  for (const block of readExtensions(node, 'zeebe:Properties')) {
    for (const property of readNodes(block, 'properties')) {
      const name = readString(property, 'name');
      if (name === undefined) continue;
      if (readString(property, 'value') === undefined) continue;
      if (name in properties) {
        warnings.push({
          elementId,
          property: name,
          message: `property "${name}" is set more than once; the first value is used (as Camunda does)`,
        });
        continue;
      }
      properties[name] = readString(property, 'value') ?? '';
    }
  }
  return { ...properties };
};

const messageEventDefinition = (node: ModdleNode): ModdleNode | undefined =>
  readNodes(node, 'eventDefinitions').find(
    (d) => typeOf(d) === 'bpmn:MessageEventDefinition'
  );

/** The element kind, or a reason why a Kafka connector cannot sit on it. */
const classify = (
  node: ModdleNode,
  container: ContainerKind
): { kind: ElementKind } | { reason: string } => {
  const type = typeOf(node);
  const definitions = readNodes(node, 'eventDefinitions');
  const message = messageEventDefinition(node);
  const otherDefinition = definitions.find((d) => d !== message);
  if (otherDefinition) {
    return {
      reason: `a Kafka inbound connector cannot be used on an event with a ${typeOf(otherDefinition)}; use ${SUPPORTED}`,
    };
  }
  switch (type) {
    case 'bpmn:StartEvent':
      if (!message) {
        return container === 'process'
          ? { kind: 'noneStartEvent' }
          : {
              reason:
                'a Kafka none start event inside a sub-process cannot start anything: only a start event of the process itself can',
            };
      }
      return container === 'subProcess'
        ? {
            reason:
              'a message start event is not allowed inside an embedded sub-process (only in an event sub-process)',
          }
        : { kind: 'messageStartEvent' };
    case 'bpmn:IntermediateCatchEvent':
      return message
        ? { kind: 'intermediateCatchEvent' }
        : {
            reason:
              'the intermediate catch event has no message event definition',
          };
    case 'bpmn:BoundaryEvent':
      return message
        ? { kind: 'boundaryEvent' }
        : { reason: 'the boundary event has no message event definition' };
    case 'bpmn:ReceiveTask':
      return { kind: 'receiveTask' };
    default:
      return {
        reason: `a Kafka inbound connector cannot be used on a <${type}>; use ${SUPPORTED}`,
      };
  }
};

const readMessage = (node: ModdleNode, kind: ElementKind) => {
  if (kind === 'noneStartEvent') return {};
  const holder =
    kind === 'receiveTask' ? node : (messageEventDefinition(node) ?? node);
  const message = readNode(holder, 'messageRef');
  if (!message) return {};
  const subscription = readExtensions(message, 'zeebe:Subscription')[0];
  return {
    messageName: readString(message, 'name'),
    messageRef: readString(message, 'id'),
    subscriptionCorrelationKey: subscription
      ? readString(subscription, 'correlationKey')
      : undefined,
  };
};

const readTemplate = (node: ModdleNode): KafkaElement['template'] => {
  const id = readString(node, 'modelerTemplate');
  if (!id) return undefined;
  const version = node.modelerTemplateVersion;
  return typeof version === 'number' && Number.isInteger(version)
    ? { id, version }
    : { id };
};

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined)
  ) as T;

const visitElement = (
  node: ModdleNode,
  context: WalkContext,
  found: FoundElements
): void => {
  const elementId = readString(node, 'id') ?? '';
  const properties = readProperties(node, elementId, found.warnings);
  if (properties[INBOUND_TYPE_PROPERTY]?.trim() !== KAFKA_INBOUND_TYPE) return;
  found.candidates++;
  const classified = classify(node, context.container);
  if ('reason' in classified) {
    found.errors.push({ elementId, message: classified.reason });
    return;
  }
  const { kind } = classified;
  const attachedTo = readNode(node, 'attachedToRef');
  found.elements.push(
    withoutUndefined({
      elementId,
      elementName: readString(node, 'name'),
      kind,
      processId: context.processId,
      attachedToRef:
        kind === 'boundaryEvent' && attachedTo
          ? readString(attachedTo, 'id')
          : undefined,
      ...readMessage(node, kind),
      template: readTemplate(node),
      inEventSubProcess: context.container === 'eventSubProcess' || undefined,
      bpmnType: typeOf(node),
      properties,
    })
  );
};

const walk = (
  container: ModdleNode,
  context: WalkContext,
  found: FoundElements
): void => {
  for (const node of readNodes(container, 'flowElements')) {
    if (Array.isArray(node.flowElements)) {
      walk(
        node,
        {
          processId: context.processId,
          container:
            node.triggeredByEvent === true ? 'eventSubProcess' : 'subProcess',
        },
        found
      );
    }
    visitElement(node, context, found);
  }
};

/**
 * Every Kafka element of every process in a parsed `bpmn:Definitions`,
 * including those inside embedded, event and ad-hoc sub-processes and
 * transactions.
 *
 * @param definitions - the moddle root element
 */
const findKafkaElements = (definitions: ModdleNode): FoundElements => {
  const found: FoundElements = {
    processes: [],
    elements: [],
    warnings: [],
    errors: [],
    candidates: 0,
  };
  for (const root of readNodes(definitions, 'rootElements')) {
    if (typeOf(root) !== 'bpmn:Process') continue;
    const id = readString(root, 'id') ?? '';
    found.processes.push(
      withoutUndefined({
        id,
        name: readString(root, 'name'),
        isExecutable: root.isExecutable === true,
      })
    );
    walk(root, { processId: id, container: 'process' }, found);
  }
  return found;
};

export type { FoundElements };
export { findKafkaElements };

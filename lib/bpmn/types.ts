/**
 * How a Kafka element takes part in the process, and so which Camunda call a
 * record turns into.
 */
type ElementKind =
  | 'noneStartEvent'
  | 'messageStartEvent'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'receiveTask';

/** A problem found in a BPMN file, tied to an element and property when it has one. */
interface Problem {
  /** BPMN element id, when the problem belongs to one element. */
  readonly elementId?: string;
  /** Connector property name (`topic.topicName`) or BPMN attribute, when there is one. */
  readonly property?: string;
  /** Plain message for the person who modelled the file. */
  readonly message: string;
}

/** One BPMN process of a file (a collaboration has several). */
interface ProcessInfo {
  readonly id: string;
  readonly name?: string;
  readonly isExecutable: boolean;
}

/**
 * A BPMN element carrying `inbound.type = io.camunda:connector-kafka-inbound:1`,
 * as read from the XML, before any validation of its connector properties.
 */
interface KafkaElement {
  readonly elementId: string;
  readonly elementName?: string;
  readonly kind: ElementKind;
  /** Id of the `bpmn:Process` that contains the element (through any sub-processes). */
  readonly processId: string;
  /** Boundary events: the activity the event is attached to. */
  readonly attachedToRef?: string;
  /** Name of the referenced `bpmn:Message` (message elements). */
  readonly messageName?: string;
  /** Id of the referenced `bpmn:Message` (message elements). */
  readonly messageRef?: string;
  /** `zeebe:subscription correlationKey` of the referenced message (process side). */
  readonly subscriptionCorrelationKey?: string;
  /** `zeebe:modelerTemplate` / `zeebe:modelerTemplateVersion`, when present. */
  readonly template?: { readonly id: string; readonly version?: number };
  /** Raw `zeebe:property` values by name; the first of duplicate names wins. */
  readonly properties: Readonly<Record<string, string>>;
  /** True when the element's closest container is an event sub-process. */
  readonly inEventSubProcess?: boolean;
  /** The BPMN type as moddle names it (`bpmn:StartEvent`). */
  readonly bpmnType?: string;
}

/** Options of `parseBpmn`. */
interface ParseBpmnOptions {
  /** Largest accepted file in bytes (UTF-8); default 2 MiB. */
  readonly maxBytes?: number;
  /** Deepest accepted element nesting; default 256. */
  readonly maxDepth?: number;
}

/** The result of reading one BPMN file. */
interface ParsedBpmn {
  readonly processes: readonly ProcessInfo[];
  readonly elements: readonly KafkaElement[];
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
}

export type {
  ElementKind,
  KafkaElement,
  ParseBpmnOptions,
  ParsedBpmn,
  Problem,
  ProcessInfo,
};

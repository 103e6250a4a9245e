/** The zeebe property value that marks an element as a Kafka inbound connector. */
const KAFKA_INBOUND_TYPE = 'io.camunda:connector-kafka-inbound:1';

/** Name of the zeebe property that carries the connector type. */
const INBOUND_TYPE_PROPERTY = 'inbound.type';

/**
 * Limits applied before any XML reaches the parser. A BPMN file with Kafka
 * elements is normally a few tens of KiB; 2 MiB leaves room for very large
 * diagrams while keeping a bad upload from exhausting a Lambda's memory.
 */
const BPMN_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 256,
} as const;

/** The file name suffix of BPMN files (compared in lower case). */
const BPMN_FILE_SUFFIX = '.bpmn';

const NAMESPACES = {
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  zeebe: 'http://camunda.org/schema/zeebe/1.0',
} as const;

export {
  BPMN_FILE_SUFFIX,
  BPMN_LIMITS,
  INBOUND_TYPE_PROPERTY,
  KAFKA_INBOUND_TYPE,
  NAMESPACES,
};

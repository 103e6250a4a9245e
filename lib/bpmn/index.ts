export {
  BPMN_FILE_SUFFIX,
  BPMN_LIMITS,
  KAFKA_INBOUND_TYPE,
  NAMESPACES,
} from './constants.js';
export {
  BpmnEmptyInputError,
  BpmnInputError,
  BpmnInputTooLargeError,
  BpmnNotBpmnError,
  BpmnNotXmlError,
  BpmnTooDeepError,
  BpmnUnsafeXmlError,
} from './errors.js';
export { formatProblem } from './formatProblem.js';
export { isBpmnFileName } from './isBpmnFileName.js';
export { parseBpmn } from './parseBpmn.js';
export type {
  ElementKind,
  KafkaElement,
  ParseBpmnOptions,
  ParsedBpmn,
  Problem,
  ProcessInfo,
} from './types.js';

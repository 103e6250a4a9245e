export { clusterIdentity } from './clusterIdentity.js';
export { KAFKA_EVENT_SOURCES, MAX_JSON_DEPTH } from './constants.js';
export {
  decodeBase64Text,
  decodeHeaders,
  decodeKeyText,
  decodeRecord,
} from './decodeRecord.js';
export { KafkaError, KafkaEventInvalidError } from './errors.js';
export { assertIsKafkaEvent, isKafkaEvent } from './isKafkaEvent.js';
export type { JsonParseResult } from './parseJsonText.js';
export { parseJsonText } from './parseJsonText.js';
export { partitionBatches } from './partitionBatches.js';
export type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventHeader,
  KafkaEventRecord,
  KafkaMessage,
  KafkaPartitionBatch,
} from './types.js';

export { clusterIdentity } from './clusterIdentity.js';
export {
  KAFKA_EVENT_SOURCES,
  MAX_AVRO_EMPTY_ITEMS,
  MAX_AVRO_ITEMS,
  MAX_JSON_DEPTH,
} from './constants.js';
export type { AvroNamedTypes, AvroReader } from './createAvroReader.js';
export { createAvroReader } from './createAvroReader.js';
export { createRecordDecoder } from './createRecordDecoder.js';
export {
  decodeBase64Text,
  decodeHeaders,
  decodeKeyText,
  decodeRecord,
} from './decodeRecord.js';
export {
  AvroSchemaError,
  KafkaEventInvalidError,
  RecordDecodeError,
  SchemaNotFoundError,
  SchemaRegistryUnavailableError,
} from './errors.js';
export { assertIsKafkaEvent, isKafkaEvent } from './isKafkaEvent.js';
export type { JsonParseResult } from './parseJsonText.js';
export { parseJsonText } from './parseJsonText.js';
export { partitionBatches } from './partitionBatches.js';
export type { ConfluentFrame } from './readConfluentFrame.js';
export { readConfluentFrame } from './readConfluentFrame.js';
export type {
  KafkaBatchResponse,
  KafkaEvent,
  KafkaEventHeader,
  KafkaEventRecord,
  KafkaMessage,
  KafkaPartitionBatch,
  RecordDecoder,
  RecordDecoding,
  RegistrySchema,
  SchemaRegistryPort,
  ValueFormat,
} from './types.js';

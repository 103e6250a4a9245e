export {
  COMPILED_BINDING_CACHE_SIZE,
  DEFAULT_DEADLINE_MARGIN_MS,
  DEFAULT_MESSAGE_TTL_MS,
  MAX_BUSINESS_ID_LENGTH,
  MAX_DEAD_LETTER_BYTES,
  MAX_RESOLVED_OFFSETS_PER_PARTITION,
  MEMORY_RESOLVED_PARTITIONS,
} from './constants.js';
export { createBatchProcessor } from './createBatchProcessor.js';
export { createMemoryIdempotency } from './createMemoryIdempotency.js';
export { createMemoryResolvedOffsets } from './createMemoryResolvedOffsets.js';
export { ConsumerBatchFailedError } from './errors.js';
export { compileExpression, stripFeel } from './expressions.js';
export { fitDeadLetter } from './fitDeadLetter.js';
export { makeBusinessId } from './makeBusinessId.js';
export { makePartitionKey } from './makePartitionKey.js';
export { makeRecordKey } from './makeRecordKey.js';
export { serializeDeadLetter } from './serializeDeadLetter.js';
export { toHandlerResponse } from './toHandlerResponse.js';
export type {
  BatchCounts,
  BatchDependencies,
  BatchObserver,
  BatchProcessor,
  BatchResult,
  BindingStore,
  CompiledExpression,
  DeadLetter,
  DeadLetterReason,
  DeadLetterSink,
  DeployedBinding,
  EsmMode,
  ExpressionCompiler,
  IdempotencyPort,
  OmittablePart,
  OmittedPart,
  OrderingMode,
  ProcessOptions,
  RecordEvent,
  ResolvedOffsets,
  ResolvedOffsetsStore,
} from './types.js';

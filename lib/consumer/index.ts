export {
  COMPILED_BINDING_CACHE_SIZE,
  DEFAULT_MESSAGE_TTL_MS,
  MAX_BUSINESS_ID_LENGTH,
} from './constants.js';
export { createBatchProcessor } from './createBatchProcessor.js';
export { createMemoryIdempotency } from './createMemoryIdempotency.js';
export { ConsumerBatchFailedError } from './errors.js';
export { compileExpression, stripFeel } from './expressions.js';
export { makeBusinessId } from './makeBusinessId.js';
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
  OrderingMode,
  RecordEvent,
} from './types.js';

export { eventOfRecord } from './eventOfRecord.js';
export { readDeadLetter } from './readDeadLetter.js';
export { redriveDeadLetters } from './redriveDeadLetters.js';
export { trackRecordOutcomes } from './trackRecordOutcomes.js';
export type {
  BindingLookup,
  CommittedOutcome,
  DeadLetterSource,
  RecordFetcher,
  RecordOutcome,
  RecordOutcomeKind,
  RedriveDependencies,
  RedriveResult,
  RedriveSummary,
  SourceLetter,
  StoredDeadLetter,
} from './types.js';

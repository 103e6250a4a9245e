import type { DeadLetterReason } from './types.js';

/** A record that can never succeed, before it is dead-lettered. */
interface RecordPoison {
  readonly kind: 'poison';
  readonly reason: DeadLetterReason;
  readonly error: string;
  readonly elementId?: string;
  readonly status?: number;
}

/** Builds a {@link RecordPoison}. */
const poison = (
  reason: DeadLetterReason,
  error: string,
  elementId?: string,
  status?: number
): RecordPoison => ({ kind: 'poison', reason, error, elementId, status });

export type { RecordPoison };
export { poison };

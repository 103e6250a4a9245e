import type { CamundaOutcome } from '../camunda/types.js';
import type { IdempotencyPort } from './types.js';

type DoneOutcome = Extract<CamundaOutcome, { kind: 'done' }>;

/**
 * An in-memory {@link IdempotencyPort} for local runs, replay and tests:
 * remembers `done` outcomes by key, and lets concurrent calls for one key
 * share a single run of the work.
 */
const createMemoryIdempotency = (): IdempotencyPort => {
  const completed = new Map<string, DoneOutcome>();
  const inFlight = new Map<string, Promise<CamundaOutcome>>();

  const once = async (
    key: string,
    work: () => Promise<CamundaOutcome>
  ): Promise<CamundaOutcome> => {
    const stored = completed.get(key);
    if (stored !== undefined) return { ...stored, duplicate: true };
    const running = inFlight.get(key);
    if (running !== undefined) {
      const outcome = await running;
      return outcome.kind === 'done'
        ? { ...outcome, duplicate: true }
        : outcome;
    }
    const started = (async () => {
      try {
        const outcome = await work();
        if (outcome.kind === 'done') completed.set(key, outcome);
        return outcome;
      } finally {
        inFlight.delete(key);
      }
    })();
    inFlight.set(key, started);
    return started;
  };

  return { once };
};

export { createMemoryIdempotency };

/**
 * Capped exponential backoff: `initialMs`, then doubled per attempt, never
 * more than `maxMs`.
 *
 * @param attempt - 1 for the first retry
 * @param initialMs - delay of the first retry
 * @param maxMs - the cap
 */
const retryDelay = (
  attempt: number,
  initialMs: number,
  maxMs: number
): number =>
  Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));

export { retryDelay };

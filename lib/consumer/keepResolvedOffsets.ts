import { MAX_RESOLVED_OFFSETS_PER_PARTITION } from './constants.js';
import type { ResolvedOffsets } from './types.js';

/**
 * The resolved offsets worth keeping for a partition's next delivery: those
 * at or after `resumeAt`, where the ESM delivers the partition from again,
 * ascending and at most {@link MAX_RESOLVED_OFFSETS_PER_PARTITION} (the
 * lowest, which come first). Undefined when nothing is left to remember.
 *
 * @param resumeAt - The next delivery's first offset; undefined when the
 *   partition is committed to its end.
 * @param resolved - Offsets resolved so far (this delivery and earlier ones).
 */
const keepResolvedOffsets = (
  resumeAt: number | undefined,
  resolved: Iterable<number>
): ResolvedOffsets | undefined => {
  if (resumeAt === undefined) return undefined;
  const offsets = [...new Set(resolved)]
    .filter((offset) => offset >= resumeAt)
    .sort((a, b) => a - b)
    .slice(0, MAX_RESOLVED_OFFSETS_PER_PARTITION);
  return offsets.length === 0 ? undefined : { from: resumeAt, offsets };
};

export { keepResolvedOffsets };

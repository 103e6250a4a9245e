import { MEMORY_RESOLVED_PARTITIONS } from './constants.js';
import type { ResolvedOffsets, ResolvedOffsetsStore } from './types.js';

/**
 * A {@link ResolvedOffsetsStore} in memory, for one container or process
 * (the local runtime, replay, tests, and the Lambda handler's fallback):
 * the `maxPartitions` partitions used last are kept, each entry as saved
 * (at most one batch's records).
 *
 * @param maxPartitions - Partitions kept at most (least recently used go).
 */
const createMemoryResolvedOffsets = (
  maxPartitions: number = MEMORY_RESOLVED_PARTITIONS
): ResolvedOffsetsStore => {
  const entries = new Map<string, ResolvedOffsets>();
  return {
    load: async (key) => {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      // Map order is insertion order: move the entry to the end (newest).
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    save: async (key, entry) => {
      entries.delete(key);
      if (entry === undefined || entry.offsets.length === 0) return;
      entries.set(key, { from: entry.from, offsets: [...entry.offsets] });
      while (entries.size > Math.max(1, maxPartitions)) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
  };
};

export { createMemoryResolvedOffsets };

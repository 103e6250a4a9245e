import type { SoakRunReport } from './types.js';

/** How a run measured up. */
interface SoakVerdict {
  /** Targets the run missed; empty when it met them all. */
  readonly missed: readonly string[];
  /** What it showed that is not a target (but is worth saying). */
  readonly notes: readonly string[];
}

/** A run's label, e.g. `key/create+business-id`. */
const runLabel = (run: Pick<SoakRunReport, 'mode' | 'path' | 'businessId'>) =>
  run.path === 'publish'
    ? `${run.mode}/publish`
    : `${run.mode}/create${run.businessId ? '+business-id' : '-business-id'}`;

/**
 * Checks a run against issue 6's targets: completed, 0 lost, 0 duplicates
 * (except create without business id, where duplicates after lost answers
 * are expected and only reported; a duplicate without a lost answer is
 * always a miss), every poison record dead-lettered and
 * every letter naming its reason, no other record dead-lettered, 0 order
 * violations per key (both modes) and per partition (partition mode; in key
 * mode the keys of a partition run concurrently by design), no commit
 * regression and no invalid response; and issue 15's: no function timeout
 * and, in the slow-camunda profile (where Camunda answers every call),
 * progress on every partition of every invocation that returned.
 *
 * @param run - The run's figures.
 */
const checkSoakTargets = (run: SoakRunReport): SoakVerdict => {
  const missed: string[] = [];
  const notes: string[] = [];
  const expectDuplicates = run.path === 'create' && !run.businessId;
  if (!run.completed) {
    missed.push(
      `did not commit every record in time (${run.uncommitted} left)`
    );
  }
  if (run.lost > 0) missed.push(`${run.lost} records lost`);
  if (run.duplicates > 0 && !expectDuplicates) {
    missed.push(`${run.duplicates} duplicates`);
  }
  if (run.duplicatesUnexplained > 0) {
    missed.push(`${run.duplicatesUnexplained} duplicates with no lost answer`);
  }
  if (expectDuplicates) {
    notes.push(
      `without business id: ${run.duplicates} duplicate instances (${run.duplicatesFromAmbiguousTimeout} after an injected timeout past processing, ${run.duplicatesFromKill} after an answer lost with a killed invocation, ${run.duplicatesFromSlowAnswer} after an answer slower than the client timeout)`
    );
  }
  const letters = run.deadLetters;
  if (letters.poisonMissing > 0) {
    missed.push(`${letters.poisonMissing} poison records not dead-lettered`);
  }
  if (letters.notPoison > 0) {
    missed.push(
      `${letters.notPoison} records dead-lettered that were not poison`
    );
  }
  if (letters.withReason < letters.sent) {
    missed.push(
      `${letters.sent - letters.withReason} letters without their reason`
    );
  }
  const repeated = letters.repeatedAfterKill + letters.repeatedOnRedelivery;
  if (repeated > 0) {
    notes.push(
      `${repeated} letters repeated for a record already dead-lettered (${letters.repeatedAfterKill} after a killed invocation, ${letters.repeatedOnRedelivery} on redelivery from a lower retried offset)`
    );
  }
  if (run.orderViolationsByKey > 0) {
    missed.push(`${run.orderViolationsByKey} order violations per key`);
  }
  if (run.mode === 'partition' && run.orderViolationsByPartition > 0) {
    missed.push(
      `${run.orderViolationsByPartition} order violations per partition`
    );
  }
  if (run.functionTimeouts > 0) {
    missed.push(`${run.functionTimeouts} function timeouts`);
  }
  if (run.profile === 'slow-camunda' && run.partitionsWithoutProgress > 0) {
    // Camunda answers every call here: a partition that committed nothing
    // in an invocation that returned is one the deadline left stuck.
    missed.push(
      `${run.partitionsWithoutProgress} partitions without progress in an invocation that returned`
    );
  }
  if (run.commitRegressions > 0) {
    missed.push(`${run.commitRegressions} commit regressions`);
  }
  if (run.invalidResponses > 0) {
    missed.push(`${run.invalidResponses} invalid batch responses`);
  }
  return { missed, notes };
};

export type { SoakVerdict };
export { checkSoakTargets, runLabel };

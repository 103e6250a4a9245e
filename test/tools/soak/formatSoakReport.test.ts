import { describe, expect, it } from 'vitest';
import {
  checkSoakTargets,
  formatSoakReport,
  SLOW_CAMUNDA_DEFAULTS,
  SOAK_DEFAULTS,
  type SoakRunReport,
} from '../../../tools/soak/index.js';

const clean: SoakRunReport = {
  profile: 'fault',
  path: 'create',
  mode: 'key',
  businessId: true,
  records: 100,
  poisonRecords: 1,
  faults: {
    unavailable503: 10,
    timeoutBeforeProcessing: 1,
    timeoutAfterProcessing: 1,
    connectionReset: 1,
    poison400: 1,
  },
  killedInvocations: 1,
  invocations: 20,
  camundaRequests: 115,
  rejectedAsAlreadyExisting: 2,
  clientTimeouts: 2,
  instancesCreated: 99,
  messagesPublished: 0,
  duplicates: 0,
  duplicatesFromAmbiguousTimeout: 0,
  duplicatesFromKill: 0,
  duplicatesFromSlowAnswer: 0,
  duplicatesUnexplained: 0,
  lost: 0,
  uncommitted: 0,
  deadLetters: {
    records: 1,
    sent: 2,
    withReason: 2,
    poisonMissing: 0,
    notPoison: 0,
    repeatedAfterKill: 0,
    repeatedOnRedelivery: 1,
  },
  orderViolationsByPartition: 12,
  orderViolationsByKey: 0,
  commitRegressions: 0,
  invalidResponses: 0,
  functionTimeouts: 0,
  deadlineStops: 0,
  partitionResponses: 30,
  partitionsWithoutProgress: 3,
  completed: true,
  wallTimeMs: 1500,
};

describe('Function: checkSoakTargets', () => {
  it('accepts partition-order inversions in key mode and notes repeated letters', () => {
    // Act
    const verdict = checkSoakTargets(clean);

    // Assess
    expect(verdict.missed).toEqual([]);
    expect(verdict.notes).toEqual([
      '1 letters repeated for a record already dead-lettered (0 after a killed invocation, 1 on redelivery from a lower retried offset)',
    ]);
  });

  it('misses the targets a run fails', () => {
    // Act
    const verdict = checkSoakTargets({
      ...clean,
      mode: 'partition',
      lost: 2,
      duplicates: 1,
      duplicatesUnexplained: 1,
      completed: false,
    });

    // Assess
    expect(verdict.missed).toEqual([
      'did not commit every record in time (0 left)',
      '2 records lost',
      '1 duplicates',
      '1 duplicates with no lost answer',
      '12 order violations per partition',
    ]);
  });
});

describe('Function: checkSoakTargets, slow-Camunda profile', () => {
  it('misses function timeouts and partitions left without progress', () => {
    // Act
    const verdict = checkSoakTargets({
      ...clean,
      profile: 'slow-camunda',
      functionTimeouts: 2,
    });

    // Assess
    expect(verdict.missed).toEqual([
      '2 function timeouts',
      '3 partitions without progress in an invocation that returned',
    ]);
  });

  it('does not hold partitions without progress against the fault profile, where faults retry first records', () => {
    // Act & Assess
    expect(checkSoakTargets(clean).missed).toEqual([]);
  });
});

describe('Function: formatSoakReport', () => {
  it('prints one column per run with its figures and verdict', () => {
    // Act
    const text = formatSoakReport({
      settings: { ...SOAK_DEFAULTS, records: 100 },
      runs: [clean, { ...clean, mode: 'partition', lost: 1 }],
      wallTimeMs: 3000,
    });

    // Assess
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'Fault soak: 100 records, 12 partitions, 500 keys, seed 6'
    );
    expect(lines).toContain(
      `${'lost records'.padEnd(40)}${'0'.padStart(12)}${'1'.padStart(12)}`
    );
    expect(lines).toContain(
      `${'order violations per partition'.padEnd(40)}${'(12)'.padStart(12)}${'12'.padStart(12)}`
    );
    expect(lines).toContain(
      'partition/create+business-id: MISSED: 1 records lost'
    );
    expect(lines.at(-1)).toBe('All targets met: NO; wall time 3.0 s');
  });

  it('says how the slow-Camunda profile runs, in virtual time', () => {
    // Act
    const text = formatSoakReport({
      settings: { ...SLOW_CAMUNDA_DEFAULTS, records: 100 },
      runs: [
        {
          ...clean,
          profile: 'slow-camunda',
          partitionsWithoutProgress: 0,
          deadlineStops: 7,
          virtualTimeMs: 95_500,
        },
      ],
      wallTimeMs: 3000,
    });

    // Assess
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Slow-Camunda soak: 100 records, 12 partitions, 500 keys, seed 15',
      'Camunda: every call answered in 1500 ms ± 500 ms; function timeout 30 s; a record starts only with 10000 ms (request timeout) + 2000 ms (margin) left',
      'Virtual time: the latency, the timeout and the remaining time are what the batch processor sees; work between them takes no virtual time',
    ]);
    expect(lines).toContain(
      `${'function timeouts'.padEnd(40)}${'0'.padStart(12)}`
    );
    expect(lines).toContain(
      `${'deadline stops (partitions)'.padEnd(40)}${'7'.padStart(12)}`
    );
    expect(lines).toContain(
      `${'virtual time (s)'.padEnd(40)}${'95.5'.padStart(12)}`
    );
    expect(lines.at(-1)).toBe('All targets met: yes; wall time 3.0 s');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import {
  checkSoakTargets,
  planRuns,
  runLabel,
  runSoak,
  SOAK_DEFAULTS,
  type SoakRunConfig,
  type SoakRunReport,
} from '../../../tools/soak/index.js';
import { startCamundaDouble } from '../../support/camunda-double.js';

const RECORDS = 3_000;

// The runs assert counts, not time; on a loaded machine one takes minutes.
const RUN_TIMEOUT_MS = 300_000;

const reports: SoakRunReport[] = [];

/** One run of the small soak, issue 6's fault mix, in process. */
const soak = async (run: SoakRunConfig): Promise<SoakRunReport> => {
  const report = await runSoak(
    { ...SOAK_DEFAULTS, records: RECORDS, runs: [run] },
    { startDouble: startCamundaDouble }
  );
  const only = report.runs[0];
  if (only === undefined) throw new Error('the soak reported no run');
  reports.push(only);
  return only;
};

describe('Function: runSoak', () => {
  afterAll(() => {
    // One line per run, for whoever reads the test log.
    for (const report of reports) {
      console.info(
        `${runLabel(report)}: ${report.camundaRequests} requests, ${report.killedInvocations} killed, ${report.duplicates} duplicates, ${report.deadLetters.sent} letters, ${report.wallTimeMs} ms`
      );
    }
  });

  it.each(planRuns('both', 'on'))(
    'meets every target on the $mode/$path path under faults and kills',
    async (run) => {
      // Act
      const report = await soak(run);

      // Assess
      expect(report.completed).toBe(true);
      expect(report.records).toBe(RECORDS);
      expect(report.faults.unavailable503).toBeGreaterThan(0);
      expect(report.faults.timeoutBeforeProcessing).toBeGreaterThan(0);
      expect(report.faults.timeoutAfterProcessing).toBeGreaterThan(0);
      expect(report.faults.connectionReset).toBeGreaterThan(0);
      expect(report.faults.poison400).toBeGreaterThanOrEqual(
        report.poisonRecords
      );
      expect(report.killedInvocations).toBeGreaterThan(0);
      expect(report.lost).toBe(0);
      expect(report.duplicates).toBe(0);
      const done =
        run.path === 'publish'
          ? report.messagesPublished
          : report.instancesCreated;
      expect(done).toBe(RECORDS - report.poisonRecords);
      expect(report.deadLetters.records).toBe(report.poisonRecords);
      expect(report.deadLetters.poisonMissing).toBe(0);
      expect(report.deadLetters.notPoison).toBe(0);
      expect(report.deadLetters.withReason).toBe(report.deadLetters.sent);
      expect(report.orderViolationsByKey).toBe(0);
      if (run.mode === 'partition') {
        expect(report.orderViolationsByPartition).toBe(0);
      }
      expect(report.commitRegressions).toBe(0);
      expect(report.invalidResponses).toBe(0);
      expect(checkSoakTargets(report).missed).toEqual([]);
    },
    RUN_TIMEOUT_MS
  );

  it(
    'creates duplicates without business id only where an answer was lost',
    async () => {
      // Act
      const report = await soak({
        path: 'create',
        mode: 'partition',
        businessId: false,
      });

      // Assess
      expect(report.completed).toBe(true);
      expect(report.lost).toBe(0);
      expect(report.duplicates).toBeGreaterThan(0);
      expect(report.duplicatesUnexplained).toBe(0);
      expect(report.rejectedAsAlreadyExisting).toBe(0);
      expect(report.instancesCreated).toBe(
        RECORDS - report.poisonRecords + report.duplicates
      );
      expect(checkSoakTargets(report).notes[0]).toMatch(
        /^without business id: \d+ duplicate instances/
      );
    },
    RUN_TIMEOUT_MS
  );
});

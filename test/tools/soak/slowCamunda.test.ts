import { describe, expect, it } from 'vitest';
import {
  checkSoakTargets,
  runSoak,
  SLOW_CAMUNDA_DEFAULTS,
  type SoakOptions,
  type SoakRunConfig,
  type SoakRunReport,
} from '../../../tools/soak/index.js';
import { startCamundaDouble } from '../../support/camunda-double.js';

// The slow-Camunda profile at a small size: 4 partitions, 2 pollers (so
// ~50 records of each of 2 partitions per event), 120 records a partition.
const SMALL: SoakOptions = {
  ...SLOW_CAMUNDA_DEFAULTS,
  records: 480,
  partitions: 4,
  keys: 40,
  pollers: 2,
  runs: [],
};

// The runs assert counts, not time; on a loaded machine one takes minutes.
const RUN_TIMEOUT_MS = 300_000;

const soak = async (
  run: SoakRunConfig,
  overrides: Partial<SoakOptions> = {}
): Promise<SoakRunReport> => {
  const report = await runSoak(
    { ...SMALL, ...overrides, runs: [run] },
    { startDouble: startCamundaDouble }
  );
  const only = report.runs[0];
  if (only === undefined) throw new Error('the soak reported no run');
  return only;
};

describe('Function: runSoak, slow-Camunda profile', () => {
  it.each([
    { path: 'publish', mode: 'partition', businessId: false },
    { path: 'create', mode: 'key', businessId: true },
  ] as const)(
    'commits progress on every partition of every invocation and never times out on the $mode/$path path',
    async (run) => {
      // Act
      const report = await soak(run);

      // Assess
      expect(report.completed).toBe(true);
      expect(report.functionTimeouts).toBe(0);
      expect(report.deadlineStops).toBeGreaterThan(0);
      expect(report.partitionResponses).toBeGreaterThan(0);
      expect(report.partitionsWithoutProgress).toBe(0);
      expect(report.lost).toBe(0);
      expect(report.duplicates).toBe(0);
      expect(report.deadLetters.poisonMissing).toBe(0);
      expect(report.uncommitted).toBe(0);
      // 30 s invocations of 1.5 s calls: the run spans many timeouts.
      expect(report.virtualTimeMs).toBeGreaterThan(2 * 30_000);
      expect(checkSoakTargets(report).missed).toEqual([]);
    },
    RUN_TIMEOUT_MS
  );

  it(
    'sends each record once in key mode, where forgetting resolved offsets sends done records again',
    async () => {
      // Prepare: no kills, no poison records: every request is a first one
      // unless a batch that came back sends a done record again.
      const clean = {
        rates: { ...SLOW_CAMUNDA_DEFAULTS.rates, kill: 0, poison: 0 },
      };
      const run = { path: 'publish', mode: 'key', businessId: false } as const;

      // Act
      const remembering = await soak(run, clean);
      const forgetting = await soak(run, {
        ...clean,
        rememberResolved: false,
      });

      // Assess
      expect(remembering.deadlineStops).toBeGreaterThan(0);
      expect(remembering.camundaRequests).toBe(remembering.records);
      expect(forgetting.camundaRequests).toBeGreaterThan(forgetting.records);
      expect(forgetting.messagesPublished).toBe(forgetting.records);
      expect(forgetting.duplicates).toBe(0);
    },
    RUN_TIMEOUT_MS
  );

  it(
    'times out, and misses its targets, when the processor is not told its deadline',
    async () => {
      // Act
      const report = await soak(
        { path: 'publish', mode: 'partition', businessId: false },
        {
          records: 200,
          timing: { ...SLOW_CAMUNDA_DEFAULTS.timing, useDeadline: false },
          // Every batch times out: stop once that is plain.
          maxInvocations: 6,
          rates: { ...SLOW_CAMUNDA_DEFAULTS.rates, kill: 0 },
        }
      );

      // Assess
      expect(report.invocations).toBe(6);
      expect(report.functionTimeouts).toBe(6);
      expect(report.deadlineStops).toBe(0);
      expect(checkSoakTargets(report).missed).toContain(
        `${report.functionTimeouts} function timeouts`
      );
    },
    RUN_TIMEOUT_MS
  );
});

/** The figures of one `npm run bench` that have a target. */
interface BenchFigures {
  /** Handler CPU per record over the floor's (decode + parse + stringify). */
  readonly cpuRatio?: number;
  /** Per-key mode's speed-up over one record at a time. */
  readonly keySpeedup?: number;
  /** Peak RSS of one batch of 10,000 records, in bytes. */
  readonly peakRssBytes?: number;
}

/** One target, as measured. */
interface BenchTarget {
  readonly name: string;
  /** The measured figure, as printed. */
  readonly measured: string;
  /** The target, as printed. */
  readonly target: string;
  readonly met: boolean;
}

/** A 256 MB Lambda (Lambda's MB are MiB). */
const LAMBDA_MEMORY_BYTES = 256 * 1024 * 1024;

/**
 * The bench's targets (issue 4): CPU per record at most 2× the floor,
 * per-key mode at least 20× one-at-a-time, one 10,000-record batch within a
 * 256 MB Lambda. A figure not measured is left out.
 *
 * @param figures - what the run measured
 * @example
 * ```ts
 * checkBenchTargets({ cpuRatio: 2.4 });
 * // [{ name: 'CPU per record', measured: '2.40×', target: '≤ 2×', met: false }]
 * ```
 */
const checkBenchTargets = (figures: BenchFigures): BenchTarget[] => {
  const targets: BenchTarget[] = [];
  if (figures.cpuRatio !== undefined) {
    targets.push({
      name: 'CPU per record',
      measured: `${figures.cpuRatio.toFixed(2)}×`,
      target: '≤ 2×',
      met: figures.cpuRatio <= 2,
    });
  }
  if (figures.keySpeedup !== undefined) {
    targets.push({
      name: 'per-key vs one-at-a-time',
      measured: `${figures.keySpeedup.toFixed(1)}×`,
      target: '≥ 20×',
      met: figures.keySpeedup >= 20,
    });
  }
  if (figures.peakRssBytes !== undefined) {
    targets.push({
      name: 'peak RSS, 10,000 records',
      measured: `${(figures.peakRssBytes / 1048576).toFixed(0)} MiB`,
      target: '≤ 256 MiB',
      met: figures.peakRssBytes <= LAMBDA_MEMORY_BYTES,
    });
  }
  return targets;
};

export type { BenchFigures, BenchTarget };
export { checkBenchTargets };

/** What one hostile input cost: wall time and the growth of the JS heap. */
interface Cost {
  readonly elapsedMs: number;
  /**
   * CPU time the process spent meanwhile (user and system, every thread:
   * the work itself and its garbage collection). Unlike the wall time, it
   * does not grow when other processes share the machine's cores, so the
   * bounds on work done in this process are asserted on it.
   */
  readonly cpuMs: number;
  readonly heapDeltaMb: number;
  /**
   * Highest JS heap plus array buffers (where response bodies and Buffers
   * live) seen while the work ran, above what was in use before; sampled
   * every 2 ms, so a large transient allocation shows even when it was
   * collected by the end.
   */
  readonly peakMb: number;
}

/**
 * Generous bounds for one hostile input. They are an order of magnitude
 * above what a well-behaved run costs on a busy CI machine (tens of
 * milliseconds, a few MB), and an order of magnitude below what an
 * unbounded input costs (`for x in 1..3000000` alone took 1.9 s and 800 MB;
 * `[1..1e9]` iterated over exhausted a 4 GB heap).
 */
const BOUNDS = { elapsedMs: 2_000, cpuMs: 2_000, heapDeltaMb: 100 } as const;

const heapMb = (): number => process.memoryUsage().heapUsed / (1024 * 1024);

const inUseMb = (): number => {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / (1024 * 1024);
};

/**
 * Run `work` and report its result with the time it took and how much the
 * heap grew (the peak seen before and after, so a large allocation that is
 * still reachable shows; garbage already collected does not).
 *
 * @param work - the hostile input's processing
 */
const measure = async <T>(
  work: () => Promise<T> | T
): Promise<{ result: T; cost: Cost }> => {
  const before = heapMb();
  const baseline = inUseMb();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, inUseMb());
  }, 2);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(sampler);
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  peak = Math.max(peak, inUseMb());
  const heapDeltaMb = Math.max(0, heapMb() - before);
  return {
    result,
    cost: {
      elapsedMs,
      cpuMs,
      heapDeltaMb,
      peakMb: Math.max(0, peak - baseline),
    },
  };
};

/** Names of Object.prototype, Array.prototype and Function.prototype, to compare before and after. */
const prototypeNames = (): string[] =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .flatMap((p) => Object.getOwnPropertyNames(p))
    .sort();

/** Values a prototype-pollution attempt would make visible on fresh objects. */
const pollutionProbe = (): Record<string, unknown> => {
  const plain: Record<string, unknown> = {};
  const list: unknown[] = [];
  return {
    polluted: plain.polluted,
    isAdmin: plain.isAdmin,
    listPolluted: (list as unknown as Record<string, unknown>).polluted,
    toStringType: typeof plain.toString,
  };
};

const CLEAN_PROBE = {
  polluted: undefined,
  isAdmin: undefined,
  listPolluted: undefined,
  toStringType: 'function',
};

export type { Cost };
export { BOUNDS, CLEAN_PROBE, measure, pollutionProbe, prototypeNames };

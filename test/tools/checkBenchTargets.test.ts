import { describe, expect, it } from 'vitest';
import { checkBenchTargets } from '../../tools/bench/checkBenchTargets.js';

describe('Function: checkBenchTargets', () => {
  it('marks each measured figure met or missed against its target', () => {
    // Act
    const targets = checkBenchTargets({
      cpuRatio: 2.4,
      keySpeedup: 20,
      peakRssBytes: 300 * 1024 * 1024,
    });

    // Assess
    expect(targets).toEqual([
      {
        name: 'CPU per record',
        measured: '2.40×',
        target: '≤ 2×',
        met: false,
      },
      {
        name: 'per-key vs one-at-a-time',
        measured: '20.0×',
        target: '≥ 20×',
        met: true,
      },
      {
        name: 'peak RSS, 10,000 records',
        measured: '300 MiB',
        target: '≤ 256 MiB',
        met: false,
      },
    ]);
  });

  it('meets the targets at their bounds and leaves out what was not measured', () => {
    // Act
    const targets = checkBenchTargets({
      cpuRatio: 2,
      peakRssBytes: 256 * 1024 * 1024,
    });

    // Assess
    expect(targets.map((t) => [t.name, t.met])).toEqual([
      ['CPU per record', true],
      ['peak RSS, 10,000 records', true],
    ]);
  });
});

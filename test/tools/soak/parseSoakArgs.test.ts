import { describe, expect, it } from 'vitest';
import {
  parseSoakArgs,
  planRuns,
  SLOW_CAMUNDA_DEFAULTS,
  SOAK_DEFAULTS,
  SoakArgumentError,
} from '../../../tools/soak/index.js';

describe('Function: parseSoakArgs', () => {
  it('returns the defaults and every run when given nothing', () => {
    // Act
    const command = parseSoakArgs([]);

    // Assess
    expect(command.options).toMatchObject({
      records: SOAK_DEFAULTS.records,
      partitions: 12,
      keys: 500,
      requestTimeoutMs: 300,
      rates: SOAK_DEFAULTS.rates,
      profile: 'fault',
    });
    expect(command.options.timing).toBeUndefined();
    expect(command.options.runs).toEqual(planRuns('both', 'both'));
    expect(command).toMatchObject({ parallel: 2, help: false });
  });

  it('reads sizes, seed, mode, business id, tuning and the JSON file', () => {
    // Act
    const command = parseSoakArgs([
      '--records',
      '3000',
      '--partitions',
      '4',
      '--keys',
      '20',
      '--seed',
      '9',
      '--mode',
      'key',
      '--business-id',
      'off',
      '--batch-size',
      '100',
      '--key-batch-size',
      '25',
      '--timeout-ms',
      '150',
      '--kill-rate',
      '0.1',
      '--parallel',
      '1',
      '--json',
      'soak.json',
    ]);

    // Assess
    expect(command.options).toMatchObject({
      records: 3000,
      partitions: 4,
      keys: 20,
      seed: 9,
      batchSize: 100,
      keyBatchSize: 25,
      requestTimeoutMs: 150,
      rates: { ...SOAK_DEFAULTS.rates, kill: 0.1 },
      runs: [
        { path: 'publish', mode: 'key', businessId: false },
        { path: 'create', mode: 'key', businessId: false },
      ],
    });
    expect(command).toMatchObject({ parallel: 1, jsonFile: 'soak.json' });
  });

  it('forgets resolved offsets between invocations only when asked', () => {
    // Act
    const forgetting = parseSoakArgs(['--forget-resolved']);
    const remembering = parseSoakArgs([]);

    // Assess
    expect(forgetting.options.rememberResolved).toBe(false);
    expect(remembering.options.rememberResolved).toBeUndefined();
  });

  it('takes the slow-Camunda profile with its own defaults, virtual timing included', () => {
    // Act
    const command = parseSoakArgs([
      '--profile',
      'slow-camunda',
      '--records',
      '600',
    ]);

    // Assess
    expect(command.options).toMatchObject({
      profile: 'slow-camunda',
      records: 600,
      batchSize: 100,
      keyBatchSize: 100,
      requestTimeoutMs: 10_000,
      timing: {
        functionTimeoutMs: 30_000,
        latencyMs: 1500,
        jitterMs: 500,
        deadlineMarginMs: 2000,
      },
      rates: SLOW_CAMUNDA_DEFAULTS.rates,
    });
    expect(command.options.runs).toEqual(planRuns('both', 'both'));
  });

  it.each([
    { args: ['--records', '0'], option: '--records' },
    { args: ['--profile', 'fast'], option: '--profile' },
    {
      // Virtual time holds no client timeout: answers must beat it.
      args: ['--profile', 'slow-camunda', '--timeout-ms', '2000'],
      option: '--timeout-ms',
    },
    { args: ['--records', '1.5'], option: '--records' },
    { args: ['--mode', 'sideways'], option: '--mode' },
    { args: ['--business-id', 'maybe'], option: '--business-id' },
    { args: ['--kill-rate', '2'], option: '--kill-rate' },
    { args: ['--unknown'], option: 'arguments' },
  ])(
    'throws SoakArgumentError naming $option for $args',
    ({ args, option }) => {
      // Act
      const parse = () => parseSoakArgs(args);

      // Assess
      expect(parse).toThrow(SoakArgumentError);
      expect(parse).toThrow(expect.objectContaining({ option }));
    }
  );
});

describe('Function: planRuns', () => {
  it('plans publish then create with and without business id, per mode', () => {
    // Act
    const runs = planRuns('both', 'both');

    // Assess
    expect(runs).toEqual([
      { path: 'publish', mode: 'partition', businessId: false },
      { path: 'create', mode: 'partition', businessId: true },
      { path: 'create', mode: 'partition', businessId: false },
      { path: 'publish', mode: 'key', businessId: false },
      { path: 'create', mode: 'key', businessId: true },
      { path: 'create', mode: 'key', businessId: false },
    ]);
  });
});

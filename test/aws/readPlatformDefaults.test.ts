import { describe, expect, it } from 'vitest';
import { AwsConfigError, readPlatformDefaults } from '../../lib/aws/index.js';

describe('Function: readPlatformDefaults', () => {
  it('returns partition ordering, 16 keys and provisioned mode when nothing is set', () => {
    // Act
    const result = readPlatformDefaults({});

    // Assess
    expect(result).toEqual({
      ordering: 'partition',
      keyConcurrency: 16,
      esmMode: 'provisioned',
    });
  });

  it('reads ORDERING_MODE, KEY_CONCURRENCY and ESM_MODE', () => {
    // Act
    const result = readPlatformDefaults({
      ORDERING_MODE: 'key',
      KEY_CONCURRENCY: '4',
      ESM_MODE: 'onDemand',
    });

    // Assess
    expect(result).toEqual({
      ordering: 'key',
      keyConcurrency: 4,
      esmMode: 'onDemand',
    });
  });

  it.each([
    { variable: 'ORDERING_MODE', value: 'offset' },
    { variable: 'KEY_CONCURRENCY', value: '0' },
    { variable: 'KEY_CONCURRENCY', value: '2.5' },
    { variable: 'ESM_MODE', value: 'ondemand' },
  ])('throws AwsConfigError naming $variable=$value', ({ variable, value }) => {
    // Act & Assess
    expect(() => readPlatformDefaults({ [variable]: value })).toThrow(
      expect.objectContaining({ name: 'AwsConfigError', variable })
    );
    expect(() => readPlatformDefaults({ [variable]: value })).toThrow(
      AwsConfigError
    );
  });
});

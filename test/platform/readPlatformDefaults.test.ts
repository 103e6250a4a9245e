import { describe, expect, it } from 'vitest';
import {
  PlatformConfigError,
  readPlatformDefaults,
} from '../../lib/platform/index.js';

describe('Function: readPlatformDefaults', () => {
  it('returns partition ordering, 16 keys and provisioned mode when nothing is set', () => {
    // Act
    const result = readPlatformDefaults({});

    // Assess
    expect(result).toEqual({
      ordering: 'partition',
      keyConcurrency: 16,
      esmMode: 'provisioned',
      businessIdUniqueness: false,
    });
  });

  it('reads ORDERING_MODE, KEY_CONCURRENCY, ESM_MODE, CAMUNDA_TENANT_ID and CAMUNDA_BUSINESS_ID_UNIQUENESS', () => {
    // Act
    const result = readPlatformDefaults({
      ORDERING_MODE: 'key',
      KEY_CONCURRENCY: '4',
      ESM_MODE: 'onDemand',
      CAMUNDA_TENANT_ID: ' tenant-a ',
      CAMUNDA_BUSINESS_ID_UNIQUENESS: 'TRUE',
    });

    // Assess
    expect(result).toEqual({
      ordering: 'key',
      keyConcurrency: 4,
      esmMode: 'onDemand',
      tenantId: 'tenant-a',
      businessIdUniqueness: true,
    });
  });

  it.each([
    { variable: 'ORDERING_MODE', value: 'offset' },
    { variable: 'KEY_CONCURRENCY', value: '0' },
    { variable: 'KEY_CONCURRENCY', value: '2.5' },
    { variable: 'ESM_MODE', value: 'ondemand' },
    { variable: 'CAMUNDA_BUSINESS_ID_UNIQUENESS', value: 'yes' },
  ])(
    'throws PlatformConfigError naming $variable=$value',
    ({ variable, value }) => {
      // Act & Assess
      expect(() => readPlatformDefaults({ [variable]: value })).toThrow(
        expect.objectContaining({ name: 'PlatformConfigError', variable })
      );
      expect(() => readPlatformDefaults({ [variable]: value })).toThrow(
        PlatformConfigError
      );
    }
  );
});

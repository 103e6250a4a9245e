import { describe, expect, it } from 'vitest';
import {
  PlatformConfigError,
  readPlatformDefaults,
} from '../../lib/platform/index.js';

describe('Function: readPlatformDefaults', () => {
  it('returns partition ordering, 16 keys, provisioned mode and a 2 s deadline margin when nothing is set', () => {
    // Act
    const result = readPlatformDefaults({});

    // Assess
    expect(result).toEqual({
      ordering: 'partition',
      keyConcurrency: 16,
      esmMode: 'provisioned',
      businessIdUniqueness: false,
      deadlineMarginMs: 2000,
    });
  });

  it('reads ORDERING_MODE, KEY_CONCURRENCY, ESM_MODE, CAMUNDA_TENANT_ID, CAMUNDA_BUSINESS_ID_UNIQUENESS and DEADLINE_MARGIN_MS', () => {
    // Act
    const result = readPlatformDefaults({
      ORDERING_MODE: 'key',
      KEY_CONCURRENCY: '4',
      ESM_MODE: 'onDemand',
      CAMUNDA_TENANT_ID: ' tenant-a ',
      CAMUNDA_BUSINESS_ID_UNIQUENESS: 'TRUE',
      DEADLINE_MARGIN_MS: '500',
    });

    // Assess
    expect(result).toEqual({
      ordering: 'key',
      keyConcurrency: 4,
      esmMode: 'onDemand',
      tenantId: 'tenant-a',
      businessIdUniqueness: true,
      deadlineMarginMs: 500,
    });
  });

  it.each([
    { variable: 'ORDERING_MODE', value: 'offset' },
    { variable: 'KEY_CONCURRENCY', value: '0' },
    { variable: 'KEY_CONCURRENCY', value: '2.5' },
    { variable: 'ESM_MODE', value: 'ondemand' },
    { variable: 'CAMUNDA_BUSINESS_ID_UNIQUENESS', value: 'yes' },
    { variable: 'DEADLINE_MARGIN_MS', value: '-1' },
    { variable: 'DEADLINE_MARGIN_MS', value: '2s' },
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

import { describe, expect, it } from 'vitest';
import {
  CamundaConfigError,
  readCamundaConfig,
  redactCamundaConfig,
} from '../../lib/camunda/index.js';

const SECRET = 'Sup3r-Secret-Value';

describe('Function: readCamundaConfig', () => {
  it('returns the SDK defaults when nothing is set', () => {
    // Act
    const config = readCamundaConfig({});

    // Assess
    expect(config).toEqual({
      restAddress: 'http://localhost:8080/v2',
      auth: { strategy: 'NONE' },
      requestTimeoutMs: 10_000,
      maxConcurrentRequests: 128,
    });
  });

  it.each([
    { given: 'http://camunda:8080', expected: 'http://camunda:8080/v2' },
    { given: 'http://camunda:8080/', expected: 'http://camunda:8080/v2' },
    { given: 'http://camunda:8080/v2', expected: 'http://camunda:8080/v2' },
    { given: 'http://camunda:8080/v2/', expected: 'http://camunda:8080/v2' },
    {
      given: 'https://bru-2.zeebe.camunda.io/abc-123',
      expected: 'https://bru-2.zeebe.camunda.io/abc-123/v2',
    },
    {
      given: '  https://bru-2.zeebe.camunda.io:443/abc-123/V2  ',
      expected: 'https://bru-2.zeebe.camunda.io/abc-123/V2',
    },
  ])(
    'normalizes the REST address $given to $expected',
    ({ given, expected }) => {
      // Act
      const config = readCamundaConfig({ CAMUNDA_REST_ADDRESS: given });

      // Assess
      expect(config.restAddress).toBe(expected);
    }
  );

  it('falls back to ZEEBE_REST_ADDRESS when CAMUNDA_REST_ADDRESS is unset', () => {
    // Act
    const config = readCamundaConfig({ ZEEBE_REST_ADDRESS: 'http://zb:8080' });

    // Assess
    expect(config.restAddress).toBe('http://zb:8080/v2');
  });

  it('prefers CAMUNDA_REST_ADDRESS over ZEEBE_REST_ADDRESS', () => {
    // Act
    const config = readCamundaConfig({
      CAMUNDA_REST_ADDRESS: 'http://new:1',
      ZEEBE_REST_ADDRESS: 'http://old:2',
    });

    // Assess
    expect(config.restAddress).toBe('http://new:1/v2');
  });

  it('reads OAUTH with the SaaS defaults for URL and audience', () => {
    // Act
    const config = readCamundaConfig({
      CAMUNDA_AUTH_STRATEGY: 'oauth',
      CAMUNDA_CLIENT_ID: 'client',
      CAMUNDA_CLIENT_SECRET: SECRET,
    });

    // Assess
    expect(config.auth).toEqual({
      strategy: 'OAUTH',
      clientId: 'client',
      clientSecret: SECRET,
      oauthUrl: 'https://login.cloud.camunda.io/oauth/token',
      audience: 'zeebe.camunda.io',
      timeoutMs: 5_000,
    });
  });

  it('switches to OAUTH by itself when client id and secret are set', () => {
    // Act
    const config = readCamundaConfig({
      CAMUNDA_CLIENT_ID: 'client',
      CAMUNDA_CLIENT_SECRET: SECRET,
      CAMUNDA_OAUTH_URL: 'https://idp.example.com/token',
      CAMUNDA_TOKEN_AUDIENCE: 'orchestration-api',
      CAMUNDA_OAUTH_SCOPE: 'a b',
      CAMUNDA_OAUTH_TIMEOUT_MS: '1500',
    });

    // Assess
    expect(config.auth).toEqual({
      strategy: 'OAUTH',
      clientId: 'client',
      clientSecret: SECRET,
      oauthUrl: 'https://idp.example.com/token',
      audience: 'orchestration-api',
      scope: 'a b',
      timeoutMs: 1500,
    });
  });

  it('accepts the names of the SaaS console credentials file', () => {
    // Act
    const config = readCamundaConfig({
      ZEEBE_CLIENT_ID: 'client',
      ZEEBE_CLIENT_SECRET: SECRET,
      ZEEBE_AUTHORIZATION_SERVER_URL:
        'https://login.cloud.camunda.io/oauth/token',
      ZEEBE_TOKEN_AUDIENCE: 'zeebe.camunda.io',
      ZEEBE_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/abc',
    });

    // Assess
    expect(config.auth).toMatchObject({
      strategy: 'OAUTH',
      clientId: 'client',
      clientSecret: SECRET,
    });
    expect(config.restAddress).toBe('https://bru-2.zeebe.camunda.io/abc/v2');
  });

  it('keeps NONE when the strategy is set explicitly despite credentials', () => {
    // Act
    const config = readCamundaConfig({
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_CLIENT_ID: 'client',
      CAMUNDA_CLIENT_SECRET: SECRET,
    });

    // Assess
    expect(config.auth).toEqual({ strategy: 'NONE' });
  });

  it('reads BASIC credentials', () => {
    // Act
    const config = readCamundaConfig({
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
      CAMUNDA_BASIC_AUTH_PASSWORD: SECRET,
    });

    // Assess
    expect(config.auth).toEqual({
      strategy: 'BASIC',
      username: 'demo',
      password: SECRET,
    });
  });

  it('reads the tenant, the request timeout and the concurrency', () => {
    // Act
    const config = readCamundaConfig({
      CAMUNDA_TENANT_ID: 'tenant-a',
      CAMUNDA_REQUEST_TIMEOUT_MS: '2500',
      CAMUNDA_MAX_CONCURRENT_REQUESTS: '8',
    });

    // Assess
    expect(config.tenantId).toBe('tenant-a');
    expect(config.requestTimeoutMs).toBe(2500);
    expect(config.maxConcurrentRequests).toBe(8);
  });

  it('takes secret values from the secrets argument, never from the environment', () => {
    // Prepare
    const env = {
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      CAMUNDA_CLIENT_ID: 'env-client',
      CAMUNDA_CLIENT_SECRET: 'plain-env-secret',
    };

    // Act
    const config = readCamundaConfig(env, {
      clientId: 'stored-client',
      clientSecret: SECRET,
    });

    // Assess
    expect(config.auth).toMatchObject({
      clientId: 'stored-client',
      clientSecret: SECRET,
    });
  });

  it('refuses a secret that is only in the environment when a secret store is used', () => {
    // Act & Assess
    expect(() =>
      readCamundaConfig(
        {
          CAMUNDA_AUTH_STRATEGY: 'BASIC',
          CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
          CAMUNDA_BASIC_AUTH_PASSWORD: 'plain-env-password',
        },
        {}
      )
    ).toThrow(
      'CAMUNDA_BASIC_AUTH_PASSWORD is required when CAMUNDA_AUTH_STRATEGY is BASIC (in the Camunda secret)'
    );
  });

  it('reads the basic password from the secrets argument', () => {
    // Act
    const config = readCamundaConfig(
      { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'demo' },
      { basicAuthPassword: SECRET }
    );

    // Assess
    expect(config.auth).toEqual({
      strategy: 'BASIC',
      username: 'demo',
      password: SECRET,
    });
  });

  it.each([
    {
      case: 'OAUTH without client id',
      env: { CAMUNDA_AUTH_STRATEGY: 'OAUTH', CAMUNDA_CLIENT_SECRET: SECRET },
      variable: 'CAMUNDA_CLIENT_ID',
      message:
        'CAMUNDA_CLIENT_ID is required when CAMUNDA_AUTH_STRATEGY is OAUTH',
    },
    {
      case: 'OAUTH without client secret',
      env: { CAMUNDA_AUTH_STRATEGY: 'OAUTH', CAMUNDA_CLIENT_ID: 'c' },
      variable: 'CAMUNDA_CLIENT_SECRET',
      message: 'CAMUNDA_CLIENT_SECRET is required',
    },
    {
      case: 'BASIC without user name',
      env: {
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_PASSWORD: SECRET,
      },
      variable: 'CAMUNDA_BASIC_AUTH_USERNAME',
      message: 'CAMUNDA_BASIC_AUTH_USERNAME is required',
    },
    {
      case: 'an unknown strategy',
      env: { CAMUNDA_AUTH_STRATEGY: 'KERBEROS' },
      variable: 'CAMUNDA_AUTH_STRATEGY',
      message: "must be one of NONE, BASIC, OAUTH (got 'KERBEROS')",
    },
    {
      case: 'a malformed address',
      env: { CAMUNDA_REST_ADDRESS: 'localhost:8080' },
      variable: 'CAMUNDA_REST_ADDRESS',
      message: 'must use http or https',
    },
    {
      case: 'an address that is no URL',
      env: { CAMUNDA_REST_ADDRESS: 'not a url' },
      variable: 'CAMUNDA_REST_ADDRESS',
      message: 'is not an absolute URL',
    },
    {
      case: 'a malformed ZEEBE_REST_ADDRESS',
      env: { ZEEBE_REST_ADDRESS: 'ftp://zb' },
      variable: 'ZEEBE_REST_ADDRESS',
      message: 'must use http or https (got ftp)',
    },
    {
      case: 'an address with a query',
      env: { CAMUNDA_REST_ADDRESS: 'http://c:8080/v2?x=1' },
      variable: 'CAMUNDA_REST_ADDRESS',
      message: 'must not have a query or fragment',
    },
    {
      case: 'a malformed OAuth URL',
      env: {
        CAMUNDA_CLIENT_ID: 'c',
        CAMUNDA_CLIENT_SECRET: SECRET,
        CAMUNDA_OAUTH_URL: '/oauth/token',
      },
      variable: 'CAMUNDA_OAUTH_URL',
      message: 'is not an absolute URL',
    },
    {
      case: 'a bad timeout',
      env: { CAMUNDA_REQUEST_TIMEOUT_MS: '10s' },
      variable: 'CAMUNDA_REQUEST_TIMEOUT_MS',
      message: "must be a positive whole number of milliseconds (got '10s')",
    },
    {
      case: 'a zero timeout',
      env: { CAMUNDA_REQUEST_TIMEOUT_MS: '0' },
      variable: 'CAMUNDA_REQUEST_TIMEOUT_MS',
      message: 'must be a positive whole number',
    },
    {
      case: 'a bad concurrency',
      env: { CAMUNDA_MAX_CONCURRENT_REQUESTS: '-1' },
      variable: 'CAMUNDA_MAX_CONCURRENT_REQUESTS',
      message: "must be a positive whole number (got '-1')",
    },
    {
      case: 'a bad tenant id',
      env: { CAMUNDA_TENANT_ID: 'tenant a' },
      variable: 'CAMUNDA_TENANT_ID',
      message: 'must be <default> or 1-256 of',
    },
  ])(
    'throws CamundaConfigError naming $variable for $case',
    ({ env, variable, message }) => {
      // Act
      let thrown: unknown;
      try {
        readCamundaConfig(env);
      } catch (error) {
        thrown = error;
      }

      // Assess
      expect(thrown).toBeInstanceOf(CamundaConfigError);
      expect(thrown).toMatchObject({ name: 'CamundaConfigError', variable });
      expect(String(thrown)).toContain(message);
      expect(String(thrown)).not.toContain(SECRET);
    }
  );

  it('never echoes an address that carries credentials', () => {
    // Act & Assess
    expect(() =>
      readCamundaConfig({
        CAMUNDA_REST_ADDRESS: `https://user:${SECRET}@camunda.example.com`,
      })
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining(SECRET),
        variable: 'CAMUNDA_REST_ADDRESS',
      })
    );
  });
});

describe('Function: redactCamundaConfig', () => {
  it.each([
    {
      strategy: 'OAUTH',
      env: { CAMUNDA_CLIENT_ID: 'client', CAMUNDA_CLIENT_SECRET: SECRET },
    },
    {
      strategy: 'BASIC',
      env: {
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
        CAMUNDA_BASIC_AUTH_PASSWORD: SECRET,
      },
    },
  ])('hides the $strategy secret and keeps the rest', ({ env, strategy }) => {
    // Prepare
    const config = readCamundaConfig(env);

    // Act
    const printed = JSON.stringify(redactCamundaConfig(config));

    // Assess
    expect(printed).not.toContain(SECRET);
    expect(printed).toContain('***');
    expect(printed).toContain(strategy);
    expect(config.auth).toMatchObject(
      strategy === 'OAUTH' ? { clientSecret: SECRET } : { password: SECRET }
    );
  });
});

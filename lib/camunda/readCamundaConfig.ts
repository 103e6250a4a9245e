import {
  createEnvReader,
  type Env,
  EnvNames,
  type EnvReader,
} from '../env/index.js';
import { CAMUNDA_AUTH_STRATEGIES, CAMUNDA_DEFAULTS } from './constants.js';
import { CamundaConfigError } from './errors.js';
import type {
  CamundaAuthConfig,
  CamundaAuthStrategy,
  CamundaClientConfig,
  CamundaSecrets,
} from './types.js';

// Camunda's tenant id pattern (TenantId in the v2 OpenAPI spec).
const TENANT_ID_PATTERN = /^(<default>|[A-Za-z0-9_@.+-]+)$/;

const MILLISECONDS = {
  minimum: 1,
  what: 'a positive whole number of milliseconds',
} as const;

/**
 * Checks an http(s) URL. The value itself is never echoed: an address may
 * carry credentials.
 */
const parseHttpUrl = (name: string, value: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new CamundaConfigError(
      name,
      'is not an absolute URL (expected e.g. http://localhost:8080/v2)',
      { cause: error instanceof Error ? error.name : undefined }
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CamundaConfigError(
      name,
      `must use http or https (got ${url.protocol.replace(':', '')})`
    );
  }
  if (url.username || url.password) {
    throw new CamundaConfigError(
      name,
      'must not carry credentials; use CAMUNDA_AUTH_STRATEGY and its variables'
    );
  }
  if (url.search || url.hash) {
    throw new CamundaConfigError(name, 'must not have a query or fragment');
  }
  return url;
};

/** As the SDK does: trailing slashes dropped, `/v2` appended when missing. */
const normalizeRestAddress = (name: string, value: string): string => {
  const url = parseHttpUrl(name, value);
  const path = url.pathname.replace(/\/+$/, '');
  const withVersion = /\/v2$/i.test(path) ? path : `${path}/v2`;
  return `${url.origin}${withVersion}`;
};

const readStrategy = (
  read: EnvReader,
  clientId: string | undefined,
  clientSecret: string | undefined
): CamundaAuthStrategy => {
  const raw = read.text(EnvNames.camundaAuthStrategy);
  if (raw === undefined) {
    // The SDK switches to OAUTH by itself when client credentials are set.
    return clientId && clientSecret ? 'OAUTH' : 'NONE';
  }
  const strategy = CAMUNDA_AUTH_STRATEGIES.find((s) => s === raw.toUpperCase());
  if (strategy === undefined) {
    throw new CamundaConfigError(
      EnvNames.camundaAuthStrategy,
      `must be one of ${CAMUNDA_AUTH_STRATEGIES.join(', ')} (got '${raw}')`
    );
  }
  return strategy;
};

const requireValue = (
  value: string | undefined,
  name: string,
  strategy: CamundaAuthStrategy,
  fromSecrets: boolean
): string => {
  if (value) return value;
  const where = fromSecrets ? ' (in the Camunda secret)' : '';
  throw new CamundaConfigError(
    name,
    `is required when CAMUNDA_AUTH_STRATEGY is ${strategy}${where}`
  );
};

/**
 * Reads the Camunda client configuration from environment variables, as
 * Camunda's SDKs name them.
 *
 * @param env - The environment, usually `process.env`.
 * @param secrets - Credentials from a secret store. When given, the client
 *   secret and the basic-auth password are taken from it only, never from
 *   `env` (so a Lambda never reads them from plain environment variables).
 * @throws CamundaConfigError naming the variable at fault (never its secret).
 * @example
 * ```ts
 * const client = createCamundaClient(readCamundaConfig(process.env));
 * ```
 */
const readCamundaConfig = (
  env: Env,
  secrets?: CamundaSecrets
): CamundaClientConfig => {
  const read = createEnvReader(
    env,
    (variable, problem) => new CamundaConfigError(variable, problem)
  );
  const fromSecrets = secrets !== undefined;
  const addressName =
    read.text(EnvNames.camundaRestAddress) === undefined &&
    read.text(EnvNames.zeebeRestAddress) !== undefined
      ? EnvNames.zeebeRestAddress
      : EnvNames.camundaRestAddress;
  const restAddress = normalizeRestAddress(
    addressName,
    read.text(addressName) ?? CAMUNDA_DEFAULTS.restAddress
  );

  const clientId =
    secrets?.clientId?.trim() ||
    read.text(EnvNames.camundaClientId, EnvNames.zeebeClientId);
  const clientSecret = fromSecrets
    ? secrets.clientSecret || undefined
    : read.text(EnvNames.camundaClientSecret, EnvNames.zeebeClientSecret);
  const strategy = readStrategy(read, clientId, clientSecret);

  let auth: CamundaAuthConfig = { strategy: 'NONE' };
  if (strategy === 'OAUTH') {
    const oauthUrlName =
      read.text(EnvNames.camundaOauthUrl) === undefined &&
      read.text(EnvNames.zeebeAuthorizationServerUrl) !== undefined
        ? EnvNames.zeebeAuthorizationServerUrl
        : EnvNames.camundaOauthUrl;
    const oauthUrl = parseHttpUrl(
      oauthUrlName,
      read.text(oauthUrlName) ?? CAMUNDA_DEFAULTS.oauthUrl
    ).href;
    const scope = read.text(
      EnvNames.camundaOauthScope,
      EnvNames.camundaTokenScope
    );
    auth = {
      strategy,
      clientId: requireValue(
        clientId,
        EnvNames.camundaClientId,
        strategy,
        false
      ),
      clientSecret: requireValue(
        clientSecret,
        EnvNames.camundaClientSecret,
        strategy,
        fromSecrets
      ),
      oauthUrl,
      audience:
        read.text(EnvNames.camundaTokenAudience, EnvNames.zeebeTokenAudience) ??
        CAMUNDA_DEFAULTS.tokenAudience,
      ...(scope === undefined ? {} : { scope }),
      timeoutMs: read.integer(
        EnvNames.camundaOauthTimeoutMs,
        CAMUNDA_DEFAULTS.oauthTimeoutMs,
        MILLISECONDS
      ),
    };
  } else if (strategy === 'BASIC') {
    const username =
      secrets?.basicAuthUsername?.trim() ||
      read.text(EnvNames.camundaBasicAuthUsername);
    const password = fromSecrets
      ? secrets.basicAuthPassword || undefined
      : read.text(EnvNames.camundaBasicAuthPassword);
    auth = {
      strategy,
      username: requireValue(
        username,
        EnvNames.camundaBasicAuthUsername,
        strategy,
        false
      ),
      password: requireValue(
        password,
        EnvNames.camundaBasicAuthPassword,
        strategy,
        fromSecrets
      ),
    };
  }

  const tenantId = read.text(
    EnvNames.camundaTenantId,
    EnvNames.camundaDefaultTenantId
  );
  if (
    tenantId !== undefined &&
    (tenantId.length > 256 || !TENANT_ID_PATTERN.test(tenantId))
  ) {
    throw new CamundaConfigError(
      EnvNames.camundaTenantId,
      `must be <default> or 1-256 of A-Z a-z 0-9 _ @ . + - (got '${tenantId}')`
    );
  }

  return {
    restAddress,
    auth,
    ...(tenantId === undefined ? {} : { tenantId }),
    requestTimeoutMs: read.integer(
      EnvNames.camundaRequestTimeoutMs,
      CAMUNDA_DEFAULTS.requestTimeoutMs,
      MILLISECONDS
    ),
    maxConcurrentRequests: read.integer(
      EnvNames.camundaMaxConcurrentRequests,
      CAMUNDA_DEFAULTS.maxConcurrentRequests,
      { minimum: 1, what: 'a positive whole number' }
    ),
  };
};

export { readCamundaConfig };

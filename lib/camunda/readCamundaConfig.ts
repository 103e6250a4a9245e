import { createEnvReader, type Env, type EnvReader } from '../env/index.js';
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
  const raw = read.text('CAMUNDA_AUTH_STRATEGY');
  if (raw === undefined) {
    // The SDK switches to OAUTH by itself when client credentials are set.
    return clientId && clientSecret ? 'OAUTH' : 'NONE';
  }
  const strategy = CAMUNDA_AUTH_STRATEGIES.find((s) => s === raw.toUpperCase());
  if (strategy === undefined) {
    throw new CamundaConfigError(
      'CAMUNDA_AUTH_STRATEGY',
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
    read.text('CAMUNDA_REST_ADDRESS') === undefined &&
    read.text('ZEEBE_REST_ADDRESS') !== undefined
      ? 'ZEEBE_REST_ADDRESS'
      : 'CAMUNDA_REST_ADDRESS';
  const restAddress = normalizeRestAddress(
    addressName,
    read.text(addressName) ?? CAMUNDA_DEFAULTS.restAddress
  );

  const clientId =
    secrets?.clientId?.trim() ||
    read.text('CAMUNDA_CLIENT_ID', 'ZEEBE_CLIENT_ID');
  const clientSecret = fromSecrets
    ? secrets.clientSecret || undefined
    : read.text('CAMUNDA_CLIENT_SECRET', 'ZEEBE_CLIENT_SECRET');
  const strategy = readStrategy(read, clientId, clientSecret);

  let auth: CamundaAuthConfig = { strategy: 'NONE' };
  if (strategy === 'OAUTH') {
    const oauthUrlName =
      read.text('CAMUNDA_OAUTH_URL') === undefined &&
      read.text('ZEEBE_AUTHORIZATION_SERVER_URL') !== undefined
        ? 'ZEEBE_AUTHORIZATION_SERVER_URL'
        : 'CAMUNDA_OAUTH_URL';
    const oauthUrl = parseHttpUrl(
      oauthUrlName,
      read.text(oauthUrlName) ?? CAMUNDA_DEFAULTS.oauthUrl
    ).href;
    const scope = read.text('CAMUNDA_OAUTH_SCOPE', 'CAMUNDA_TOKEN_SCOPE');
    auth = {
      strategy,
      clientId: requireValue(clientId, 'CAMUNDA_CLIENT_ID', strategy, false),
      clientSecret: requireValue(
        clientSecret,
        'CAMUNDA_CLIENT_SECRET',
        strategy,
        fromSecrets
      ),
      oauthUrl,
      audience:
        read.text('CAMUNDA_TOKEN_AUDIENCE', 'ZEEBE_TOKEN_AUDIENCE') ??
        CAMUNDA_DEFAULTS.tokenAudience,
      ...(scope === undefined ? {} : { scope }),
      timeoutMs: read.integer(
        'CAMUNDA_OAUTH_TIMEOUT_MS',
        CAMUNDA_DEFAULTS.oauthTimeoutMs,
        MILLISECONDS
      ),
    };
  } else if (strategy === 'BASIC') {
    const username =
      secrets?.basicAuthUsername?.trim() ||
      read.text('CAMUNDA_BASIC_AUTH_USERNAME');
    const password = fromSecrets
      ? secrets.basicAuthPassword || undefined
      : read.text('CAMUNDA_BASIC_AUTH_PASSWORD');
    auth = {
      strategy,
      username: requireValue(
        username,
        'CAMUNDA_BASIC_AUTH_USERNAME',
        strategy,
        false
      ),
      password: requireValue(
        password,
        'CAMUNDA_BASIC_AUTH_PASSWORD',
        strategy,
        fromSecrets
      ),
    };
  }

  const tenantId = read.text('CAMUNDA_TENANT_ID', 'CAMUNDA_DEFAULT_TENANT_ID');
  if (
    tenantId !== undefined &&
    (tenantId.length > 256 || !TENANT_ID_PATTERN.test(tenantId))
  ) {
    throw new CamundaConfigError(
      'CAMUNDA_TENANT_ID',
      `must be <default> or 1-256 of A-Z a-z 0-9 _ @ . + - (got '${tenantId}')`
    );
  }

  return {
    restAddress,
    auth,
    ...(tenantId === undefined ? {} : { tenantId }),
    requestTimeoutMs: read.integer(
      'CAMUNDA_REQUEST_TIMEOUT_MS',
      CAMUNDA_DEFAULTS.requestTimeoutMs,
      MILLISECONDS
    ),
    maxConcurrentRequests: read.integer(
      'CAMUNDA_MAX_CONCURRENT_REQUESTS',
      CAMUNDA_DEFAULTS.maxConcurrentRequests,
      { minimum: 1, what: 'a positive whole number' }
    ),
  };
};

export { readCamundaConfig };

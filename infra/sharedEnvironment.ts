import { METRIC_NAMESPACE } from '../lib/aws/constants.js';
import type { EnvVariables } from '../lib/env/index.js';
import { optionalEnvironment } from './optionalEnvironment.js';
import type { CamundaSettings } from './types.js';

/** What both functions' shared variables are made of. */
interface SharedEnvironmentOptions {
  readonly camunda: CamundaSettings;
  readonly camundaSecretArn: string;
  readonly esmMode: string;
  readonly ordering: string;
  readonly keyConcurrency: number;
  readonly logLevel: string;
}

/**
 * The variables both functions get: how to reach Camunda (never a secret
 * value: the secret's ARN) and the platform defaults, under lib/env's names.
 *
 * @param options - Camunda settings, secret ARN, platform defaults, log level
 */
const sharedEnvironment = (
  options: SharedEnvironmentOptions
): Record<string, string> => {
  const { camunda } = options;
  return {
    CAMUNDA_REST_ADDRESS: camunda.restAddress,
    CAMUNDA_AUTH_STRATEGY: camunda.authStrategy ?? 'OAUTH',
    CAMUNDA_SECRET_ARN: options.camundaSecretArn,
    ...optionalEnvironment({
      CAMUNDA_CLIENT_ID: camunda.clientId,
      CAMUNDA_OAUTH_URL: camunda.oauthUrl,
      CAMUNDA_TOKEN_AUDIENCE: camunda.tokenAudience,
      CAMUNDA_TOKEN_SCOPE: camunda.tokenScope,
      CAMUNDA_BASIC_AUTH_USERNAME: camunda.basicAuthUsername,
      CAMUNDA_TENANT_ID: camunda.tenantId,
      CAMUNDA_BUSINESS_ID_UNIQUENESS: camunda.businessIdUniqueness
        ? 'true'
        : undefined,
    }),
    ESM_MODE: options.esmMode,
    ORDERING_MODE: options.ordering,
    KEY_CONCURRENCY: String(options.keyConcurrency),
    NODE_OPTIONS: '--enable-source-maps',
    LOG_LEVEL: options.logLevel,
    POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
  } satisfies EnvVariables;
};

export type { SharedEnvironmentOptions };
export { sharedEnvironment };

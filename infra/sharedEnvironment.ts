import { EnvNames } from '../lib/env/index.js';
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
 * value: the secret's ARN) and the platform defaults, named from lib/env.
 *
 * @param options - Camunda settings, secret ARN, platform defaults, log level
 */
const sharedEnvironment = (
  options: SharedEnvironmentOptions
): Record<string, string> => {
  const { camunda } = options;
  return {
    [EnvNames.camundaRestAddress]: camunda.restAddress,
    [EnvNames.camundaAuthStrategy]: camunda.authStrategy ?? 'OAUTH',
    [EnvNames.camundaSecretArn]: options.camundaSecretArn,
    ...optionalEnvironment({
      [EnvNames.camundaClientId]: camunda.clientId,
      [EnvNames.camundaOauthUrl]: camunda.oauthUrl,
      [EnvNames.camundaTokenAudience]: camunda.tokenAudience,
      [EnvNames.camundaTokenScope]: camunda.tokenScope,
      [EnvNames.camundaBasicAuthUsername]: camunda.basicAuthUsername,
      [EnvNames.camundaTenantId]: camunda.tenantId,
      [EnvNames.camundaBusinessIdUniqueness]: camunda.businessIdUniqueness
        ? 'true'
        : undefined,
    }),
    [EnvNames.esmMode]: options.esmMode,
    [EnvNames.orderingMode]: options.ordering,
    [EnvNames.keyConcurrency]: String(options.keyConcurrency),
    [EnvNames.nodeOptions]: '--enable-source-maps',
    [EnvNames.logLevel]: options.logLevel,
    [EnvNames.powertoolsMetricsNamespace]: 'KafkaInbound',
  };
};

export type { SharedEnvironmentOptions };
export { sharedEnvironment };

import type { CamundaClientConfig } from './types.js';

const REDACTED = '***';

/**
 * A copy of the configuration that is safe to log or print: the client
 * secret and the basic-auth password are replaced by `***`.
 *
 * @param config - The configuration to redact.
 */
const redactCamundaConfig = (
  config: CamundaClientConfig
): CamundaClientConfig => {
  const { auth } = config;
  if (auth.strategy === 'OAUTH') {
    return { ...config, auth: { ...auth, clientSecret: REDACTED } };
  }
  if (auth.strategy === 'BASIC') {
    return { ...config, auth: { ...auth, password: REDACTED } };
  }
  return { ...config, auth: { ...auth } };
};

export { redactCamundaConfig };

import { describeError } from '../common/index.js';

/**
 * Why provisioning failed, for a status or a report. Never a value: SDK
 * and Camunda messages do not carry the secrets we send (secrets go only
 * into CreateSecret/PutSecretValue, whose errors do not echo them), but we
 * keep to the error's name and message, no stack.
 *
 * @param error - what was thrown
 */
const describeFailure = (error: unknown): string =>
  describeError(error, { name: true, other: 'unknown error' });

export { describeFailure };

import {
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { CamundaSecrets } from '../camunda/types.js';
import { AWS_DEFAULTS } from './constants.js';
import {
  CamundaSecretInvalidError,
  CamundaSecretUnavailableError,
} from './errors.js';

interface CamundaSecretsOptions {
  readonly client: SecretsManagerClient;
  /** ARN or name of the secret (`CAMUNDA_SECRET_ARN`). */
  readonly secretId: string;
  /** How long a read value is trusted; default 5 minutes, 0 = no cache. */
  readonly ttlMs?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** Reads the Camunda credentials, cached per container. */
interface CamundaSecretsReader {
  /**
   * The credentials. While the cache is fresh the same object is returned,
   * so callers can tell a refresh by identity.
   */
  get(): Promise<CamundaSecrets>;
}

const SECRET_FIELDS = [
  'clientId',
  'clientSecret',
  'basicAuthUsername',
  'basicAuthPassword',
] as const;

/** Picks the known fields; never puts a value into an error message. */
const parseSecret = (secretId: string, text: string): CamundaSecrets => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // No cause: a JSON syntax error quotes the text, i.e. the secret.
    throw new CamundaSecretInvalidError(secretId, 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CamundaSecretInvalidError(secretId, 'not a JSON object');
  }
  const secrets: Record<string, string> = {};
  for (const field of SECRET_FIELDS) {
    const value: unknown = Reflect.get(parsed, field);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new CamundaSecretInvalidError(
        secretId,
        `${field} must be a string`
      );
    }
    secrets[field] = value;
  }
  return secrets;
};

/**
 * Reads the Camunda credentials secret (JSON with `clientSecret` and/or
 * `basicAuthPassword`, optionally `clientId` and `basicAuthUsername`) from
 * Secrets Manager once per TTL. Values never appear in errors.
 *
 * @param options - client, secret id, TTL
 * @example
 * ```ts
 * const secrets = camundaSecrets({ client, secretId: process.env.CAMUNDA_SECRET_ARN });
 * const config = readCamundaConfig(process.env, await secrets.get());
 * ```
 */
const camundaSecrets = (
  options: CamundaSecretsOptions
): CamundaSecretsReader => {
  const { client, secretId } = options;
  const ttlMs = options.ttlMs ?? AWS_DEFAULTS.secretCacheTtlMs;
  const now = options.now ?? Date.now;
  let cached: { value: CamundaSecrets; expiresAt: number } | undefined;

  const read = async (): Promise<CamundaSecrets> => {
    let text: string | undefined;
    try {
      const result = await client.send(
        new GetSecretValueCommand({ SecretId: secretId })
      );
      text =
        result.SecretString ??
        (result.SecretBinary === undefined
          ? undefined
          : Buffer.from(result.SecretBinary).toString('utf8'));
    } catch (error) {
      throw new CamundaSecretUnavailableError(secretId, { cause: error });
    }
    if (text === undefined) {
      throw new CamundaSecretInvalidError(secretId, 'the secret has no value');
    }
    return parseSecret(secretId, text);
  };

  return {
    get: async () => {
      if (cached !== undefined && cached.expiresAt > now()) {
        return cached.value;
      }
      const value = await read();
      if (ttlMs > 0) cached = { value, expiresAt: now() + ttlMs };
      return value;
    },
  };
};

export type { CamundaSecretsOptions, CamundaSecretsReader };
export { camundaSecrets };

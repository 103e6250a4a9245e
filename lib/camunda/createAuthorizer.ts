import { describeError } from '../common/index.js';
import { cleanReason } from '../text/index.js';
import {
  MAX_TOKEN_ERROR_CHARS,
  MAX_TOKEN_RESPONSE_BYTES,
} from './constants.js';
import { CamundaAuthError } from './errors.js';
import { readResponseText } from './readResponseText.js';
import type { CamundaAuthConfig, CamundaOAuthConfig } from './types.js';

/** Supplies the `Authorization` header of Camunda calls. @internal */
interface Authorizer {
  /** The header value; undefined for NONE. Throws `CamundaAuthError`. */
  authorization(): Promise<string | undefined>;
  /**
   * Drops the credential a 401 answered to. True when a different one can
   * be fetched (OAUTH), so the call is worth repeating once.
   */
  invalidate(rejected: string | undefined): boolean;
  /** Secret values in play (secrets, current token), for scrubbing text. */
  secretValues(): string[];
}

interface CachedToken {
  readonly header: string;
  readonly token: string;
  /** Epoch ms after which the token is fetched again. */
  readonly refreshAt: number;
}

const SECONDS = 1_000;

/**
 * When to fetch again: expiry minus max(30 s, 5 % of the lifetime), as the
 * Camunda SDK does; never later than half the lifetime, so a short-lived
 * token is still reused.
 */
const refreshLead = (lifetimeMs: number): number =>
  Math.min(Math.max(30 * SECONDS, lifetimeMs * 0.05), lifetimeMs / 2);

/**
 * The start of the JSON string field `name` in a text that may be cut
 * (a token error answer over the read limit): '' when there is none.
 */
const leadingString = (text: string, name: string): string => {
  const match = new RegExp(
    `"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){0,${MAX_TOKEN_ERROR_CHARS}})`
  ).exec(text);
  if (match === null) return '';
  try {
    return JSON.parse(`"${(match[1] ?? '').replace(/\\$/, '')}"`) as string;
  } catch {
    return match[1] ?? '';
  }
};

const requestToken = async (
  auth: CamundaOAuthConfig,
  fetchFn: typeof globalThis.fetch,
  now: () => number
): Promise<CachedToken> => {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: auth.clientId,
    client_secret: auth.clientSecret,
    audience: auth.audience,
  });
  if (auth.scope) form.set('scope', auth.scope);
  const where = `OAuth token request to ${new URL(auth.oauthUrl).origin}`;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(auth.oauthUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      signal: AbortSignal.timeout(auth.timeoutMs),
      redirect: 'manual',
    });
    // Read streaming and capped: the endpoint is not ours to trust.
    text = (await readResponseText(response, MAX_TOKEN_RESPONSE_BYTES)).text;
  } catch (error) {
    const why =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no response within ${auth.timeoutMs} ms`
        : cleanReason(
            `${describeError(error)}${
              error instanceof Error && error.cause instanceof Error
                ? ` (${error.cause.message})`
                : ''
            }`,
            MAX_TOKEN_ERROR_CHARS
          );
    throw new CamundaAuthError(`${where} failed: ${why}`, undefined, {
      cause: error,
    });
  }
  if (!response.ok) {
    // error / error_description of RFC 6749 §5.2; never the whole body, and
    // one short line without control characters: it reaches every record's
    // retry reason and log line.
    let detail = '';
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') {
        const error = 'error' in parsed ? parsed.error : undefined;
        const description =
          'error_description' in parsed ? parsed.error_description : undefined;
        detail = [error, description]
          .filter((part) => typeof part === 'string')
          .join(': ');
      }
    } catch {
      // Not JSON, or cut at the limit: take the fields' starts if present.
      detail = [
        leadingString(text, 'error'),
        leadingString(text, 'error_description'),
      ]
        .filter((part) => part !== '')
        .join(': ');
    }
    detail = cleanReason(detail, MAX_TOKEN_ERROR_CHARS);
    throw new CamundaAuthError(
      `${where} failed: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
      response.status
    );
  }
  let token: unknown;
  let expiresIn: unknown;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') {
      token = 'access_token' in parsed ? parsed.access_token : undefined;
      expiresIn = 'expires_in' in parsed ? parsed.expires_in : undefined;
    }
  } catch {
    // Reported below as a missing token.
  }
  const lifetimeMs = Number(expiresIn) * SECONDS;
  if (typeof token !== 'string' || token === '' || !(lifetimeMs > 0)) {
    throw new CamundaAuthError(
      `${where} returned no access_token with a positive expires_in`,
      response.status
    );
  }
  return {
    token,
    header: `Bearer ${token}`,
    refreshAt: now() + lifetimeMs - refreshLead(lifetimeMs),
  };
};

const createOAuthAuthorizer = (
  auth: CamundaOAuthConfig,
  fetchFn: typeof globalThis.fetch,
  now: () => number
): Authorizer => {
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  const authorization = async (): Promise<string> => {
    if (cached !== undefined && now() < cached.refreshAt) return cached.header;
    // Concurrent callers share one token request.
    pending ??= requestToken(auth, fetchFn, now).then(
      (token) => {
        cached = token;
        pending = undefined;
        return token;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      }
    );
    return (await pending).header;
  };

  const invalidate = (rejected: string | undefined): boolean => {
    // Only the first of many concurrent 401s drops the cache; the others
    // find a newer token (or the pending request) already.
    if (cached !== undefined && cached.header === rejected) cached = undefined;
    return true;
  };

  const secretValues = (): string[] =>
    cached === undefined
      ? [auth.clientSecret]
      : [auth.clientSecret, cached.token];

  return { authorization, invalidate, secretValues };
};

/**
 * The authorizer for a strategy: OAUTH caches its token, BASIC sends a
 * fixed header, NONE sends none.
 *
 * @internal
 */
const createAuthorizer = (
  auth: CamundaAuthConfig,
  fetchFn: typeof globalThis.fetch,
  now: () => number
): Authorizer => {
  if (auth.strategy === 'OAUTH') {
    return createOAuthAuthorizer(auth, fetchFn, now);
  }
  if (auth.strategy === 'BASIC') {
    const encoded = Buffer.from(
      `${auth.username}:${auth.password}`,
      'utf8'
    ).toString('base64');
    const header = `Basic ${encoded}`;
    return {
      authorization: async () => header,
      invalidate: () => false,
      secretValues: () => [auth.password, encoded],
    };
  }
  return {
    authorization: async () => undefined,
    invalidate: () => false,
    secretValues: () => [],
  };
};

export type { Authorizer };
export { createAuthorizer };

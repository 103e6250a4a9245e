/** Defaults, as Camunda's SDKs have them unless noted. */
const CAMUNDA_DEFAULTS = {
  restAddress: 'http://localhost:8080/v2',
  oauthUrl: 'https://login.cloud.camunda.io/oauth/token',
  tokenAudience: 'zeebe.camunda.io',
  oauthTimeoutMs: 5_000,
  // Ours: well inside a Lambda's timeout, long enough for a loaded gateway.
  requestTimeoutMs: 10_000,
  // Ours: enough for per-key concurrency, few enough connections per
  // container (undici's pool would open one per concurrent call).
  maxConcurrentRequests: 128,
} as const;

/** The auth strategies `CAMUNDA_AUTH_STRATEGY` accepts. */
const CAMUNDA_AUTH_STRATEGIES = ['NONE', 'BASIC', 'OAUTH'] as const;

/**
 * Largest serialized variables document, in UTF-8 bytes, sent to Camunda:
 * 1.5 MiB = 1,572,864 bytes, the connector SDK's `InlineSizeGuard.
 * MAX_INLINE_BYTES` (`3L * 1024 * 1024 / 2`). A document of exactly this
 * size passes; one byte more is poison.
 */
const MAX_VARIABLES_BYTES = 1_572_864;

/**
 * Most bytes of a Camunda REST answer read (1 MiB). Every answer the client
 * uses (keys, a deployment summary, the topology of a large cluster) is far
 * smaller; a longer one is cut there and never held whole in memory.
 */
const MAX_CAMUNDA_RESPONSE_BYTES = 1_048_576;

/** Most bytes of a token endpoint's answer read (64 KiB; a token is a few KiB). */
const MAX_TOKEN_RESPONSE_BYTES = 65_536;

/** Longest `error: error_description` of a token endpoint kept in a reason. */
const MAX_TOKEN_ERROR_CHARS = 300;

/** Longest problem `detail` kept in a reason; Camunda's can echo big input. */
const MAX_REASON_DETAIL_CHARS = 500;

/** Fields of Camunda responses that hold Java longs (kept as strings). */
const CAMUNDA_KEY_FIELDS = [
  'processInstanceKey',
  'processDefinitionKey',
  'messageKey',
  'deploymentKey',
  'decisionDefinitionKey',
  'decisionRequirementsKey',
  'decisionKey',
  'formKey',
  'resourceKey',
] as const;

export {
  CAMUNDA_AUTH_STRATEGIES,
  CAMUNDA_DEFAULTS,
  CAMUNDA_KEY_FIELDS,
  MAX_CAMUNDA_RESPONSE_BYTES,
  MAX_REASON_DETAIL_CHARS,
  MAX_TOKEN_ERROR_CHARS,
  MAX_TOKEN_RESPONSE_BYTES,
  MAX_VARIABLES_BYTES,
};

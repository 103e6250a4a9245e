/** An RFC 9457 problem detail as Camunda's gateway writes it. */
interface ProblemDetail {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly [extension: string]: unknown;
}

// Titles Camunda uses per status (RestErrorMapper: the internal status name).
const DEFAULT_TITLES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  502: 'ABORTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_DETAILS: Readonly<Record<number, string>> = {
  401: 'The request is not authenticated.',
  429: 'Too many requests.',
  500: 'Unexpected error occurred during the request processing.',
  502: 'The request was aborted; it may or may not have been accepted.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out between the gateway and the broker.',
};

/**
 * A problem detail body.
 *
 * @param status - HTTP status.
 * @param instance - The request path.
 * @param title - Defaults to Camunda's title for the status.
 * @param detail - Defaults to a short text for the status.
 */
const problem = (
  status: number,
  instance: string,
  title?: string,
  detail?: string,
  extensions: Readonly<Record<string, unknown>> = {}
): ProblemDetail => ({
  type: 'about:blank',
  title: title ?? DEFAULT_TITLES[status] ?? `HTTP ${status}`,
  status,
  detail: detail ?? DEFAULT_DETAILS[status] ?? `Request failed with ${status}.`,
  instance,
  ...extensions,
});

export type { ProblemDetail };
export { problem };

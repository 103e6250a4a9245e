import { describeError } from '../common/index.js';
import { cleanReason } from '../text/index.js';
import { MAX_REASON_DETAIL_CHARS } from './constants.js';
import type { CamundaOperation, CamundaOutcome } from './types.js';

/** What a reason needs from an RFC 9457 problem detail (or a plain body). */
interface ProblemSummary {
  readonly title?: string;
  readonly detail?: string;
}

/** One line without control characters, at most `max` characters. */
const clean = (text: string, max: number): string => cleanReason(text, max);

/** Title and detail of a problem body; the text itself for a non-JSON body. */
const summarizeProblem = (body: unknown): ProblemSummary => {
  if (typeof body === 'string') {
    return body.trim() ? { detail: body } : {};
  }
  if (body === null || typeof body !== 'object') return {};
  const title = 'title' in body ? body.title : undefined;
  const detail = 'detail' in body ? body.detail : undefined;
  return {
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
  };
};

const describe = (
  operation: CamundaOperation,
  status: number,
  problem: ProblemSummary,
  note?: string
): string => {
  const title = problem.title ? ` ${clean(problem.title, 100)}` : '';
  const detail = problem.detail
    ? `: ${clean(problem.detail, MAX_REASON_DETAIL_CHARS)}`
    : '';
  const suffix = note ? ` (${note})` : '';
  return `Camunda ${operation}: HTTP ${status}${title}${detail}${suffix}`;
};

const isDuplicatePublication = (
  operation: CamundaOperation,
  problem: ProblemSummary
): boolean =>
  operation === 'publishMessage' &&
  (problem.title === 'ALREADY_EXISTS' ||
    /already (been )?published/i.test(problem.detail ?? ''));

/**
 * Zeebe 8.9+ with business id uniqueness on rejects a second active root
 * instance with ALREADY_EXISTS: "Expected to create instance of process with
 * business id '<id>', but an instance with this business id already exists
 * for process definition '<id>'" (engine ProcessInstanceCreationHelper),
 * mapped to 409 by the gateway. Matched on the wording, not only the title,
 * so no other 409 of create is ever taken for "already done".
 */
const isDuplicateBusinessId = (
  operation: CamundaOperation,
  problem: ProblemSummary
): boolean =>
  operation === 'createProcessInstance' &&
  /\bbusiness id\b/i.test(problem.detail ?? '') &&
  /\balready exists\b/i.test(problem.detail ?? '');

const mentionsResourceExhausted = (problem: ProblemSummary): boolean =>
  /RESOURCE_EXHAUSTED/i.test(`${problem.title ?? ''} ${problem.detail ?? ''}`);

/**
 * Classifies a Camunda REST response from its status and (problem) body.
 *
 * | status | outcome |
 * |---|---|
 * | 2xx | done |
 * | 409 on publish, message id already published | done, `duplicate` |
 * | 409 on create, business id already exists (8.9+) | done, `duplicate` |
 * | 401 (the client refreshes an OAuth token once before this) | retry |
 * | 408, 429, 502, 503, 504, other 5xx except 500 | retry |
 * | 500 with RESOURCE_EXHAUSTED in title or detail | retry |
 * | 3xx (a misdirected address, not the record's fault) | retry |
 * | 400, 403, 404, other 409, other 4xx, other 500 | poison |
 *
 * @param operation - The call, named in the reason.
 * @param status - The HTTP status.
 * @param body - The parsed JSON body, or the body text.
 */
const classifyCamundaResponse = (
  operation: CamundaOperation,
  status: number,
  body: unknown
): CamundaOutcome => {
  if (status >= 200 && status < 300) {
    return { kind: 'done', status, ...(body === undefined ? {} : { body }) };
  }
  const problem = summarizeProblem(body);
  if (
    status === 409 &&
    (isDuplicatePublication(operation, problem) ||
      isDuplicateBusinessId(operation, problem))
  ) {
    return { kind: 'done', status, body, duplicate: true };
  }
  if (status === 401) {
    return {
      kind: 'retry',
      status,
      reason: describe(operation, status, problem, 'not authenticated'),
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'retry',
      status,
      reason: describe(
        operation,
        status,
        problem,
        'unexpected redirect: check CAMUNDA_REST_ADDRESS'
      ),
    };
  }
  if (status === 500) {
    return {
      kind: mentionsResourceExhausted(problem) ? 'retry' : 'poison',
      status,
      reason: describe(operation, status, problem),
    };
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  return {
    kind: retryable ? 'retry' : 'poison',
    status,
    reason: describe(operation, status, problem),
  };
};

/** The `code` of a Node network error, found along the `cause` chain. */
const networkCode = (error: unknown): string | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if ('code' in current && typeof current.code === 'string') {
      return current.code;
    }
    current = current.cause;
  }
  return undefined;
};

/**
 * Classifies a call that got no HTTP response (timeout, refused, reset,
 * DNS, TLS): always `retry`.
 *
 * @param operation - The call, named in the reason.
 * @param error - What `fetch` (or reading the body) threw.
 * @param timeoutMs - The request timeout, named when it fired.
 */
const classifyCamundaFailure = (
  operation: CamundaOperation,
  error: unknown,
  timeoutMs: number
): CamundaOutcome => {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return {
      kind: 'retry',
      reason: `Camunda ${operation}: no response within ${timeoutMs} ms`,
    };
  }
  const message = describeError(error);
  const code = networkCode(error);
  const causeMessage =
    error instanceof Error && error.cause instanceof Error
      ? error.cause.message
      : undefined;
  const parts = [message, causeMessage, code].filter(
    (part, index, all): part is string =>
      part !== undefined && part !== '' && all.indexOf(part) === index
  );
  return {
    kind: 'retry',
    reason: `Camunda ${operation}: network error: ${clean(parts.join(' / '), 300)}`,
  };
};

export { classifyCamundaFailure, classifyCamundaResponse, summarizeProblem };

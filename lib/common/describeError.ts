import type { DescribeErrorOptions } from './types.js';

const MAX_CAUSES = 4;

/**
 * An error in one line for logs, statuses and retry reasons: its message
 * (never its stack), optionally with its name or its causes.
 *
 * @param error - what was thrown
 * @param options - name, causes, text for a thrown non-Error
 * @example
 * ```ts
 * describeError(new TypeError('boom'), { name: true }); // 'TypeError: boom'
 * ```
 */
const describeError = (
  error: unknown,
  options: DescribeErrorOptions = {}
): string => {
  if (!(error instanceof Error)) return options.other ?? String(error);
  const messages: string[] = [];
  const seen = new Set<Error>();
  let current: unknown = error;
  while (
    current instanceof Error &&
    !seen.has(current) &&
    messages.length < MAX_CAUSES
  ) {
    seen.add(current);
    if (!messages.includes(current.message)) messages.push(current.message);
    if (options.causes !== true) break;
    current = current.cause;
  }
  const message = messages.join(': ');
  return options.name === true ? `${error.name}: ${message}` : message;
};

export { describeError };

import type { Violation } from './types.js';

/**
 * One line per violation: file and line, the reference, the rule and why.
 *
 * @param violation - from `checkLayering`
 */
const formatViolation = ({ path, rule, reference }: Violation): string =>
  `${path}:${reference.line}: ${reference.kind} '${reference.specifier}' breaks rule ${rule.id}: ${rule.text}`;

export { formatViolation };

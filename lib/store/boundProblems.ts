import type { Problem } from '../bpmn/types.js';
import { STORED_PROBLEM_LIMITS } from './constants.js';

// Head and tail: a message that quotes a huge value still says what is wrong.
const cut = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
};

/**
 * The problems as stored: the first {@link STORED_PROBLEM_LIMITS.maxProblems},
 * each cut to length, and one more that says how many were left out.
 *
 * @param problems - every problem of the file
 */
const boundProblems = (problems: readonly Problem[]): Problem[] => {
  const { maxProblems, maxMessageChars, maxNameChars } = STORED_PROBLEM_LIMITS;
  const kept = problems.slice(0, maxProblems).map(
    (problem): Problem => ({
      ...(problem.elementId === undefined
        ? {}
        : { elementId: cut(problem.elementId, maxNameChars) }),
      ...(problem.property === undefined
        ? {}
        : { property: cut(problem.property, maxNameChars) }),
      message: cut(problem.message, maxMessageChars),
    })
  );
  const left = problems.length - kept.length;
  return left > 0
    ? [
        ...kept,
        {
          message: `… and ${left} more (a status record keeps the first ${maxProblems}; run kafka-inbound validate on the file for all of them)`,
        },
      ]
    : kept;
};

export { boundProblems };

import type { Problem } from './types.js';

/**
 * One readable line for a problem: `[Element_1] topic.topicName: the topic
 * name is empty`.
 *
 * @param problem - a problem of a BPMN file
 */
const formatProblem = (problem: Problem): string => {
  const where = [
    problem.elementId === undefined ? undefined : `[${problem.elementId}]`,
    problem.property,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  return where.length > 0 ? `${where}: ${problem.message}` : problem.message;
};

export { formatProblem };

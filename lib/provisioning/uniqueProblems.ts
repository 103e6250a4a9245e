import type { Problem } from '../bpmn/types.js';
import { stableJson } from './stableJson.js';

/**
 * The problems without repeats, in their order.
 *
 * @param problems - problems that may repeat
 */
const uniqueProblems = (problems: readonly Problem[]): Problem[] => {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = stableJson(problem);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
};

export { uniqueProblems };

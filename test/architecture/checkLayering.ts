import { readReferences } from './readReferences.js';
import type {
  LayerException,
  LayerRule,
  SourceText,
  Violation,
} from './types.js';

/** What `checkLayering` found. */
interface LayeringReport {
  /** Violations not covered by an exception. */
  readonly violations: readonly Violation[];
  /** Exceptions that no violation needs any more: delete them. */
  readonly staleExceptions: readonly LayerException[];
  /** How many references were read, over all files. */
  readonly references: number;
}

/**
 * Checks every reference of every file against the rules that govern it.
 *
 * @param sources - the files, with repository-relative posix paths
 * @param rules - the layering rules
 * @param exceptions - tolerated violations, by file and rule
 */
const checkLayering = (
  sources: readonly SourceText[],
  rules: readonly LayerRule[],
  exceptions: readonly LayerException[] = []
): LayeringReport => {
  const violations: Violation[] = [];
  const used = new Set<LayerException>();
  let references = 0;
  for (const { path, text } of sources) {
    const governing = rules.filter((rule) => rule.appliesTo(path));
    for (const reference of readReferences(path, text)) {
      references += 1;
      for (const rule of governing) {
        if (!rule.forbids(reference, path)) continue;
        const excused = exceptions.find(
          (exception) => exception.path === path && exception.rule === rule.id
        );
        if (excused === undefined) {
          violations.push({ path, rule, reference });
        } else {
          used.add(excused);
        }
      }
    }
  }
  return {
    violations,
    staleExceptions: exceptions.filter((exception) => !used.has(exception)),
    references,
  };
};

export type { LayeringReport };
export { checkLayering };

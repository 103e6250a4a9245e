import {
  FeelLimitError,
  FeelSyntaxError,
  inspectFeel,
  stripFeelPrefix,
} from '../feel/index.js';
import { checkFeelLength, checkFeelSafety } from './checkFeelSafety.js';
import { replaceSecretReferences } from './findSecretReferences.js';

/**
 * Secret references are replaced textually before FEEL sees the value; for a
 * syntax check each becomes a plain name, which parses inside and outside
 * string literals.
 */
const withoutSecrets = (source: string): string =>
  replaceSecretReferences(source, (_r, i) => `secretRef${i}`);

/**
 * Check that a FEEL expression parses and compiles, with the same parser
 * and evaluator the consumer later uses, that it is not longer or nested
 * deeper than lib/feel accepts (FEEL_LIMITS), and that it can be evaluated
 * per record within the budget ({@link checkFeelSafety}). Returns a plain
 * message when it does not, `undefined` when it does. Bounded in time: the
 * length is checked before anything else, parsing is linear, nesting is
 * measured before parsing and every walk is iterative.
 *
 * @param source - the property value, with or without the leading `=`
 */
const checkFeelSyntax = (source: string): string | undefined => {
  const replaced = withoutSecrets(source);
  const expression = stripFeelPrefix(replaced);
  if (expression === '') return 'the FEEL expression is empty';
  // Before parsing: the length bound also bounds the parser's work.
  const tooLong = checkFeelLength(expression);
  if (tooLong) return tooLong;
  let tree: ReturnType<typeof inspectFeel>['tree'];
  try {
    tree = inspectFeel(replaced).tree;
  } catch (error) {
    if (error instanceof FeelLimitError) return error.message;
    if (!(error instanceof FeelSyntaxError)) throw error;
    const at = error.position.from;
    const near = expression.slice(Math.max(0, at - 15), at + 15);
    return at >= expression.length
      ? `FEEL does not parse: the expression ends too early ("…${near}")`
      : `FEEL does not parse at character ${at + 1} (near "${near}")`;
  }
  return checkFeelSafety(expression, tree);
};

export { checkFeelSyntax, withoutSecrets };

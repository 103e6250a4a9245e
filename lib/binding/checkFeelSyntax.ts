import {
  compileFeel,
  FeelSyntaxError,
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
 * Check that a FEEL expression parses, with the same parser (Camunda dialect
 * and built-in names) the consumer later evaluates it with, and that it
 * cannot run without bound per record ({@link checkFeelSafety}). Returns a
 * plain message when it does not, `undefined` when it does.
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
  try {
    compileFeel(replaced);
  } catch (error) {
    if (!(error instanceof FeelSyntaxError)) throw error;
    const at = error.position.from;
    const near = expression.slice(Math.max(0, at - 15), at + 15);
    return at >= expression.length
      ? `FEEL does not parse: the expression ends too early ("…${near}")`
      : `FEEL does not parse at character ${at + 1} (near "${near}")`;
  }
  return checkFeelSafety(expression);
};

export { checkFeelSyntax, withoutSecrets };

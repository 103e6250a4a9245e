import { parseExpression } from 'feelin';
import { CAMUNDA_FEEL_NAMES } from './constants.js';
import { replaceSecretReferences } from './findSecretReferences.js';

// Declared at parse time so that names with spaces/keywords parse as Camunda
// accepts them (the FEEL grammar is context-sensitive).
const PARSE_CONTEXT: Record<string, null> = Object.fromEntries(
  CAMUNDA_FEEL_NAMES.map((name) => [name, null])
);

/**
 * Remove one leading `=` (after trimming), as the connector runtime does.
 *
 * @param source - a property value
 */
const stripFeelPrefix = (source: string): string => {
  const trimmed = source.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
};

/** Whether a property value is written as FEEL (starts with `=`). */
const isFeelExpression = (source: string): boolean =>
  source.trim().startsWith('=');

/**
 * Secret references are replaced textually before FEEL sees the value; for a
 * syntax check each becomes a plain name, which parses inside and outside
 * string literals.
 */
const withoutSecrets = (source: string): string =>
  replaceSecretReferences(source, (_r, i) => `secretRef${i}`);

/**
 * Check that a FEEL expression parses (Camunda dialect). Returns a plain
 * message when it does not, `undefined` when it does.
 *
 * @param source - the property value, with or without the leading `=`
 */
const checkFeelSyntax = (source: string): string | undefined => {
  const expression = stripFeelPrefix(withoutSecrets(source));
  if (expression === '') return 'the FEEL expression is empty';
  const tree = parseExpression(expression, PARSE_CONTEXT, 'camunda');
  let errorAt: number | undefined;
  tree.iterate({
    enter: (node) => {
      if (errorAt === undefined && node.type.isError) errorAt = node.from;
      return errorAt === undefined;
    },
  });
  if (errorAt === undefined) return undefined;
  const near = expression.slice(Math.max(0, errorAt - 15), errorAt + 15);
  return errorAt >= expression.length
    ? `FEEL does not parse: the expression ends too early ("…${near}")`
    : `FEEL does not parse at character ${errorAt + 1} (near "${near}")`;
};

export { checkFeelSyntax, isFeelExpression, stripFeelPrefix, withoutSecrets };

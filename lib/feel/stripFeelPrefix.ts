/**
 * Trim, remove one leading `=`, trim again — what Camunda's connector
 * runtime does before it hands an expression to the FEEL engine.
 *
 * @param source - the property value as written in the BPMN
 */
const stripFeelPrefix = (source: string): string => {
  const trimmed = source.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
};

/**
 * Whether a property value is marked as a FEEL expression (leading `=`).
 *
 * @param source - the property value as written in the BPMN
 */
const isFeelExpression = (source: string): boolean =>
  source.trim().startsWith('=');

/**
 * Whether a property value holds no expression at all (absent, blank, `=`).
 *
 * @param source - the property value as written in the BPMN
 */
const isBlankFeel = (source: string | undefined | null): boolean =>
  source === undefined || source === null || stripFeelPrefix(source) === '';

export { isBlankFeel, isFeelExpression, stripFeelPrefix };

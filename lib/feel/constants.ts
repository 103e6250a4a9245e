/**
 * Warning types FEEL evaluation reports (the same names feelin uses).
 */
const FeelWarningType = {
  NO_VARIABLE_FOUND: 'NO_VARIABLE_FOUND',
  NO_CONTEXT_ENTRY_FOUND: 'NO_CONTEXT_ENTRY_FOUND',
  NO_PROPERTY_FOUND: 'NO_PROPERTY_FOUND',
  NOT_COMPARABLE: 'NOT_COMPARABLE',
  INVALID_TYPE: 'INVALID_TYPE',
  INVALID_ARGUMENTS: 'INVALID_ARGUMENTS',
  NO_FUNCTION_FOUND: 'NO_FUNCTION_FOUND',
  FUNCTION_INVOCATION_FAILURE: 'FUNCTION_INVOCATION_FAILURE',
  UNSUPPORTED: 'UNSUPPORTED',
} as const;

/** The lezer-feel dialect Camunda expressions need (backtick names). */
const FEEL_DIALECT = 'camunda';

export { FEEL_DIALECT, FeelWarningType };

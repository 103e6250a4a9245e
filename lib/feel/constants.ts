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

/**
 * Limits every expression is checked against when it is compiled (the
 * provisioner and `validate` refuse what exceeds them), and the budget of
 * one evaluation. docs/feel.md explains each.
 */
const FEEL_LIMITS = {
  /** Characters of one expression. */
  maxLength: 64 * 1024,
  /** Brackets `( [ {` open at once. */
  maxBracketNesting: 64,
  /** Depth of the parse tree (operators chained without brackets count). */
  maxTreeDepth: 400,
  /**
   * Operators and keywords chained without brackets, counted before parsing
   * (an upper estimate of the depth; the tree depth is checked exactly
   * after parsing).
   */
  maxChain: 1000,
  /**
   * Parser steps one parse may take: this many per character, plus
   * `parseSteps`. A step is a parser action (a shift or a reduction, on
   * any of lezer's stacks), and a stack split off another costs its depth.
   * Valid expressions take 1 to 4 per character (4 for filter chains
   * `x[1][1]…`; 1,589 feel-scala cases at most 351 steps in all); invalid
   * ones that split deep stacks at every step (`[] [] […`) thousands.
   */
  parseStepsPerCharacter: 8,
  /** Parser actions every parse may take, whatever its length. */
  parseSteps: 2_000,
  /**
   * Levels of lezer's parse stack: above what an expression within
   * `maxTreeDepth` needs (up to 5 levels per tree level, for `if` chains)
   * and below lezer's own cut (2,800 levels, where it forces reductions).
   */
  maxParserStackDepth: 2_400,
  /** Budget units of one evaluation (see Env.charge). */
  evaluationSteps: 1_000_000,
  /** Nested calls of FEEL-defined functions in one evaluation. */
  callDepth: 64,
} as const;

export { FEEL_LIMITS };

export { BUILTIN_NAMES } from './builtins/names.js';
export {
  type CompileOptions,
  compileFeel,
  compileOptionalFeel,
  inspectFeel,
} from './compileFeel.js';
export { FEEL_DIALECT, FEEL_LIMITS, FeelWarningType } from './constants.js';
export {
  FeelAssertionError,
  FeelBudgetError,
  FeelError,
  FeelEvaluationError,
  FeelLimitError,
  FeelResultTypeError,
  FeelSyntaxError,
} from './errors.js';
export { evaluateActivation } from './evaluateActivation.js';
export { evaluateResultExpression } from './evaluateResultExpression.js';
export { evaluateString } from './evaluateString.js';
export { checkFeelShape, parseFeel } from './parseFeel.js';
export { parseFeelString } from './parseFeelString.js';
export { checkPattern } from './regex.js';
export {
  isBlankFeel,
  isFeelExpression,
  stripFeelPrefix,
} from './stripFeelPrefix.js';
export type {
  ActivationResult,
  CompiledFeel,
  FeelContext,
  FeelEvaluation,
  FeelPosition,
  FeelWarning,
  FeelWarningType as FeelWarningTypeName,
  ResultExpressionResult,
  StringExpressionResult,
} from './types.js';

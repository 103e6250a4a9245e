export { camundaBuiltinNames, camundaBuiltins } from './camundaBuiltins.js';
export { compileFeel, compileOptionalFeel } from './compileFeel.js';
export { FEEL_DIALECT, FeelWarningType } from './constants.js';
export {
  FeelAssertionError,
  FeelError,
  FeelEvaluationError,
  FeelResultTypeError,
  FeelSyntaxError,
} from './errors.js';
export { evaluateActivation } from './evaluateActivation.js';
export { evaluateResultExpression } from './evaluateResultExpression.js';
export { evaluateString } from './evaluateString.js';
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

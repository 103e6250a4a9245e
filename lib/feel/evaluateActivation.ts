import { asFeelError } from './errors.js';
import type { ActivationResult, CompiledFeel, FeelContext } from './types.js';

/**
 * Evaluate an activation condition with Camunda's rule: no condition
 * activates; otherwise only a result of exactly `true` does. Warnings
 * (unknown variable, type error, failed function call) never make it an
 * error — they made a sub-expression `null`, so the record is simply not
 * activated. Only a throwing evaluation (`assert`, an operation feelin
 * rejects) is an error: the record cannot be judged.
 *
 * @param condition - the compiled condition, `undefined` when absent/blank
 * @param message - the FEEL context (the Kafka message)
 */
const evaluateActivation = (
  condition: CompiledFeel | undefined,
  message: FeelContext
): ActivationResult => {
  if (condition === undefined) {
    return { activated: true, warnings: [] };
  }
  try {
    const { value, warnings } = condition.evaluate(message);
    return { activated: value === true, warnings };
  } catch (error) {
    return {
      activated: false,
      warnings: [],
      error: asFeelError(error, 'Activation condition', condition.expression),
    };
  }
};

export { evaluateActivation };

import { BindingInvalidError } from './errors.js';
import type { BindingModel } from './types.js';

/**
 * Throw when a binding model has errors (nothing from such a file may be
 * deployed).
 *
 * @param model - the model to check
 * @throws BindingInvalidError with every problem
 */
const assertValidBindingModel = (model: BindingModel): void => {
  if (model.errors.length > 0) throw new BindingInvalidError(model.errors);
};

export { assertValidBindingModel };

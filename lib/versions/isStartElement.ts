import type { BindingElement } from '../binding/types.js';

/**
 * Start events (none and message) serve only the latest version: new
 * instances always start there, as in Camunda's runtime
 * (`ProcessStateManagerImpl.filterStartEvents`).
 *
 * @param element - an element of a binding
 */
const isStartElement = (element: BindingElement): boolean =>
  element.kind === 'noneStartEvent' || element.kind === 'messageStartEvent';

export { isStartElement };

import { parseBpmn } from '../bpmn/parseBpmn.js';
import type { ParseBpmnOptions, ParsedBpmn } from '../bpmn/types.js';
import { buildBindings } from './buildBindings.js';
import type { BindingModel } from './types.js';

/**
 * Parse a BPMN file and build its binding model in one step. Never throws for
 * bad input: problems come back in `errors` / `warnings`.
 *
 * @param xml - the BPMN file content
 * @param options - parser limits (size, depth)
 */
const loadBindingModel = async (
  xml: string,
  options?: ParseBpmnOptions
): Promise<BindingModel & { parsed: ParsedBpmn }> => {
  const parsed = await parseBpmn(xml, options);
  return { ...buildBindings(parsed), parsed };
};

export { loadBindingModel };

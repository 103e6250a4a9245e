import { BPMN_FILE_SUFFIX } from './constants.js';

/**
 * Whether a file name or object key names a BPMN file (`.bpmn` in any
 * case): what the provisioner, the local runtime and the CLI read.
 *
 * @param name - file name, path or object key
 */
const isBpmnFileName = (name: string): boolean =>
  name.toLowerCase().endsWith(BPMN_FILE_SUFFIX);

export { isBpmnFileName };

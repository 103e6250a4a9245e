import type { Problem } from '../bpmn/types.js';
import { StatusNotes } from './constants.js';
import type { BindingAction, ProcessState, ProcessStatus } from './types.js';

/**
 * What a status record is built from: the record's fields but the ones
 * derived here (`state` from the problems, `updatedAt` from `now`).
 */
type ProcessStatusInput = Omit<ProcessStatus, 'state' | 'updatedAt'> & {
  readonly now: Date;
};

/**
 * `errors` when there is an error, else `warnings` when there is a warning,
 * else `ok`.
 *
 * @param warnings - warnings of the process
 * @param errors - errors of the process
 */
const stateOf = (
  warnings: readonly Problem[],
  errors: readonly Problem[]
): ProcessState =>
  errors.length > 0 ? 'errors' : warnings.length > 0 ? 'warnings' : 'ok';

/**
 * The status record of one process.
 *
 * @param input - the outcome of provisioning the process
 */
const buildProcessStatus = (input: ProcessStatusInput): ProcessStatus => ({
  processId: input.processId,
  sourceKey: input.sourceKey,
  sourceVersion: input.sourceVersion,
  ...(input.sequencer === undefined ? {} : { sequencer: input.sequencer }),
  state: stateOf(input.warnings, input.errors),
  warnings: [...input.warnings],
  errors: [...input.errors],
  bindings: [...input.bindings].sort((a, b) =>
    a.bindingId.localeCompare(b.bindingId)
  ),
  ...(input.deploymentKey === undefined
    ? {}
    : { deploymentKey: input.deploymentKey }),
  ...(input.processDefinitionKey === undefined
    ? {}
    : { processDefinitionKey: input.processDefinitionKey }),
  ...(input.appliedVersion === undefined ||
  input.appliedVersion === input.sourceVersion
    ? {}
    : { appliedVersion: input.appliedVersion }),
  ...(input.owner === undefined ? {} : { owner: input.owner }),
  ...(input.versions === undefined ? {} : { versions: [...input.versions] }),
  updatedAt: input.now.toISOString(),
});

/**
 * The status note of a binding action: what was done and, for a
 * replacement, that records may be replayed or skipped.
 *
 * @param action - an action of a reconcile plan (not a delete)
 */
const describeAction = (
  action: Exclude<BindingAction, { kind: 'delete' }>
): string => {
  switch (action.kind) {
    case 'create':
      return StatusNotes.created;
    case 'update':
      return `${StatusNotes.updated} (${action.changedFields.join(', ')})`;
    case 'replace':
      return `${StatusNotes.replaced} (changed: ${action.changedFields.join(', ')})`;
    case 'keep':
      return action.recordChanged
        ? `${StatusNotes.unchanged} event source mapping; binding updated`
        : StatusNotes.unchanged;
  }
};

export type { ProcessStatusInput };
export { buildProcessStatus, describeAction, stateOf };

import type { Problem } from '../bpmn/types.js';
import type { ProcessStatus, StatusBinding } from '../store/types.js';
import { applyPlan } from './applyPlan.js';
import {
  buildProcessStatus,
  type ProcessStatusInput,
} from './buildProcessStatus.js';
import { StatusNotes } from './constants.js';
import { describeFailure } from './describeFailure.js';
import type { ProvisionerDependencies, ReconcilePlan } from './types.js';
import { uniqueProblems } from './uniqueProblems.js';

/**
 * The status fields a plan's outcome does not decide; `errors` are kept
 * (a rejected file's) and the failure's error is added to them.
 */
type StatusFields = Omit<
  ProcessStatusInput,
  'bindings' | 'errors' | 'now' | 'processId'
> & { readonly errors?: readonly Problem[] };

/**
 * Applies a reconcile plan and writes the process's status item; after a
 * failure the status lists everything that may exist (so that the retry
 * and `status` see it) with the error, and the failure is thrown again.
 * The caller holds the process lock.
 *
 * @param plan - from `planReconcile`
 * @param fields - what the status says besides the bindings
 * @param secretValues - values of the `{{secrets.X}}` references
 * @param deps - the ports
 */
const commitPlan = async (
  plan: ReconcilePlan,
  fields: StatusFields,
  secretValues: ReadonlyMap<string, string>,
  deps: ProvisionerDependencies
): Promise<ProcessStatus> => {
  const warnings: Problem[] = [...fields.warnings];
  let bindings: readonly StatusBinding[] = [];
  let failure: unknown;
  try {
    const result = await applyPlan(plan, {
      mappings: deps.mappings,
      secrets: deps.secrets,
      store: deps.store,
      sourceKey: fields.sourceKey,
      sourceVersion: fields.sourceVersion,
      secretValues,
      now: deps.now,
    });
    bindings = result.bindings;
    warnings.push(...result.warnings);
  } catch (error) {
    failure = error;
  }
  const status = buildProcessStatus({
    ...fields,
    processId: plan.processId,
    warnings: uniqueProblems(warnings),
    errors:
      failure === undefined
        ? []
        : [
            {
              message: `${StatusNotes.unfinished}: ${describeFailure(failure)}`,
            },
          ],
    bindings:
      failure === undefined
        ? bindings
        : plan.actions.map((action) => ({
            bindingId: action.bindingId,
            revision:
              action.kind === 'delete'
                ? ''
                : action.desired.deployed.binding.revision,
            aliasName: action.bindingId,
            note: `${action.kind} not finished`,
          })),
    now: deps.now(),
  });
  await deps.store.putStatus(status);
  if (failure !== undefined) {
    throw failure;
  }
  return status;
};

export { commitPlan };

import { TeardownDefaults } from './constants.js';
import { describeFailure } from './describeFailure.js';
import { tearDownPlatform } from './tearDownPlatform.js';
import type {
  TeardownDependencies,
  TeardownReport,
  TeardownRequest,
  TeardownResponse,
} from './types.js';

/**
 * Stack states in which a Delete only undoes a failed update that added the
 * resource (or an import): the platform stays and keeps running.
 */
const ROLLING_BACK_AN_UPDATE = /^(UPDATE_ROLLBACK|IMPORT_ROLLBACK)_/;

const names = (items: readonly string[]): string => {
  const shown = items.slice(0, TeardownDefaults.reasonNames);
  const more = items.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

/** The failure reason CloudFormation shows: what is left and what to do. */
const failureReason = (report: TeardownReport): string => {
  const parts = [
    `kafka-inbound teardown removed ${report.removed.length} process(es)`,
  ];
  if (report.failed.length > 0) {
    parts.push(
      `could not remove ${report.failed.length}: ${names(
        report.failed.map((item) => `${item.processId} (${item.reason})`)
      )}`
    );
  }
  if (report.remaining.length > 0) {
    parts.push(
      `not begun in this invocation's time: ${names(report.remaining)}`
    );
  }
  return `${parts.join('; ')}. Their event source mappings (still billing), aliases, secrets and records are left: fix the cause and delete the stack again (the teardown goes on with what is left), or retain this resource to leave them (docs/deploy.md, "Deleting the stack").`;
};

/**
 * Answers a CloudFormation request to the teardown custom resource. Create
 * and Update do nothing (the resource exists to be deleted; its physical
 * id never changes, so CloudFormation never replaces it). Delete tears the
 * platform down (`tearDownPlatform`) unless the stack is rolling back an
 * update that added the resource, when the platform stays. A teardown that
 * leaves anything behind answers FAILED with what and why: the stack
 * deletion stops loudly instead of orphaning billing mappings silently.
 *
 * @param request - the parsed request
 * @param deps - the provisioner's ports, the stack's status, the time budget
 * @example
 * ```ts
 * const response = await handleTeardownRequest(request, deps);
 * ```
 */
const handleTeardownRequest = async (
  request: TeardownRequest,
  deps: TeardownDependencies
): Promise<TeardownResponse> => {
  const physicalResourceId =
    request.physicalResourceId ?? TeardownDefaults.physicalResourceId;
  if (request.requestType !== 'Delete') {
    return {
      status: 'SUCCESS',
      reason: `${request.requestType}: nothing to do; the platform is torn down when this resource is deleted`,
      physicalResourceId,
    };
  }
  let stackStatus: string;
  try {
    stackStatus = await deps.stacks.status(request.stackId);
  } catch (error) {
    return {
      status: 'FAILED',
      reason: `kafka-inbound teardown could not read the stack's status, so it removed nothing: ${describeFailure(error)}`,
      physicalResourceId,
    };
  }
  if (ROLLING_BACK_AN_UPDATE.test(stackStatus)) {
    return {
      status: 'SUCCESS',
      reason: `${stackStatus}: the stack undoes an update, the platform stays; nothing removed`,
      physicalResourceId,
    };
  }
  const report = await tearDownPlatform(deps);
  return report.failed.length === 0 && report.remaining.length === 0
    ? {
        status: 'SUCCESS',
        reason: `kafka-inbound teardown removed ${report.removed.length} process(es)`,
        physicalResourceId,
        report,
      }
    : {
        status: 'FAILED',
        reason: failureReason(report),
        physicalResourceId,
        report,
      };
};

export { handleTeardownRequest };

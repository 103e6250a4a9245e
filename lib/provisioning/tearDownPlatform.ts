import { STATIC_SOURCE_PREFIX } from '../store/index.js';
import { TeardownDefaults } from './constants.js';
import { describeFailure } from './describeFailure.js';
import { removeProcess } from './removeProcess.js';
import type { TeardownDependencies, TeardownReport } from './types.js';

/**
 * The processes the provisioner made: those with a status, and those whose
 * ESMs carry their tag without one (a run that did not finish). Processes
 * of StaticKafkaProcess (`static:` sources) belong to the stack.
 */
const provisionedProcessIds = async (
  deps: TeardownDependencies
): Promise<string[]> => {
  const ids = new Set<string>();
  for (const status of await deps.store.listStatuses()) {
    if (!status.sourceKey.startsWith(STATIC_SOURCE_PREFIX)) {
      ids.add(status.processId);
    }
  }
  const staticIds = new Set<string>();
  for (const esm of await deps.mappings.listAllEsms()) {
    const { processId, bindingId } = esm;
    if (processId === undefined || ids.has(processId)) {
      continue;
    }
    const record =
      bindingId === undefined
        ? undefined
        : await deps.store.getBinding(bindingId);
    if (record?.sourceKey.startsWith(STATIC_SOURCE_PREFIX) === true) {
      staticIds.add(processId);
    } else {
      ids.add(processId);
    }
  }
  return [...ids].filter((processId) => !staticIds.has(processId));
};

/**
 * Removes everything the provisioner created at run time, because the
 * platform's stack is being deleted: first the platform is marked as
 * tearing down (uploads and scheduled runs provision nothing from then
 * on), then every process it provisioned — uploaded and discovered alike,
 * and any whose tagged ESMs a run that did not finish left without a
 * status — is removed as deleting its file would (`removeProcess`: each ESM deleted
 * and waited for, aliases, binding secrets with MSK SCRAM secrets
 * disassociated first, binding records, status), a few at a time. Processes
 * declared in CDK (`static:` sources) are left to CloudFormation. A process
 * whose removal fails does not stop the others; none is begun once
 * `hasTime` says no. The teardown is idempotent: run again, it goes on with
 * what is left.
 *
 * @param deps - the provisioner's ports, the clock and the time budget
 * @returns what was removed, what failed and why, what was not begun
 * @example
 * ```ts
 * const report = await tearDownPlatform({ ...deps, stacks, hasTime });
 * ```
 */
const tearDownPlatform = async (
  deps: TeardownDependencies
): Promise<TeardownReport> => {
  await deps.store.markTearingDown(deps.now().toISOString());
  const removed: string[] = [];
  const failed = new Map<string, string>();
  let outOfTime = false;
  // A second listing finds what was provisioned while the first ran (an
  // invocation that began before the mark).
  for (let round = 0; round < 2 && !outOfTime; round++) {
    const queue = (await provisionedProcessIds(deps)).filter(
      (processId) => !failed.has(processId)
    );
    if (queue.length === 0) {
      break;
    }
    const worker = async (): Promise<void> => {
      for (;;) {
        if (!deps.hasTime()) {
          outOfTime = true;
          return;
        }
        const processId = queue.shift();
        if (processId === undefined) {
          return;
        }
        try {
          await removeProcess(processId, deps, { release: false });
          removed.push(processId);
        } catch (error) {
          failed.set(processId, describeFailure(error));
        }
      }
    };
    await Promise.all(
      Array.from({ length: TeardownDefaults.concurrency }, worker)
    );
  }
  const left = await provisionedProcessIds(deps);
  return {
    removed,
    failed: [...failed].map(([processId, reason]) => ({ processId, reason })),
    remaining: left.filter((processId) => !failed.has(processId)),
  };
};

export { tearDownPlatform };

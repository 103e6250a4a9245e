import type { ProcessStatus } from '../store/types.js';
import type {
  ActualProcessState,
  DesiredBinding,
  ProvisionerDependencies,
} from './types.js';

/**
 * What exists for one process: its ESMs (by tag), the binding records of
 * the bindings it asks for, lists or has ESMs of, and their aliases.
 *
 * @param processId - the process
 * @param desired - the bindings it asks for
 * @param previous - its status item
 * @param deps - the ports
 */
const readActual = async (
  processId: string,
  desired: readonly DesiredBinding[],
  previous: ProcessStatus | undefined,
  deps: ProvisionerDependencies
): Promise<ActualProcessState> => {
  const esms = await deps.mappings.listProcessEsms(processId);
  const statusIds =
    previous?.bindings.map((binding) => binding.bindingId) ?? [];
  const candidates = new Set<string>([
    ...desired.map((item) => item.plan.bindingId),
    ...statusIds,
    ...esms.flatMap((esm) =>
      esm.bindingId === undefined ? [] : [esm.bindingId]
    ),
  ]);
  const records = [];
  for (const id of candidates) {
    const record = await deps.store.getBinding(id);
    if (record !== undefined && record.processId === processId) {
      records.push(record);
    }
  }
  const aliasNames = await deps.mappings.listAliasNames();
  const owned = new Set([
    ...records.flatMap((record) =>
      record.aliasName === undefined ? [] : [record.aliasName]
    ),
    ...candidates,
  ]);
  return {
    records,
    esms,
    aliases: [...owned].filter((name) => aliasNames.has(name)),
    statusBindingIds: statusIds,
  };
};

export { readActual };

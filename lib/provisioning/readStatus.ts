import type { ProcessStatus, StatusBinding } from '../store/types.js';
import type {
  BindingStatusView,
  LiveEsm,
  ProcessStatusView,
  StatusReport,
  StatusSource,
} from './types.js';

const withLive = (binding: StatusBinding, live: LiveEsm): BindingStatusView => {
  switch (live.kind) {
    case 'missing':
      return {
        ...binding,
        readError: 'the event source mapping does not exist',
      };
    case 'unreadable':
      return { ...binding, readError: live.reason };
    case 'found':
      return {
        ...binding,
        ...(live.state === undefined ? {} : { liveState: live.state }),
        ...(live.lastProcessingResult === undefined
          ? {}
          : { lastProcessingResult: live.lastProcessingResult }),
        ...(live.stateTransitionReason === undefined
          ? {}
          : { stateTransitionReason: live.stateTransitionReason }),
      };
  }
};

const withLiveBindings = async (
  source: StatusSource,
  status: ProcessStatus
): Promise<ProcessStatusView> => ({
  ...status,
  bindings: await Promise.all(
    status.bindings.map(async (binding) =>
      binding.esmUuid === undefined
        ? binding
        : withLive(binding, await source.readEsm(binding.esmUuid))
    )
  ),
});

/**
 * Reads the status records the provisioner wrote and, for each binding, the
 * live state of its ESM (State, LastProcessingResult); processes and files
 * sorted by id.
 *
 * @param source - the status items and live ESMs (lib/aws `awsStatusSource`)
 * @param processId - one process; all processes (and unreadable files) when absent
 * @example
 * ```ts
 * const report = await readStatus(awsStatusSource({ tableName }));
 * console.log(formatStatus(report));
 * ```
 */
const readStatus = async (
  source: StatusSource,
  processId?: string
): Promise<StatusReport> => {
  const records = await source.readRecords(processId);
  const statuses = [...records.statuses].sort((a, b) =>
    a.processId.localeCompare(b.processId)
  );
  const failedSources = [...records.failedSources].sort((a, b) =>
    a.sourceKey.localeCompare(b.sourceKey)
  );
  return {
    processes: await Promise.all(
      statuses.map((status) => withLiveBindings(source, status))
    ),
    failedSources,
  };
};

export { readStatus };

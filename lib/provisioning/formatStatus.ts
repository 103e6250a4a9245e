import type { Problem } from '../bpmn/types.js';
import { escapeTerminal as shown } from '../text/index.js';
import { describeVersion } from '../versions/index.js';
import type { ProcessVersion } from '../versions/types.js';
import type {
  BindingStatusView,
  ProcessStatusView,
  SourceRecord,
  StatusReport,
} from './types.js';

const problemLine = (kind: string, problem: Problem): string => {
  const where = [problem.elementId, problem.property]
    .filter((part) => part !== undefined)
    .join(' / ');
  return `    ${kind}${where === '' ? '' : ` [${shown(where)}]`}: ${shown(problem.message)}`;
};

const bindingLines = (binding: BindingStatusView): string[] => {
  const state = binding.liveState ?? binding.esmState ?? 'unknown';
  const lines = [
    `    binding ${shown(binding.bindingId)} (revision ${shown(binding.revision)}${
      binding.topic === undefined ? '' : `, topic ${shown(binding.topic)}`
    })`,
    `      ESM ${shown(binding.esmUuid ?? '(none)')}: ${shown(state)}${
      binding.lastProcessingResult === undefined
        ? ''
        : `, last processing result: ${shown(binding.lastProcessingResult)}`
    }`,
  ];
  if (binding.stateTransitionReason !== undefined) {
    lines.push(`      state reason: ${shown(binding.stateTransitionReason)}`);
  }
  if (binding.readError !== undefined) {
    lines.push(`      could not read the ESM: ${shown(binding.readError)}`);
  }
  if (binding.note !== undefined) {
    lines.push(`      note: ${shown(binding.note)}`);
  }
  return lines;
};

const versionLine = (version: ProcessVersion): string =>
  `    ${version.version === undefined ? 'version' : `version ${version.version}`} (key ${shown(version.processDefinitionKey)}): ${shown(describeVersion(version))}; ${
    version.bindingIds.length === 0
      ? 'no bindings'
      : `bindings ${shown(version.bindingIds.join(', '))}`
  }`;

const processLines = (process: ProcessStatusView): string[] => [
  `${shown(process.processId)}: ${process.state.toUpperCase()}`,
  process.owner === 'camunda'
    ? `  deployed in Camunda (discovered), definition ${shown(process.sourceVersion)}, updated ${shown(process.updatedAt)}`
    : `  file ${shown(process.sourceKey)} (version ${shown(process.sourceVersion)}), updated ${shown(process.updatedAt)}`,
  ...(process.appliedVersion === undefined
    ? []
    : [
        `  deployed bindings are from version ${shown(process.appliedVersion)}; this version was not applied`,
      ]),
  ...(process.deploymentKey === undefined
    ? []
    : [
        `  Camunda deployment ${shown(process.deploymentKey)}${
          process.processDefinitionKey === undefined
            ? ''
            : `, process definition key ${shown(process.processDefinitionKey)}`
        }`,
      ]),
  ...(process.versions === undefined || process.versions.length === 0
    ? []
    : ['  active versions:', ...process.versions.map(versionLine)]),
  ...(process.bindings.length === 0 ? ['  no Kafka bindings'] : []),
  ...process.bindings.flatMap(bindingLines),
  ...process.errors.map((problem) => problemLine('error', problem)),
  ...process.warnings.map((problem) => problemLine('warning', problem)),
];

const sourceLines = (source: SourceRecord): string[] => [
  `${shown(source.sourceKey)}: ERRORS (nothing is provisioned from this file)`,
  ...(source.errors ?? []).map((problem) => problemLine('error', problem)),
];

/**
 * The text `kafka-inbound status` prints (every name and message escaped
 * for the terminal: they come from uploaded files and S3 keys): one block
 * per process (state, file or discovered deployment, Camunda deployment,
 * each active version and why it is active, each binding's ESM with its
 * live state and last
 * processing result, errors and warnings), then unreadable files.
 *
 * @param report - what `readStatus` returned
 */
const formatStatus = (report: StatusReport): string => {
  if (report.processes.length === 0 && report.failedSources.length === 0) {
    return 'No processes are provisioned.';
  }
  return [
    ...report.processes.map((process) => processLines(process).join('\n')),
    ...report.failedSources.map((source) => sourceLines(source).join('\n')),
  ].join('\n\n');
};

export { formatStatus };

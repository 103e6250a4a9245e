import { checkSoakTargets, runLabel } from './checkSoakTargets.js';
import type { SoakReport, SoakRunReport } from './types.js';

type Cell = string | number;

/** One line of the table: its label and how to read a run's cell. */
type Row = readonly [label: string, pick: (run: SoakRunReport) => Cell];

const LABEL_WIDTH = 40;
const COLUMN_WIDTH = 12;

const ROWS: readonly Row[] = [
  ['records', (r) => r.records],
  ['  poison records', (r) => r.poisonRecords],
  ['faults: 503 RESOURCE_EXHAUSTED', (r) => r.faults.unavailable503],
  ['  timeout before processing', (r) => r.faults.timeoutBeforeProcessing],
  ['  timeout after processing', (r) => r.faults.timeoutAfterProcessing],
  ['  connection reset', (r) => r.faults.connectionReset],
  ['  poison 400', (r) => r.faults.poison400],
  ['invocations', (r) => r.invocations],
  ['  killed mid-batch', (r) => r.killedInvocations],
  ['Camunda requests', (r) => r.camundaRequests],
  ['  client timeouts (injected + slow)', (r) => r.clientTimeouts],
  [
    '  409 already exists (dedup at Camunda)',
    (r) => r.rejectedAsAlreadyExisting,
  ],
  ['process instances created', (r) => r.instancesCreated],
  ['messages published', (r) => r.messagesPublished],
  ['duplicates', (r) => r.duplicates],
  [
    '  after injected timeout (processed)',
    (r) => r.duplicatesFromAmbiguousTimeout,
  ],
  ['  after answer lost with a kill', (r) => r.duplicatesFromKill],
  ['  after answer slower than timeout', (r) => r.duplicatesFromSlowAnswer],
  ['  unexplained', (r) => r.duplicatesUnexplained],
  ['lost records', (r) => r.lost],
  ['uncommitted at the end', (r) => r.uncommitted],
  ['dead-lettered records', (r) => r.deadLetters.records],
  ['  poison records not dead-lettered', (r) => r.deadLetters.poisonMissing],
  ['  other records dead-lettered', (r) => r.deadLetters.notPoison],
  ['  letters sent', (r) => r.deadLetters.sent],
  ['  letters naming their reason', (r) => r.deadLetters.withReason],
  [
    '  repeated after a killed invocation',
    (r) => r.deadLetters.repeatedAfterKill,
  ],
  ['  repeated on redelivery', (r) => r.deadLetters.repeatedOnRedelivery],
  [
    'order violations per partition',
    (r) =>
      r.mode === 'key'
        ? `(${r.orderViolationsByPartition})`
        : r.orderViolationsByPartition,
  ],
  ['order violations per key', (r) => r.orderViolationsByKey],
  ['committed-offset regressions', (r) => r.commitRegressions],
  ['invalid batch responses', (r) => r.invalidResponses],
  [
    'function timeouts',
    (r) => (r.profile === 'slow-camunda' ? r.functionTimeouts : '-'),
  ],
  ['deadline stops (partitions)', (r) => r.deadlineStops],
  ['partitions in responses', (r) => r.partitionResponses],
  [
    '  without progress',
    (r) =>
      r.profile === 'slow-camunda'
        ? r.partitionsWithoutProgress
        : `(${r.partitionsWithoutProgress})`,
  ],
  [
    'virtual time (s)',
    (r) =>
      r.virtualTimeMs === undefined ? '-' : (r.virtualTimeMs / 1000).toFixed(1),
  ],
  ['wall time (s)', (r) => (r.wallTimeMs / 1000).toFixed(1)],
  ['targets met', (r) => yesNo(checkSoakTargets(r).missed.length === 0)],
];

const percent = (share: number): string =>
  `${Number((share * 100).toFixed(2))}%`;

const yesNo = (value: boolean): string => (value ? 'yes' : 'NO');

const line = (label: string, cells: readonly Cell[]): string =>
  label.padEnd(LABEL_WIDTH) +
  cells.map((cell) => String(cell).padStart(COLUMN_WIDTH)).join('');

const pathLabel = (run: SoakRunReport): string =>
  run.path === 'publish'
    ? 'publish'
    : run.businessId
      ? 'create+bid'
      : 'create-bid';

/**
 * The soak's figures as a fixed-width table, one column per run, after the
 * settings and followed by each run's missed targets and notes.
 *
 * @param report - What `runSoak` returned.
 */
const formatSoakReport = (report: SoakReport): string => {
  const { runs, settings } = report;
  const rates = settings.rates;
  const verdicts = runs.map(checkSoakTargets);
  const timing = settings.timing;
  const lines = [
    `${timing === undefined ? 'Fault soak' : 'Slow-Camunda soak'}: ${settings.records} records, ${settings.partitions} partitions, ${settings.keys} keys, seed ${settings.seed}`,
    ...(timing === undefined
      ? []
      : [
          `Camunda: every call answered in ${timing.latencyMs} ms ± ${timing.jitterMs} ms; function timeout ${timing.functionTimeoutMs / 1000} s; a record starts only with ${settings.requestTimeoutMs} ms (request timeout) + ${timing.deadlineMarginMs} ms (margin) left`,
          'Virtual time: the latency, the timeout and the remaining time are what the batch processor sees; work between them takes no virtual time',
        ]),
    `Faults: per request ${percent(rates.unavailable)} 503, ${percent(rates.timeout)} timeouts (half after processing), ${percent(rates.reset)} resets; ${percent(rates.poison)} poison records (400 every time); ${percent(rates.kill)} of invocations killed mid-batch`,
    `ESM: ${settings.pollers} pollers, batch ${settings.batchSize} (partition mode) / ${settings.keyBatchSize} (key mode), ${settings.keyConcurrency} keys at once; client timeout ${settings.requestTimeoutMs} ms`,
    '',
    line(
      '',
      runs.map((r) => r.mode)
    ),
    line('', runs.map(pathLabel)),
    ...ROWS.map(([label, pick]) => line(label, runs.map(pick))),
    '',
    '(n): key mode runs the keys of a partition concurrently; per-partition order is not a target there.',
    timing === undefined
      ? '(n) without progress: retried first records (faults); a target of the slow-camunda profile only.'
      : 'without progress: partitions of invocations that returned (killed ones commit nothing by design).',
    'bid: business id (Camunda 8.9+) sent and enforced.',
  ];
  for (const [index, run] of runs.entries()) {
    const verdict = verdicts[index];
    if (verdict === undefined) continue;
    for (const missed of verdict.missed) {
      lines.push(`${runLabel(run)}: MISSED: ${missed}`);
    }
    for (const note of verdict.notes) lines.push(`${runLabel(run)}: ${note}`);
  }
  lines.push(
    `All targets met: ${yesNo(verdicts.every((v) => v.missed.length === 0))}; wall time ${(report.wallTimeMs / 1000).toFixed(1)} s`
  );
  return lines.join('\n');
};

export { formatSoakReport };

import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Binding } from '../binding/types.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
  fitDeadLetter,
  MAX_DEAD_LETTER_BYTES,
  serializeDeadLetter,
} from '../consumer/index.js';
import type {
  BatchProcessor,
  DeadLetter,
  DeadLetterSink,
} from '../consumer/types.js';
import type { KafkaEvent, KafkaEventRecord } from '../kafka/types.js';
import { createLocalSchemaRegistry } from '../local/createLocalSchemaRegistry.js';
import {
  DEFAULT_CONSUMER_TIMEOUT_SECONDS,
  readPlatformDefaults,
} from '../platform/index.js';
import { eventOfRecord, trackRecordOutcomes } from '../redrive/index.js';
import type { RecordOutcome, RedriveResult } from '../redrive/types.js';
import { escapeTerminal } from '../text/index.js';
import { commandCamunda } from './commandCamunda.js';
import { EXIT_CODES } from './constants.js';
import { CliUsageError } from './errors.js';
import { formatOutcome } from './formatOutcome.js';
import type { CliIo } from './io.js';
import { loadBpmnBindings } from './loadBpmnBindings.js';
import { deployedFromEnv } from './platform.js';
import { readInputFile } from './readInputFile.js';
import type { CommandSpec, ParsedArgs } from './types.js';

/** A record's line: its outcome, or why it was not run. */
type ReplayLine = Pick<RecordOutcome, 'topic' | 'partition' | 'offset'> & {
  readonly where?: string;
  readonly outcome: RedriveResult['outcome'];
  readonly action?: RecordOutcome['action'];
  readonly elementId?: string;
  readonly detail?: string;
};

/** What the ESM would commit. */
const COMMITTED = new Set(['done', 'notActivated', 'skippedBelowOffset']);

const topicsOf = (event: KafkaEvent): Set<string> =>
  new Set(
    Object.values(event.records).flatMap((records) =>
      records.map((record) => record.topic)
    )
  );

/** The binding an event belongs to: by --binding, else by topic. */
const chooseBinding = (
  event: KafkaEvent,
  bindings: readonly Binding[],
  wanted: string | undefined
): Binding => {
  if (wanted !== undefined) {
    const binding = bindings.find((candidate) => candidate.id === wanted);
    if (binding === undefined) {
      throw new CliUsageError(
        `no binding '${wanted}' in the BPMN files (they have: ${bindings.map((b) => b.id).join(', ') || 'none'})`
      );
    }
    return binding;
  }
  const topics = topicsOf(event);
  const matching = bindings.filter((binding) =>
    topics.has(binding.kafka.topic)
  );
  if (matching.length === 1 && matching[0] !== undefined) {
    return matching[0];
  }
  const names = [...topics].join(', ') || '(no records)';
  if (matching.length === 0) {
    throw new CliUsageError(
      `no binding of the BPMN files reads topic ${names}`,
      {
        hint: 'give the BPMN file that reads it with --bpmn, or choose a binding with --binding <id> (kafka-inbound validate lists them)',
      }
    );
  }
  throw new CliUsageError(
    `several bindings read topic ${names} (${matching.map((b) => b.id).join(', ')})`,
    { hint: 'choose one with --binding <id>' }
  );
};

/** Appends dead letters to a JSON-lines file, or counts them for the report. */
const replayDeadLetterSink = (file: string | undefined): DeadLetterSink => ({
  send: async (letters: readonly DeadLetter[]) => {
    if (file === undefined) return;
    // Fitted and written like every other sink's letters.
    await appendFile(
      file,
      letters
        .map(
          (letter) =>
            `${serializeDeadLetter(fitDeadLetter(letter, MAX_DEAD_LETTER_BYTES))}\n`
        )
        .join('')
    );
  },
});

const recordsOf = (event: KafkaEvent): KafkaEventRecord[] =>
  Object.values(event.records).flat();

interface ReplayOptions {
  /** Stops the replay when aborted; default: SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
}

/** Calls `onStop` at the first stop request; returns the cleanup. */
const onStopRequest = (
  signal: AbortSignal | undefined,
  onStop: () => void
): (() => void) => {
  if (signal !== undefined) {
    if (signal.aborted) onStop();
    signal.addEventListener('abort', onStop, { once: true });
    return () => signal.removeEventListener('abort', onStop);
  }
  // The first Ctrl-C stops starting records; with the listeners gone, a
  // second one ends the process at once.
  const once = (): void => {
    cleanup();
    onStop();
  };
  const cleanup = (): void => {
    process.off('SIGINT', once);
    process.off('SIGTERM', once);
  };
  process.once('SIGINT', once);
  process.once('SIGTERM', once);
  return cleanup;
};

const timeoutSeconds = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_CONSUMER_TIMEOUT_SECONDS;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliUsageError(
      `--timeout-s must be a positive number of seconds, got '${text}'`
    );
  }
  return value;
};

/**
 * `kafka-inbound replay --bpmn <file|dir>... --events <file> [--binding
 * <id>] [--dead-letter <file.jsonl>] [--timeout-s <n>] [--dry-run]
 * [--json]`: one line per record with its outcome, then a summary; exit
 * code 1 when a record was not done (dead-lettered, to retry, not
 * attempted, not replayable). Each event (or dead letter) runs as a
 * consumer invocation with the function's timeout (default the
 * construct's, 120 s): records start only while one call's worth is left,
 * as in Lambda. Ctrl-C (or `options.signal`) ends the budget: the event in
 * flight starts no new record and answers, later ones are not replayed
 * (exit code 130).
 */
const runReplay = async (
  args: ParsedArgs,
  io: CliIo,
  options: ReplayOptions = {}
): Promise<number> => {
  const json = args.flag('json');
  const dryRun = args.flag('dry-run');
  const budgetMs = timeoutSeconds(args.text('timeout-s')) * 1000;
  const eventsFile = args.text('events') ?? '';
  const deadLetterFile = args.text('dead-letter');
  const wanted = args.text('binding');
  const loaded = await loadBpmnBindings(args.texts('bpmn'), io.cwd);
  for (const error of loaded.errors) {
    io.err(escapeTerminal(error));
  }
  if (loaded.errors.length > 0 && loaded.bindings.length === 0) {
    if (json) {
      io.out(
        JSON.stringify({ type: 'summary', ok: false, errors: loaded.errors })
      );
    }
    return EXIT_CODES.notDone;
  }
  const bindings = loaded.bindings.map(({ binding }) => binding);
  const items = await readInputFile(eventsFile, io.cwd);
  const print = (line: ReplayLine): void => {
    if (json) {
      io.out(JSON.stringify({ type: 'record', ...line }));
      return;
    }
    io.out(
      escapeTerminal(
        `${line.topic}-${line.partition}@${line.offset}${line.where === undefined ? '' : ` (${line.where})`} ${formatOutcome(line)}`
      )
    );
  };
  const camunda = commandCamunda(io, { dryRun, json });
  let tracker = trackRecordOutcomes();
  const deps = {
    camunda,
    deadLetters: replayDeadLetterSink(
      deadLetterFile === undefined ? undefined : resolve(io.cwd, deadLetterFile)
    ),
    idempotency: createMemoryIdempotency(),
    observer: { onRecord: (event) => tracker.observer.onRecord(event) },
    deadlineMarginMs: readPlatformDefaults(io.env).deadlineMarginMs,
  } satisfies Parameters<typeof createBatchProcessor>[1];
  const processors = new Map<string, BatchProcessor>();
  const processorOf = (binding: Binding): BatchProcessor => {
    let processor = processors.get(binding.id);
    if (processor === undefined) {
      // Replay answers like a provisioned-mode ESM: with the partial
      // response. Records reach replay as Kafka holds them (or as an ESM
      // delivered them): the registry, when the binding has one, is asked
      // directly.
      const schemaRegistry = createLocalSchemaRegistry(binding, io.env);
      processor = createBatchProcessor(
        deployedFromEnv(binding, io.env, 'provisioned'),
        schemaRegistry === undefined ? deps : { ...deps, schemaRegistry }
      );
      processors.set(binding.id, processor);
    }
    return processor;
  };
  const lines: ReplayLine[] = [];
  const run = async (
    binding: Binding,
    event: KafkaEvent,
    where?: string
  ): Promise<void> => {
    tracker = trackRecordOutcomes();
    // The invocation's deadline, as the consumer Lambda's; a stop ends it.
    const deadline = Date.now() + budgetMs;
    await processorOf(binding).process(event, {
      remainingTimeMs: () => (stopped ? 0 : deadline - Date.now()),
    });
    for (const record of recordsOf(event)) {
      const line = {
        ...tracker.of(record),
        ...(where === undefined ? {} : { where }),
      };
      lines.push(line);
      print(line);
    }
  };
  const replayItem = async (
    item: Awaited<ReturnType<typeof readInputFile>>[number]
  ): Promise<void> => {
    if (item.kind === 'event') {
      await run(chooseBinding(item.event, bindings, wanted), item.event);
      return;
    }
    const { letter } = item.stored;
    const at = {
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
      where: item.where,
    };
    const binding = bindings.find(
      (candidate) => candidate.id === (wanted ?? letter.bindingId)
    );
    if (binding === undefined) {
      const line: ReplayLine = {
        ...at,
        outcome: 'unknownBinding',
        detail: loaded.brokenProcesses.has(letter.processId)
          ? `the BPMN file of process ${letter.processId} has errors (above)`
          : `no binding ${letter.bindingId} (process ${letter.processId}) in the BPMN files given with --bpmn`,
      };
      lines.push(line);
      print(line);
      return;
    }
    if (item.stored.omitted.length > 0) {
      const line: ReplayLine = {
        ...at,
        outcome: 'notRedrivable',
        detail: `the letter holds no record ${item.stored.omitted.join(', ')} (left out to fit its sink); kafka-inbound redrive reads it again from Kafka`,
      };
      lines.push(line);
      print(line);
      return;
    }
    await run(
      binding,
      eventOfRecord(
        letter.record,
        item.stored.cluster,
        binding.kafka.bootstrapServers
      ),
      item.where
    );
  };
  let stopped = false;
  const cleanup = onStopRequest(options.signal, () => {
    stopped = true;
  });
  try {
    for (const [index, item] of items.entries()) {
      if (stopped) {
        io.err(
          `replay stopped: ${items.length - index} of ${items.length} event(s) not replayed`
        );
        break;
      }
      await replayItem(item);
    }
  } finally {
    cleanup();
  }

  const count = (outcome: string): number =>
    lines.filter((line) => line.outcome === outcome).length;
  const ok =
    loaded.errors.length === 0 &&
    lines.every((line) => COMMITTED.has(line.outcome));
  const counts = {
    done: count('done'),
    notActivated: count('notActivated'),
    skippedBelowOffset: count('skippedBelowOffset'),
    deadLettered: count('deadLettered'),
    retry: count('retry'),
    notAttempted: count('notAttempted'),
    notReplayable: count('notRedrivable') + count('unknownBinding'),
  };
  if (json) {
    io.out(
      JSON.stringify({
        type: 'summary',
        ok,
        dryRun,
        records: lines.length,
        ...counts,
        ...(deadLetterFile === undefined ? {} : { deadLetterFile }),
      })
    );
  } else {
    const parts = [
      `${counts.done} done`,
      `${counts.notActivated} not activated`,
      `${counts.skippedBelowOffset} skipped below offset`,
      `${counts.deadLettered} dead-lettered${counts.deadLettered > 0 ? (deadLetterFile === undefined ? ' (not written: --dead-letter <file.jsonl> keeps them)' : ` (→ ${deadLetterFile})`) : ''}`,
      `${counts.retry} to retry`,
      `${counts.notAttempted} not attempted`,
      ...(counts.notReplayable > 0
        ? [`${counts.notReplayable} not replayable`]
        : []),
    ];
    io.out(
      `replay${dryRun ? ' (dry run: nothing sent)' : ''}: ${lines.length} record(s): ${parts.join(', ')}`
    );
  }
  if (stopped) return EXIT_CODES.interrupted;
  return ok ? EXIT_CODES.ok : EXIT_CODES.notDone;
};

const replayCommand: CommandSpec = {
  name: 'replay',
  summary:
    'Runs recorded records through the consumer’s batch algorithm against Camunda (CAMUNDA_REST_ADDRESS and CAMUNDA_AUTH_STRATEGY with its variables, as for npm start), and prints one line per record: done, not activated, skipped below offset, dead-lettered with its reason, retry with its reason, or not attempted. The input is left as it is (kafka-inbound redrive removes dead letters that are done).',
  options: [
    {
      name: 'bpmn',
      type: 'string',
      value: '<file|dir>',
      multiple: true,
      required: true,
      description:
        'the BPMN file(s) whose bindings run the records; a folder means every .bpmn in it',
    },
    {
      name: 'events',
      type: 'string',
      value: '<file>',
      required: true,
      description:
        'one ESM event, a JSON array or JSON lines of them, or dead letters (JSON lines, as npm start writes them)',
    },
    {
      name: 'binding',
      type: 'string',
      value: '<id>',
      description:
        'the binding to use (default: the one whose topic the records carry; for a dead letter, its binding)',
    },
    {
      name: 'dead-letter',
      type: 'string',
      value: '<file.jsonl>',
      description: 'append records dead-lettered again to this file',
    },
    {
      name: 'timeout-s',
      type: 'string',
      value: '<n>',
      description:
        'the function timeout to emulate, in seconds (default 120, the stack’s): records start only while one Camunda call’s worth is left, as in Lambda',
    },
    {
      name: 'dry-run',
      type: 'boolean',
      description: 'send nothing: print each request Camunda would get',
    },
    {
      name: 'json',
      type: 'boolean',
      description:
        'JSON lines: {"type":"record",…} per record, {"type":"request",…} per dry-run request, then {"type":"summary","ok",…}',
    },
  ],
  details: [
    'Example: kafka-inbound replay --bpmn examples/payment-process.bpmn --events examples/events/payments.json --dry-run',
    'Ctrl-C stops starting records: the event in flight answers, later ones are not replayed (exit code 130); a second Ctrl-C ends the process at once.',
    'Exit code 1 when a record was not done (dead-lettered, to retry, not attempted, not replayable) or a BPMN file has errors.',
  ],
  run: runReplay,
};

export type { ReplayOptions };
export { replayCommand, runReplay };

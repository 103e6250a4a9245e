import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { awsRedriveAdapters } from '../aws/index.js';
import { createMemoryIdempotency } from '../consumer/index.js';
import type { IdempotencyPort } from '../consumer/types.js';
import {
  chooseProcessesDir,
  createFileDeadLetterSource,
  createKafkaRecordFetcher,
  createLocalLogger,
  createLocalSchemaRegistry,
  createRedriveJournal,
  LocalDefaults,
} from '../local/index.js';
import { readPlatformDefaults } from '../platform/index.js';
import { redriveDeadLetters } from '../redrive/index.js';
import type {
  BindingLookup,
  DeadLetterSource,
  RedriveResult,
} from '../redrive/types.js';
import { commandCamunda } from './commandCamunda.js';
import { EXIT_CODES } from './constants.js';
import { CliInputError, CliUsageError } from './errors.js';
import { formatOutcome } from './formatOutcome.js';
import type { CliIo } from './io.js';
import { loadBpmnBindings } from './loadBpmnBindings.js';
import { deployedFromEnv } from './platform.js';
import { readCliEnv } from './readCliEnv.js';
import { toAwsCliError } from './toAwsCliError.js';
import type { CommandSpec, ParsedArgs } from './types.js';

/** Bindings from BPMN files: each letter's binding id, current revision. */
const bpmnLookup = async (
  paths: readonly string[],
  io: CliIo,
  note: (line: string) => void
): Promise<BindingLookup> => {
  const loaded = await loadBpmnBindings(paths, io.cwd);
  for (const error of loaded.errors) io.err(error);
  const byId = new Map(
    loaded.bindings.map(({ binding }) => [binding.id, binding])
  );
  note(
    `bindings from ${paths.join(', ')}: ${[...byId.keys()].join(', ') || 'none'}`
  );
  return async (bindingId, processId) => {
    const binding = byId.get(bindingId);
    if (binding !== undefined) {
      return {
        kind: 'found',
        deployed: deployedFromEnv(binding, io.env, 'provisioned'),
      };
    }
    if (loaded.brokenProcesses.has(processId)) {
      return {
        kind: 'unknown',
        reason: `the BPMN file of process ${processId} has errors (above): fix it, then run redrive again`,
      };
    }
    const sameProcess = loaded.bindings
      .filter(({ binding: candidate }) => candidate.processId === processId)
      .map(({ binding: candidate }) => candidate.id);
    return {
      kind: 'unknown',
      reason:
        sameProcess.length > 0
          ? `no binding ${bindingId} in process ${processId} any more (it has ${sameProcess.join(', ')}: was the element renamed?)`
          : `no binding ${bindingId} (process ${processId}) in ${paths.join(', ')}: give its BPMN file with --bpmn`,
    };
  };
};

/** Ctrl-C (or SIGTERM) stops the run between two letters. */
const stopOnSignals = (): { signal: AbortSignal; dispose: () => void } => {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
};

/**
 * `kafka-inbound redrive [--dead-letter <file.jsonl> | --queue <url>]
 * [--bpmn <file|dir>... | --table <name>] …`: runs each dead letter again
 * and removes it when it is done. Exit code 0 when every letter was done
 * (or there were none), 1 when letters were kept, 130 when interrupted
 * (Ctrl-C, SIGTERM or `options.signal`: the letter in flight finishes).
 */
interface RedriveOptions {
  /** Stops the run between two letters when aborted; default: SIGINT or SIGTERM. */
  readonly signal?: AbortSignal;
}

const runRedrive = async (
  args: ParsedArgs,
  io: CliIo,
  options: RedriveOptions = {}
): Promise<number> => {
  const json = args.flag('json');
  const dryRun = args.flag('dry-run');
  const queueUrl = args.text('queue');
  const givenFile = args.text('dead-letter');
  if (queueUrl !== undefined && givenFile !== undefined) {
    throw new CliUsageError('give either --queue or --dead-letter, not both');
  }
  const bpmn = args.texts('bpmn');
  const read = readCliEnv(io.env);
  const bindingTable = args.text('table') ?? read.text('BINDING_TABLE_NAME');
  const idempotencyTable =
    args.text('idempotency-table') ?? read.text('IDEMPOTENCY_TABLE_NAME');
  const region = args.text('region') ?? read.text('AWS_REGION');
  const profile = read.text('AWS_PROFILE');
  const limitText = args.text('limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new CliUsageError(
      `--limit takes a whole number ≥ 1, not '${limitText}'`
    );
  }
  const note = (line: string): void => {
    if (!json) io.err(line);
  };
  const log = createLocalLogger(io, read.text('LOG_LEVEL') ?? 'warn');

  // Where the bindings come from: BPMN files, the binding store, or (for
  // the local file) the folder npm start reads.
  const useStore = bpmn.length === 0 && bindingTable !== undefined;
  if (queueUrl !== undefined && bpmn.length === 0 && !useStore) {
    throw new CliUsageError(
      'redrive from the queue needs the bindings: --table <BindingTableName> (or BINDING_TABLE_NAME), or --bpmn <file|dir>'
    );
  }
  if (queueUrl !== undefined && idempotencyTable === undefined && !dryRun) {
    throw new CliUsageError(
      'redrive from the queue needs the consumer’s idempotency table: --idempotency-table <IdempotencyTableName> (or IDEMPOTENCY_TABLE_NAME)',
      {
        hint: 'it is the stack output IdempotencyTableName; it makes a second run create nothing twice (use --dry-run to look first)',
      }
    );
  }
  const aws = awsRedriveAdapters({
    ...(region === undefined ? {} : { region }),
    ...(queueUrl === undefined ? {} : { queueUrl }),
    ...(useStore ? { bindingTableName: bindingTable } : {}),
    ...(idempotencyTable === undefined || dryRun
      ? {}
      : { idempotencyTableName: idempotencyTable }),
    defaults: readPlatformDefaults(io.env),
  });
  const file =
    queueUrl === undefined
      ? resolve(io.cwd, givenFile ?? LocalDefaults.deadLetterFile)
      : undefined;
  if (file !== undefined && !existsSync(file)) {
    aws.close();
    if (givenFile !== undefined) {
      throw new CliInputError(givenFile, 'no such dead-letter file', {
        hint: 'npm start writes its dead letters to .kafka-inbound/dead-letters.jsonl (or where --dead-letter told it)',
      });
    }
    if (json) {
      io.out(
        JSON.stringify({
          type: 'summary',
          ok: true,
          letters: 0,
          removed: 0,
          kept: 0,
        })
      );
    } else {
      io.out(`redrive: no dead letters (${file} does not exist)`);
    }
    return EXIT_CODES.ok;
  }
  const fetcher = createKafkaRecordFetcher(io.env, log);
  const stop =
    options.signal === undefined
      ? stopOnSignals()
      : { signal: options.signal, dispose: () => undefined };
  let journal: Awaited<ReturnType<typeof createRedriveJournal>> | undefined;
  try {
    const source: DeadLetterSource =
      aws.source ?? (await createFileDeadLetterSource(file ?? ''));
    const lookup: BindingLookup =
      aws.lookup ??
      (await bpmnLookup(
        bpmn.length > 0 ? bpmn : [chooseProcessesDir(undefined, io.cwd)],
        io,
        note
      ));
    let idempotency: IdempotencyPort;
    if (dryRun) {
      idempotency = createMemoryIdempotency();
    } else if (aws.idempotency !== undefined) {
      idempotency = aws.idempotency;
    } else {
      const journalFile = resolve(
        io.cwd,
        args.text('journal') ??
          join(dirname(file ?? io.cwd), 'redrive-journal.jsonl')
      );
      journal = await createRedriveJournal(journalFile, {
        retryInDoubt: args.flag('retry-in-doubt'),
      });
      idempotency = journal;
      note(`redrive journal: ${journalFile}`);
    }
    const camunda = commandCamunda(io, { dryRun, json });
    note(
      `redriving dead letters from ${source.name}${dryRun ? ' (dry run: nothing is sent or removed)' : ''}`
    );
    const print = (result: RedriveResult): void => {
      if (json) {
        io.out(JSON.stringify({ type: 'letter', dryRun, ...result }));
        return;
      }
      const where =
        result.topic === undefined
          ? result.where
          : `${result.where} ${result.topic}-${result.partition}@${result.offset}${result.processId === undefined ? '' : ` (${result.processId})`}`;
      const disposition =
        result.disposition === 'removed'
          ? dryRun
            ? 'would be removed'
            : 'removed'
          : dryRun
            ? 'would stay'
            : result.outcome === 'deadLettered'
              ? 'kept with its new reason'
              : 'kept';
      io.out(`${where} ${formatOutcome(result)} → ${disposition}`);
    };
    const summary = await redriveDeadLetters({
      source,
      lookup,
      camunda,
      idempotency,
      fetchRecord: fetcher.fetch,
      schemaRegistry: (deployed) =>
        createLocalSchemaRegistry(deployed.binding, io.env),
      dryRun,
      onResult: print,
      signal: stop.signal,
      ...(limit === undefined ? {} : { limit }),
    });
    const ok = summary.kept === 0 && !summary.interrupted;
    if (json) {
      io.out(
        JSON.stringify({
          type: 'summary',
          ok,
          dryRun,
          letters: summary.results.length,
          removed: summary.removed,
          kept: summary.kept,
          interrupted: summary.interrupted,
        })
      );
    } else {
      io.out(
        `redrive${dryRun ? ' (dry run)' : ''}: ${summary.results.length} letter(s): ${summary.removed} ${dryRun ? 'would be removed' : 'done and removed'}, ${summary.kept} ${dryRun ? 'would stay' : 'kept'}${summary.interrupted ? '; interrupted: run it again to finish' : ''}`
      );
      if (summary.kept > 0 && !dryRun) {
        io.out(
          '  the letters kept say why above; fix the cause (deploy the process, correct the BPMN, start Camunda) and run redrive again'
        );
      }
    }
    if (summary.interrupted) return EXIT_CODES.interrupted;
    return ok ? EXIT_CODES.ok : EXIT_CODES.notDone;
  } catch (error) {
    throw (
      toAwsCliError(error, {
        ...(region === undefined ? {} : { region }),
        ...(profile === undefined ? {} : { profile }),
        resource:
          queueUrl === undefined
            ? `the binding table ${bindingTable ?? ''}`
            : `the dead-letter queue ${queueUrl}`,
        resourceOption:
          queueUrl === undefined
            ? '--table (the stack output BindingTableName)'
            : '--queue (the stack output DeadLetterQueueUrl), --table and --idempotency-table',
      }) ?? error
    );
  } finally {
    stop.dispose();
    await journal?.close();
    await fetcher.close();
    aws.close();
  }
};

const redriveCommand: CommandSpec = {
  name: 'redrive',
  summary:
    'Sends dead letters again, once their cause is fixed: each runs through the current revision of its binding against Camunda and leaves the queue or file only when it is done (instance created, message published, or consumed without activation). A letter dead-lettered again stays with its new reason; one of an unknown binding, or to retry, stays as it is. A letter whose record was too large to keep is read again from Kafka by topic, partition and offset. Running it twice, or after Ctrl-C, creates nothing twice.',
  options: [
    {
      name: 'dead-letter',
      type: 'string',
      value: '<file.jsonl>',
      description:
        'the local dead-letter file (default: .kafka-inbound/dead-letters.jsonl, where npm start writes)',
    },
    {
      name: 'queue',
      type: 'string',
      value: '<url>',
      description:
        'the SQS dead-letter queue: the stack output DeadLetterQueueUrl',
    },
    {
      name: 'bpmn',
      type: 'string',
      value: '<file|dir>',
      multiple: true,
      description:
        'BPMN files (or folders) with the current bindings (default for a file: ./processes, else ./examples)',
    },
    {
      name: 'table',
      type: 'string',
      value: '<name>',
      description:
        'read the bindings from the binding store: the stack output BindingTableName (default: BINDING_TABLE_NAME)',
    },
    {
      name: 'idempotency-table',
      type: 'string',
      value: '<name>',
      description:
        'the consumer’s idempotency table: the stack output IdempotencyTableName (default: IDEMPOTENCY_TABLE_NAME); needed with --queue',
    },
    {
      name: 'region',
      type: 'string',
      value: '<region>',
      description:
        'the stack region (default: AWS_REGION, then your AWS config)',
    },
    {
      name: 'journal',
      type: 'string',
      value: '<file.jsonl>',
      description:
        'the local redrive journal (default: redrive-journal.jsonl beside the dead-letter file)',
    },
    {
      name: 'retry-in-doubt',
      type: 'boolean',
      description:
        'run again the calls an interrupted redrive left in doubt (check Camunda first)',
    },
    {
      name: 'limit',
      type: 'string',
      value: '<n>',
      description: 'redrive at most n letters',
    },
    {
      name: 'dry-run',
      type: 'boolean',
      description:
        'send and remove nothing: show each request and what would happen to each letter',
    },
    {
      name: 'json',
      type: 'boolean',
      description:
        'JSON lines: {"type":"letter",…} per letter, {"type":"request",…} per dry-run request, then {"type":"summary","ok",…}',
    },
  ],
  details: [
    'Locally, after npm start: kafka-inbound redrive (the file npm start writes, the folder it reads: ./processes, else ./examples); kafka-inbound redrive --bpmn <dir> when it ran with --processes <dir>',
    'On AWS: kafka-inbound redrive --queue <DeadLetterQueueUrl> --table <BindingTableName> --idempotency-table <IdempotencyTableName> --region <region>',
    'Camunda is reached as for npm start and replay (CAMUNDA_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY and its variables); Kafka, for letters whose record was left out, with the binding’s servers (or KAFKA_BOOTSTRAP_SERVERS) and SECRET_<NAME>.',
    'Exit code 0 when every letter was done and removed (or there were none); 1 when letters were kept; 130 when interrupted (run it again: nothing is done twice).',
  ],
  run: runRedrive,
};

export { redriveCommand, runRedrive };

import { appendFile, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadBindingModel } from '../binding/index.js';
import type { Binding } from '../binding/types.js';
import { formatProblem } from '../bpmn/index.js';
import { createCamundaClient, readCamundaConfig } from '../camunda/index.js';
import type {
  CamundaOutcome,
  CamundaPort,
  CreateProcessInstanceRequest,
  PublishMessageRequest,
} from '../camunda/types.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
  fitDeadLetter,
  MAX_DEAD_LETTER_BYTES,
  serializeDeadLetter,
} from '../consumer/index.js';
import type { DeadLetter, DeadLetterSink } from '../consumer/types.js';
import { isKafkaEvent } from '../kafka/index.js';
import type { KafkaEvent } from '../kafka/types.js';
import { createLocalSchemaRegistry } from '../local/createLocalSchemaRegistry.js';
import {
  DEFAULT_CONSUMER_TIMEOUT_SECONDS,
  readPlatformDefaults,
} from '../platform/index.js';
import { escapeTerminal } from '../text/index.js';
import { CliInputError, CliUsageError } from './errors.js';
import type { CliIo } from './io.js';
import { deployedFromEnv } from './platform.js';

/** Reads one ESM event, a JSON array of them, or JSON lines of them. */
const readEvents = async (file: string): Promise<KafkaEvent[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliInputError(file, 'cannot read the events file', {
      cause: error,
    });
  }
  const trimmed = text.trim();
  let candidates: unknown[];
  try {
    const whole: unknown = JSON.parse(trimmed);
    candidates = Array.isArray(whole) ? whole : [whole];
  } catch {
    candidates = trimmed
      .split('\n')
      .map((line, index) => ({ line: line.trim(), index }))
      .filter(({ line }) => line.length > 0)
      .map(({ line, index }) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new CliInputError(
            file,
            `line ${index + 1} is not JSON (expected an ESM event, an array of them, or JSON lines)`
          );
        }
      });
  }
  return candidates.map((candidate, index) => {
    if (!isKafkaEvent(candidate)) {
      throw new CliInputError(
        file,
        `event ${index + 1} is not a Kafka ESM event (needs eventSource "aws:kafka" or "SelfManagedKafka" and a records object)`
      );
    }
    return candidate;
  });
};

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
        `no binding '${wanted}' in the BPMN file (it has: ${bindings.map((b) => b.id).join(', ')})`
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
      `no binding of the BPMN file reads topic ${names}; use --binding <id>`
    );
  }
  throw new CliUsageError(
    `several bindings read topic ${names} (${matching.map((b) => b.id).join(', ')}); choose one with --binding <id>`
  );
};

/** A Camunda port that prints each request and reports it done. */
const dryRunCamunda = (io: CliIo): CamundaPort => {
  const print = (
    path: string,
    body: CreateProcessInstanceRequest | PublishMessageRequest
  ): CamundaOutcome => {
    io.out(JSON.stringify({ dryRun: { method: 'POST', path, body } }));
    return { kind: 'done', status: 200 };
  };
  return {
    createProcessInstance: async (request) =>
      print('/v2/process-instances', request),
    publishMessage: async (request) =>
      print('/v2/messages/publication', request),
  };
};

/** Appends dead letters to a JSON-lines file, or reports them on stderr. */
const replayDeadLetterSink = (
  file: string | undefined,
  io: CliIo
): DeadLetterSink => ({
  send: async (letters: readonly DeadLetter[]) => {
    if (file === undefined) {
      for (const letter of letters) {
        io.err(
          escapeTerminal(
            `dead letter: ${letter.topic}-${letter.partition}@${letter.offset} (${letter.reason}): ${letter.error}`
          )
        );
      }
      return;
    }
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
 * `kafka-inbound replay --bpmn <file> --events <file> [--binding <id>]
 * [--dry-run] [--dead-letter <file.jsonl>] [--timeout-s <n>]`: prints one
 * JSON line per event with its batch response; exit code 1 when a record
 * was not done. Each event runs as a consumer invocation with the
 * function's timeout (default the construct's, 120 s): records start only
 * while one call's worth is left, as in Lambda. Ctrl-C (or
 * `options.signal`) ends the budget: the event in flight starts no new
 * record and answers, later events are not replayed.
 */
const runReplay = async (
  args: readonly string[],
  io: CliIo,
  options: ReplayOptions = {}
): Promise<number> => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      bpmn: { type: 'string' },
      events: { type: 'string' },
      binding: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'dead-letter': { type: 'string' },
      'timeout-s': { type: 'string' },
    },
    strict: true,
  });
  if (values.bpmn === undefined || values.events === undefined) {
    throw new CliUsageError('replay needs --bpmn <file> and --events <file>');
  }
  const budgetMs = timeoutSeconds(values['timeout-s']) * 1000;
  let xml: string;
  try {
    xml = await readFile(values.bpmn, 'utf8');
  } catch (error) {
    throw new CliInputError(values.bpmn, 'cannot read the BPMN file', {
      cause: error,
    });
  }
  const model = await loadBindingModel(xml);
  if (model.errors.length > 0) {
    for (const problem of model.errors) {
      io.err(
        escapeTerminal(`${values.bpmn}: error: ${formatProblem(problem)}`)
      );
    }
    return 1;
  }
  const events = await readEvents(values.events);
  const camunda = values['dry-run']
    ? dryRunCamunda(io)
    : createCamundaClient(readCamundaConfig(io.env));
  const deps = {
    camunda,
    deadLetters: replayDeadLetterSink(values['dead-letter'], io),
    idempotency: createMemoryIdempotency(),
    deadlineMarginMs: readPlatformDefaults(io.env).deadlineMarginMs,
  };
  const processors = new Map<string, ReturnType<typeof createBatchProcessor>>();
  const processorOf = (binding: Binding) => {
    let processor = processors.get(binding.id);
    if (processor === undefined) {
      // Replay answers like a provisioned-mode ESM: with the partial response.
      // Records reach replay as Kafka holds them (or as an ESM delivered
      // them): the registry, when the binding has one, is asked directly.
      const schemaRegistry = createLocalSchemaRegistry(binding, io.env);
      processor = createBatchProcessor(
        deployedFromEnv(binding, io.env, 'provisioned'),
        schemaRegistry === undefined ? deps : { ...deps, schemaRegistry }
      );
      processors.set(binding.id, processor);
    }
    return processor;
  };
  let undone = 0;
  let stopped = false;
  const cleanup = onStopRequest(options.signal, () => {
    stopped = true;
  });
  try {
    for (const [index, event] of events.entries()) {
      if (stopped) {
        io.err(
          `replay stopped: ${events.length - index} of ${events.length} event(s) not replayed`
        );
        break;
      }
      const binding = chooseBinding(event, model.bindings, values.binding);
      // The invocation's deadline, as the consumer Lambda's; a stop ends it.
      const deadline = Date.now() + budgetMs;
      const result = await processorOf(binding).process(event, {
        remainingTimeMs: () => (stopped ? 0 : deadline - Date.now()),
      });
      undone += result.response.batchItemFailures.length;
      io.out(
        JSON.stringify({
          batchItemFailures: result.response.batchItemFailures,
          deadLettered: result.deadLetters.length,
        })
      );
    }
  } finally {
    cleanup();
  }
  return undone > 0 || stopped ? 1 : 0;
};

export type { ReplayOptions };
export { readEvents, runReplay };

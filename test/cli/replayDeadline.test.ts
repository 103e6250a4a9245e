import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { parseCommandArgs } from '../../lib/cli/parseCommandArgs.js';
import {
  type ReplayOptions,
  replayCommand,
  runReplay,
} from '../../lib/cli/replay.js';
import type { KafkaEvent } from '../../lib/kafka/types.js';
import { waitFor } from '../local/helpers.js';
import type { RecordedRequest } from '../support/camunda/types.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  kafkaEventFactory,
  recordFactory,
} from '../support/factories/index.js';
import { captureIo } from './cliIo.js';

// Issue 15: replay runs each event under the consumer's deadline mechanism,
// with a budget of its own (--timeout-s, default the consumer's 120 s), and
// a stop request ends the budget.

const BPMN = 'examples/payment-process.bpmn';

const record = (partition: number, offset: number, orderId: string) =>
  recordFactory({
    topic: 'payments',
    partition,
    offset,
    timestamp: 1_764_000_000_000 + offset,
    key: orderId,
    value: { orderId, paymentId: `pay-${orderId}`, status: 'CAPTURED' },
  });

// Partition 0 only, so that its records run one after the other.
const event: KafkaEvent = kafkaEventFactory([
  record(0, 5, 'A-5'),
  record(0, 6, 'A-6'),
  record(0, 7, 'A-7'),
]);

/** The record lines of a `--json` run, as `partition@offset outcome`. */
const outcomes = (stdout: readonly string[]): string[] =>
  stdout
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.type === 'record')
    .map((line) => `${line.partition}@${line.offset} ${line.outcome}`);

/** The command as main runs it, with a stop signal of the test's own. */
const replay = (
  args: readonly string[],
  io: ReturnType<typeof captureIo>,
  options?: ReplayOptions
): Promise<number> =>
  runReplay(parseCommandArgs(replayCommand, ['--json', ...args]), io, options);

const orderOf = (request: RecordedRequest): string =>
  (request.body as { correlationKey?: string }).correlationKey ?? '';

describe('Command: replay, deadline', () => {
  let double: CamundaDouble;
  let dir: string;
  let eventsFile: string;
  // Holds the answer to A-5 until released.
  let hold: Promise<void> | undefined;

  beforeEach(async () => {
    hold = undefined;
    double = await startCamundaDouble({
      pause: (request) =>
        orderOf(request) === 'A-5' ? (hold ?? Promise.resolve()) : undefined,
    });
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-replay-deadline-'));
    eventsFile = join(dir, 'events.jsonl');
    // Two events: the second one is not replayed after a stop.
    await writeFile(
      eventsFile,
      `${JSON.stringify(event)}\n${JSON.stringify(event)}\n`
    );
  });

  afterEach(async () => {
    await double.close();
    await rm(dir, { recursive: true, force: true });
  });

  const published = () =>
    double.requestsTo('/v2/messages/publication', 'POST').map(orderOf);

  it('starts only the first record of a partition when the timeout leaves less than one call', async () => {
    // Prepare: 0.5 s of budget; one call may take 1 s (request timeout) + 0.
    const io = captureIo({
      ...double.env(),
      CAMUNDA_REQUEST_TIMEOUT_MS: '1000',
      DEADLINE_MARGIN_MS: '0',
    });

    // Act
    const code = await replay(
      ['--bpmn', BPMN, '--events', eventsFile, '--timeout-s', '0.5'],
      io
    );

    // Assess: each event sends its first record and starts no other.
    expect(code).toBe(1);
    expect(outcomes(io.stdout)).toEqual([
      '0@5 done',
      '0@6 notAttempted',
      '0@7 notAttempted',
      '0@5 done',
      '0@6 notAttempted',
      '0@7 notAttempted',
    ]);
    const six = io.stdout
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.offset === 6);
    expect(six?.detail).toMatch(
      /^not started, the invocation's deadline was near: records from offset 6 on not started: \d+ ms left, one record may take 1000 ms/
    );
    expect(published()).toEqual(['A-5', 'A-5']);
  });

  it('runs every record within the default budget', async () => {
    // Prepare
    const io = captureIo(double.env());

    // Act
    const code = await replay(['--bpmn', BPMN, '--events', eventsFile], io);

    // Assess
    expect(code).toBe(0);
    expect(published()).toEqual(['A-5', 'A-6', 'A-7', 'A-5', 'A-6', 'A-7']);
  });

  it('starts no new record once stopped, answers for the event in flight and replays no other', async () => {
    // Prepare: Camunda holds A-5 until the stop.
    let release = (): void => undefined;
    hold = new Promise((resolve) => {
      release = resolve;
    });
    const io = captureIo(double.env());
    const abort = new AbortController();

    // Act
    const replaying = replay(['--bpmn', BPMN, '--events', eventsFile], io, {
      signal: abort.signal,
    });
    await waitFor('the call for A-5', () => published().length > 0);
    abort.abort();
    release();
    const code = await replaying;

    // Assess: interrupted (130), what was done is kept and said.
    expect(code).toBe(130);
    expect(published()).toEqual(['A-5']);
    expect(outcomes(io.stdout)).toEqual([
      '0@5 done',
      '0@6 notAttempted',
      '0@7 notAttempted',
    ]);
    expect(io.stderr).toEqual(['replay stopped: 1 of 2 event(s) not replayed']);
  });

  it('refuses a timeout that is not a positive number of seconds (exit 2)', async () => {
    // Prepare
    const io = captureIo(double.env());

    // Act
    const code = await main(
      ['replay', '--bpmn', BPMN, '--events', eventsFile, '--timeout-s', '0'],
      io
    );

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      "--timeout-s must be a positive number of seconds, got '0'"
    );
    expect(published()).toEqual([]);
  });
});

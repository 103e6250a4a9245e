import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import type { KafkaEvent } from '../../lib/kafka/types.js';
import type { CamundaFault } from '../support/camunda/types.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';
import { captureIo } from './cliIo.js';
import { exampleLetter, toJsonLines } from './deadLetters.js';

const BPMN = 'examples/payment-process.bpmn';

const record = (partition: number, offset: number, value: unknown) => ({
  topic: 'payments',
  partition,
  offset,
  timestamp: 1_764_000_000_000 + offset,
  timestampType: 'CREATE_TIME',
  key: Buffer.from(`order-${offset}`).toString('base64'),
  value: Buffer.from(JSON.stringify(value)).toString('base64'),
  headers: [{ source: [...Buffer.from('replay')] }],
});

const payment = (orderId: string, status = 'CAPTURED') => ({
  orderId,
  paymentId: `pay-${orderId}`,
  status,
  amount: 42.5,
});

// Partition 0: 5 done, 6 the record under test, 7 after it. Partition 1:
// 3 is not activated (skipped), 4 done.
const event: KafkaEvent = {
  eventSource: 'SelfManagedKafka',
  bootstrapServers: 'localhost:9092',
  records: {
    'payments-0': [
      record(0, 5, payment('A-5')),
      record(0, 6, payment('A-6')),
      record(0, 7, payment('A-7')),
    ],
    'payments-1': [
      record(1, 3, payment('B-3', 'PENDING')),
      record(1, 4, payment('B-4')),
    ],
  },
};

describe('Command: replay', () => {
  let double: CamundaDouble;
  let dir: string;
  let eventsFile: string;

  beforeAll(async () => {
    double = await startCamundaDouble();
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-replay-'));
    eventsFile = join(dir, 'events.json');
    await writeFile(eventsFile, JSON.stringify(event));
  });

  afterAll(async () => {
    await double.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    double.reset();
  });

  const replay = async (extra: string[] = [], env = {}) => {
    // The client's default request timeout (10 s): a loaded machine must not
    // turn a slow answer into a retry. Only the hang case sets a short one.
    const io = captureIo({ ...double.env(), ...env });
    const deadLetterFile = join(
      dir,
      `dead-${Date.now()}-${Math.random()}.jsonl`
    );
    const code = await main(
      [
        'replay',
        '--bpmn',
        BPMN,
        '--events',
        eventsFile,
        '--dead-letter',
        deadLetterFile,
        ...extra,
      ],
      io
    );
    const deadLetters = await readFile(deadLetterFile, 'utf8')
      .then((text) =>
        text
          .trim()
          .split('\n')
          .filter((line) => line.length > 0)
          .map((line) => JSON.parse(line) as Record<string, unknown>)
      )
      .catch(() => []);
    return { code, io, deadLetters };
  };

  /** The record lines of a `--json` run, as `topic-partition@offset outcome`. */
  const outcomes = (stdout: readonly string[]) =>
    stdout
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.type === 'record')
      .map(
        (line) =>
          `${line.topic}-${line.partition}@${line.offset} ${line.outcome}${line.action === undefined ? '' : ` ${line.action}`}`
      );

  const summaryOf = (stdout: readonly string[]) =>
    JSON.parse(stdout.at(-1) ?? '{}') as Record<string, unknown>;

  const publishedIds = () =>
    double
      .requestsTo('/v2/messages/publication', 'POST')
      .map((request) => (request.body as { messageId: string }).messageId);

  it('publishes every activated record with the element settings', async () => {
    // Act
    const { code, io, deadLetters } = await replay();

    // Assess: one line per record, then the summary.
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      'payments-0@5 done: message published (element PaymentReceivedEvent)',
      'payments-0@6 done: message published (element PaymentReceivedEvent)',
      'payments-0@7 done: message published (element PaymentReceivedEvent)',
      'payments-1@3 not activated: the activation condition is not met; the record is consumed',
      'payments-1@4 done: message published (element PaymentReceivedEvent)',
      'replay: 5 record(s): 4 done, 1 not activated, 0 skipped below offset, 0 dead-lettered, 0 to retry, 0 not attempted',
    ]);
    expect(deadLetters).toEqual([]);
    expect(publishedIds().sort()).toEqual([
      'payments-0-5',
      'payments-0-6',
      'payments-0-7',
      'payments-1-4',
    ]);
    const [first] = double.requestsTo('/v2/messages/publication');
    expect(first?.body).toEqual({
      name: 'payment-received',
      correlationKey: expect.stringMatching(/^[AB]-\d$/),
      timeToLive: 600_000,
      messageId: expect.stringMatching(/^payments-\d-\d$/),
      variables: {
        paymentEvent: expect.objectContaining({
          topic: 'payments',
          value: expect.objectContaining({ status: 'CAPTURED' }),
          rawValue: expect.any(String),
          headers: { source: 'replay' },
        }),
        paymentId: expect.stringMatching(/^pay-/),
        paidAmount: 42.5,
      },
    });
  });

  const onRecord6 =
    (fault: CamundaFault) =>
    (request: { body: unknown }): CamundaFault | undefined =>
      (request.body as { messageId?: string } | undefined)?.messageId ===
      'payments-0-6'
        ? fault
        : undefined;

  it.each([
    { name: '503', fault: faults.status(503) },
    { name: '503 RESOURCE_EXHAUSTED', fault: faults.backpressure() },
    { name: '500 RESOURCE_EXHAUSTED', fault: faults.backpressure(500) },
    { name: '429', fault: faults.status(429) },
    {
      name: 'a timeout',
      fault: faults.hang(),
      // Short enough to keep the test quick, long enough for the answered
      // requests of a loaded machine.
      env: { CAMUNDA_REQUEST_TIMEOUT_MS: '2000' },
    },
    { name: 'a connection reset', fault: faults.reset() },
  ])(
    'stops partition 0 at offset 6 on $name and goes on with partition 1',
    async ({ fault, env }) => {
      // Prepare
      double.setFault(onRecord6(fault));

      // Act
      const { code, io, deadLetters } = await replay(['--json'], env);

      // Assess
      expect(code).toBe(1);
      expect(outcomes(io.stdout)).toEqual([
        'payments-0@5 done published',
        'payments-0@6 retry',
        'payments-0@7 notAttempted',
        'payments-1@3 notActivated',
        'payments-1@4 done published',
      ]);
      expect(summaryOf(io.stdout)).toMatchObject({
        type: 'summary',
        ok: false,
        records: 5,
        done: 2,
        retry: 1,
        notAttempted: 1,
      });
      expect(deadLetters).toEqual([]);
      // Offset 7 was never sent: nothing after the first retry is touched.
      expect(publishedIds().sort()).toEqual([
        'payments-0-5',
        'payments-0-6',
        'payments-1-4',
      ]);
    }
  );

  it.each([
    { name: '400', fault: faults.status(400), status: 400 },
    { name: '404', fault: faults.status(404), status: 404 },
    { name: '403', fault: faults.status(403), status: 403 },
    { name: 'a 500', fault: faults.status(500), status: 500 },
  ])(
    'dead-letters offset 6 on $name, goes on with offset 7 and exits 1',
    async ({ fault, status }) => {
      // Prepare
      double.setFault(onRecord6(fault));

      // Act
      const { code, io, deadLetters } = await replay(['--json']);

      // Assess: the record is not done, so the exit code says so.
      expect(code).toBe(1);
      expect(outcomes(io.stdout)).toEqual([
        'payments-0@5 done published',
        'payments-0@6 deadLettered',
        'payments-0@7 done published',
        'payments-1@3 notActivated',
        'payments-1@4 done published',
      ]);
      const line = io.stdout
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((entry) => entry.offset === 6);
      expect(line?.detail).toMatch(
        new RegExp(`^camunda-rejected: .*${status}`)
      );
      expect(summaryOf(io.stdout)).toMatchObject({
        ok: false,
        deadLettered: 1,
      });
      expect(deadLetters).toEqual([
        expect.objectContaining({
          processId: 'payment-process',
          bindingId: 'payment-process--PaymentReceivedEvent',
          elementId: 'PaymentReceivedEvent',
          topic: 'payments',
          partition: 0,
          offset: 6,
          key: 'order-6',
          classification: 'poison',
          reason: 'camunda-rejected',
          status,
          error: expect.stringContaining(String(status)),
        }),
      ]);
      expect(publishedIds()).toContain('payments-0-7');
    }
  );

  it('counts a 409 for an already published message id as done', async () => {
    // Prepare: a first replay publishes everything.
    await replay();
    const accepted = double.messages.length;

    // Act: the same records again (a redelivery).
    const { code, io } = await replay(['--json']);

    // Assess
    expect(code).toBe(0);
    expect(outcomes(io.stdout)).toEqual([
      'payments-0@5 done duplicate',
      'payments-0@6 done duplicate',
      'payments-0@7 done duplicate',
      'payments-1@3 notActivated',
      'payments-1@4 done duplicate',
    ]);
    const duplicates = double
      .requestsTo('/v2/messages/publication')
      .filter(
        (request) =>
          request.response?.kind === 'http' && request.response.status === 409
      );
    expect(duplicates).toHaveLength(4);
    expect(double.messages).toHaveLength(accepted);
  });

  it('prints the requests instead of sending them with --dry-run', async () => {
    // Act
    const { code, io } = await replay(['--dry-run', '--json']);

    // Assess
    expect(code).toBe(0);
    expect(double.requests).toEqual([]);
    const lines = io.stdout.map(
      (line) => JSON.parse(line) as Record<string, unknown>
    );
    expect(lines.at(-1)).toMatchObject({
      type: 'summary',
      ok: true,
      dryRun: true,
      records: 5,
      done: 4,
    });
    const requests = lines.filter((line) => line.type === 'request');
    expect(requests).toHaveLength(4);
    expect(requests[0]).toEqual({
      type: 'request',
      dryRun: true,
      method: 'POST',
      path: '/v2/messages/publication',
      body: expect.objectContaining({ name: 'payment-received' }),
    });
    expect(outcomes(io.stdout)).toHaveLength(5);
  });

  it('reads JSON lines of events and answers one line per record', async () => {
    // Prepare
    const linesFile = join(dir, 'events.jsonl');
    await writeFile(
      linesFile,
      `${JSON.stringify(event)}\n\n${JSON.stringify(event)}\n`
    );
    const io = captureIo(double.env());

    // Act
    const code = await main(
      ['replay', '--bpmn', BPMN, '--events', linesFile],
      io
    );

    // Assess: 2 events of 5 records, and the summary.
    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(11);
    expect(io.stdout.at(-1)).toMatch(
      /^replay: 10 record\(s\): 8 done, 2 not activated/
    );
  });

  it.each([
    'examples/events/order-intake.json',
    'examples/events/payments.json',
  ])(
    'replays the sample %s with --dry-run: every record done or not activated, nothing sent',
    async (sample) => {
      // Prepare
      const io = captureIo(double.env());

      // Act
      const code = await main(
        [
          'replay',
          '--bpmn',
          'examples',
          '--events',
          sample,
          '--dry-run',
          '--json',
        ],
        io
      );

      // Assess
      expect(code).toBe(0);
      const lines = io.stdout.map(
        (line) => JSON.parse(line) as Record<string, unknown>
      );
      const records = lines.filter((line) => line.type === 'record');
      expect(records.length).toBeGreaterThan(0);
      for (const line of records) {
        expect(['done', 'notActivated']).toContain(line.outcome);
      }
      expect(lines.at(-1)).toMatchObject({ type: 'summary', ok: true });
      expect(double.requests).toEqual([]);
    }
  );

  it('reads a dead-letter file of several processes, runs each letter through its own binding and leaves the file as it is', async () => {
    // Prepare: letters as npm start writes them (issue 17: replay refused
    // them, and the file mixes processes).
    const file = join(dir, `letters-${Math.random()}.jsonl`);
    const content = toJsonLines([
      exampleLetter('order-intake', 4),
      exampleLetter('payment', 7),
    ]);
    await writeFile(file, content);
    const io = captureIo(double.env());

    // Act
    const code = await main(
      ['replay', '--bpmn', 'examples', '--events', file],
      io
    );

    // Assess
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      `order-intake-0@4 (${file}:1) done: instance created (element OrderRecordStartEvent)`,
      `payments-1@7 (${file}:2) done: message published (element PaymentReceivedEvent)`,
      expect.stringMatching(/^replay: 2 record\(s\): 2 done, /),
    ]);
    expect(double.instances.map((i) => i.processDefinitionId)).toEqual([
      'order-intake-process',
    ]);
    expect(publishedIds()).toEqual(['payments-1-7']);
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it.each([
    {
      name: 'an event of another topic',
      content: JSON.stringify({
        ...event,
        records: { 'other-0': [{ ...record(0, 1, {}), topic: 'other' }] },
      }),
      message: /no binding of the BPMN files reads topic other/,
    },
    {
      name: 'a file that is not an event',
      content: '{"hello": "world"}',
      message: /neither a Kafka ESM event .* nor a dead letter/,
    },
    {
      name: 'broken JSON lines',
      content: '{"a":\nnot json',
      message: /line 1 is not JSON/,
    },
  ])('refuses $name with one clear line', async ({ content, message }) => {
    // Prepare
    const file = join(dir, `bad-${Math.random()}.json`);
    await writeFile(file, content);
    const io = captureIo(double.env());

    // Act
    const code = await main(['replay', '--bpmn', BPMN, '--events', file], io);

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
    expect(double.requests).toEqual([]);
  });
});

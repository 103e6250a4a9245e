import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { parseCommandArgs } from '../../lib/cli/parseCommandArgs.js';
import { redriveCommand, runRedrive } from '../../lib/cli/redrive.js';
import {
  type CamundaDouble,
  faults,
  startCamundaDouble,
} from '../support/camunda-double.js';
import { captureIo } from './cliIo.js';
import { exampleLetter, toJsonLines } from './deadLetters.js';

const readLetters = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('Command: redrive (local dead-letter file)', () => {
  let double: CamundaDouble;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    double = await startCamundaDouble();
  });

  afterAll(async () => {
    await double.close();
  });

  beforeEach(async () => {
    double.reset();
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-redrive-'));
    file = join(dir, 'dead-letters.jsonl');
    return () => rm(dir, { recursive: true, force: true });
  });

  const redrive = async (extra: string[] = [], env = {}) => {
    // The client's default request timeout: a loaded machine must not turn
    // a slow answer into a retry.
    const io = captureIo({ ...double.env(), ...env });
    const code = await main(
      ['redrive', '--dead-letter', file, '--bpmn', 'examples', ...extra],
      io
    );
    return { code, io };
  };

  const creates = () => double.requestsTo('/v2/process-instances', 'POST');
  const publishes = () => double.requestsTo('/v2/messages/publication', 'POST');

  it('starts the instance and publishes the message once, removes both letters, and exits 0', async () => {
    // Prepare
    await writeFile(
      file,
      toJsonLines([
        exampleLetter('order-intake', 4),
        exampleLetter('payment', 7),
      ])
    );

    // Act
    const { code, io } = await redrive();

    // Assess
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      'dead-letters.jsonl:1 order-intake-0@4 (order-intake-process) done: instance created (element OrderRecordStartEvent) → removed',
      'dead-letters.jsonl:2 payments-1@7 (payment-process) done: message published (element PaymentReceivedEvent) → removed',
      'redrive: 2 letter(s): 2 done and removed, 0 kept',
    ]);
    expect(io.stderr).toContain(
      `redrive journal: ${join(dir, 'redrive-journal.jsonl')}`
    );
    expect(creates()).toHaveLength(1);
    expect(creates()[0]?.body).toMatchObject({
      processDefinitionId: 'order-intake-process',
      variables: { orderId: 'order-4' },
    });
    expect(
      publishes().map((r) => (r.body as { messageId: string }).messageId)
    ).toEqual(['payments-1-7']);
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('creates nothing twice when run again on the same letters (an interrupted run left them in the file)', async () => {
    // Prepare: a first run did everything, then its rewrite was lost.
    const content = toJsonLines([
      exampleLetter('order-intake', 4),
      exampleLetter('payment', 7),
    ]);
    await writeFile(file, content);
    await redrive();
    await writeFile(file, content);

    // Act
    const { code, io } = await redrive(['--json']);

    // Assess: both done before, nothing sent again, both removed.
    expect(code).toBe(0);
    const letters = io.stdout.map(
      (line) => JSON.parse(line) as Record<string, unknown>
    );
    expect(
      letters
        .filter((l) => l.type === 'letter')
        .map((l) => [l.outcome, l.action, l.disposition])
    ).toEqual([
      ['done', 'duplicate', 'removed'],
      ['done', 'duplicate', 'removed'],
    ]);
    expect(letters.at(-1)).toEqual({
      type: 'summary',
      ok: true,
      dryRun: false,
      letters: 2,
      removed: 2,
      kept: 0,
      interrupted: false,
    });
    expect(creates()).toHaveLength(1);
    expect(publishes()).toHaveLength(1);
    expect(double.instances).toHaveLength(1);
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('does not repeat a create an interrupted run left in doubt, until --retry-in-doubt', async () => {
    // Prepare: the first run stopped after Camunda's answer, before the
    // journal recorded it (its last line is lost).
    const content = toJsonLines([exampleLetter('order-intake', 4)]);
    await writeFile(file, content);
    await redrive();
    const journal = join(dir, 'redrive-journal.jsonl');
    const entries = (await readFile(journal, 'utf8')).trim().split('\n');
    await writeFile(journal, `${entries.slice(0, -1).join('\n')}\n`);
    await writeFile(file, content);

    // Act
    const cautious = await redrive();

    // Assess: kept, in doubt, nothing sent.
    expect(cautious.code).toBe(1);
    expect(cautious.io.stdout[0]).toMatch(
      /order-intake-0@4 \(order-intake-process\) retry: in doubt: an earlier redrive was stopped during this call .* run redrive with --retry-in-doubt \(element OrderRecordStartEvent\) → kept$/
    );
    expect(creates()).toHaveLength(1);
    expect(await readLetters(file)).toHaveLength(1);

    // Act: the operator checked Camunda and tells redrive to go on.
    const told = await redrive(['--retry-in-doubt']);

    // Assess
    expect(told.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('keeps a letter dead-lettered again with its new reason, and one of an unknown binding, and exits 1', async () => {
    // Prepare
    double.setFault((request) =>
      (request.body as { processDefinitionId?: string } | undefined)
        ?.processDefinitionId === 'order-intake-process'
        ? faults.status(400, { detail: 'variables are not valid' })
        : undefined
    );
    const unknown = exampleLetter('payment', 8, {
      bindingId: 'payment-process--RenamedEvent',
    });
    await writeFile(
      file,
      toJsonLines([
        exampleLetter('order-intake', 4),
        unknown,
        exampleLetter('payment', 9),
      ])
    );

    // Act
    const { code, io } = await redrive();

    // Assess
    expect(code).toBe(1);
    expect(io.stdout.slice(0, 3)).toEqual([
      expect.stringMatching(
        /^dead-letters\.jsonl:1 order-intake-0@4 \(order-intake-process\) dead-lettered: camunda-rejected: .*400.* → kept with its new reason$/
      ),
      'dead-letters.jsonl:2 payments-1@8 (payment-process) unknown binding: no binding payment-process--RenamedEvent in process payment-process any more (it has payment-process--PaymentReceivedEvent: was the element renamed?) → kept',
      'dead-letters.jsonl:3 payments-1@9 (payment-process) done: message published (element PaymentReceivedEvent) → removed',
    ]);
    expect(io.stdout[3]).toBe(
      'redrive: 3 letter(s): 1 done and removed, 2 kept'
    );
    const left = await readLetters(file);
    expect(left).toEqual([
      expect.objectContaining({
        offset: 4,
        reason: 'camunda-rejected',
        status: 400,
        error: expect.stringContaining('variables are not valid'),
        previousReason: 'camunda-rejected',
        redrivenAt: expect.any(String),
        bindingRevision: expect.not.stringMatching(/^an-older-revision$/),
      }),
      unknown,
    ]);
  });

  it('changes nothing with --dry-run and shows each request', async () => {
    // Prepare
    const content = toJsonLines([exampleLetter('order-intake', 4)]);
    await writeFile(file, content);

    // Act
    const { code, io } = await redrive(['--dry-run']);

    // Assess
    expect(code).toBe(0);
    expect(double.requests).toEqual([]);
    expect(io.stdout[0]).toMatch(
      /^ {2}would POST \/v2\/process-instances \{"processDefinitionId":"order-intake-process"/
    );
    expect(io.stdout[1]).toMatch(
      /done: instance created .* → would be removed$/
    );
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(existsSync(join(dir, 'redrive-journal.jsonl'))).toBe(false);
  });

  it('stops after the letter in flight when interrupted: exit 130, the rest kept, a JSON summary saying so', async () => {
    // Prepare: Camunda holds each call a while; Ctrl-C comes during the first
    await writeFile(
      file,
      toJsonLines([
        exampleLetter('order-intake', 4),
        exampleLetter('payment', 7),
      ])
    );
    double.setDelay(300);
    const stop = new AbortController();
    const io = captureIo(double.env());
    const args = parseCommandArgs(redriveCommand, [
      '--dead-letter',
      file,
      '--bpmn',
      'examples',
      '--json',
    ]);

    // Act
    const run = runRedrive(args, io, { signal: stop.signal });
    const deadline = Date.now() + 30_000;
    while (creates().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    stop.abort();
    const code = await run;

    // Assess: the first is done and removed, the second never sent and kept
    expect(code).toBe(130);
    const lines = io.stdout.map(
      (line) => JSON.parse(line) as Record<string, unknown>
    );
    expect(lines.at(-1)).toEqual({
      type: 'summary',
      ok: false,
      dryRun: false,
      letters: 1,
      removed: 1,
      kept: 0,
      interrupted: true,
    });
    expect(publishes()).toEqual([]);
    expect((await readLetters(file)).map((l) => [l.topic, l.offset])).toEqual([
      ['payments', 7],
    ]);
  });

  it('says there is nothing to redrive when the default file does not exist', async () => {
    // Prepare
    const io = captureIo(double.env());
    const cwd = { ...io, cwd: dir };

    // Act
    const code = await main(['redrive', '--json'], cwd);

    // Assess
    expect(code).toBe(0);
    expect(io.stdout).toEqual([
      JSON.stringify({
        type: 'summary',
        ok: true,
        letters: 0,
        removed: 0,
        kept: 0,
      }),
    ]);
  });

  it.each([
    {
      name: 'both sources',
      args: [
        '--queue',
        'https://sqs.eu-west-1.amazonaws.com/1/q',
        '--dead-letter',
        'x.jsonl',
      ],
      kind: 'usage',
      message: 'give either --queue or --dead-letter, not both',
    },
    {
      name: 'the queue without the bindings',
      args: ['--queue', 'https://sqs.eu-west-1.amazonaws.com/1/q'],
      kind: 'usage',
      message: expect.stringContaining(
        'redrive from the queue needs the bindings'
      ),
    },
    {
      name: 'a missing file',
      args: ['--dead-letter', 'nowhere.jsonl'],
      kind: 'input',
      message: 'nowhere.jsonl: no such dead-letter file',
    },
    {
      name: 'a bad limit',
      args: ['--limit', 'x'],
      kind: 'usage',
      message: "--limit takes a whole number ≥ 1, not 'x'",
    },
  ])(
    'refuses $name with exit code 2 and a JSON error',
    async ({ args, kind, message }) => {
      // Prepare
      const io = captureIo({ ...double.env(), BINDING_TABLE_NAME: '' });

      // Act
      const code = await main(['redrive', ...args, '--json'], {
        ...io,
        cwd: dir,
      });

      // Assess
      expect(code).toBe(2);
      expect(io.stdout).toHaveLength(1);
      expect(JSON.parse(io.stdout[0] ?? '')).toEqual({
        ok: false,
        command: 'redrive',
        exitCode: 2,
        error: {
          kind,
          message,
          ...(kind === 'input' ? { hint: expect.any(String) } : {}),
        },
      });
      expect(double.requests).toEqual([]);
    }
  );
});

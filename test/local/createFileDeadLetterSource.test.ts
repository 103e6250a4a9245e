import {
  appendFile,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileDeadLetterSource } from '../../lib/local/index.js';
import { recordFactory } from '../support/factories/index.js';

const letter = (offset: number) => {
  const record = recordFactory({ offset });
  return {
    processId: 'order-process',
    bindingId: 'order-process--Start',
    bindingRevision: 'r1',
    topic: record.topic,
    partition: record.partition,
    offset,
    timestamp: record.timestamp,
    key: null,
    classification: 'poison',
    reason: 'camunda-rejected',
    error: '404',
    record,
    deadLetteredAt: '2026-01-01T00:00:00.000Z',
  };
};

const lines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('Function: createFileDeadLetterSource', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-source-'));
    file = join(dir, 'dead-letters.jsonl');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hands out every letter once, naming its line; a line that is not a letter says why', async () => {
    // Prepare
    await writeFile(
      file,
      `${JSON.stringify(letter(1))}\n\nnot json\n${JSON.stringify({ a: 1 })}\n`
    );

    // Act
    const source = await createFileDeadLetterSource(file);
    const first = await source.next();
    const second = await source.next();

    // Assess
    expect(first.map((item) => item.where)).toEqual([
      'dead-letters.jsonl:1',
      'dead-letters.jsonl:3',
      'dead-letters.jsonl:4',
    ]);
    expect(first[1]?.read).toEqual({ problem: 'not JSON' });
    expect(first[2]?.read).toEqual({
      problem: 'no bindingId (is it a dead letter?)',
    });
    expect(second).toEqual([]);
  });

  it('rewrites the file once, at close: removed letters gone, replaced ones new, the rest as they were', async () => {
    // Prepare
    const unchanged = `${JSON.stringify(letter(3))}`;
    await writeFile(
      file,
      `${JSON.stringify(letter(1))}\n${JSON.stringify(letter(2))}\n${unchanged}\n`
    );
    const source = await createFileDeadLetterSource(file);
    const [one, two, three] = await source.next();
    if (!one || !two || !three) throw new Error('three letters expected');

    // Act
    await source.remove(one);
    await source.replace(two, { ...letter(2), reason: 'variables-too-large' });
    await source.keep(three);
    const before = await readFile(file, 'utf8');
    await source.close();

    // Assess
    expect(before.split('\n')).toHaveLength(4);
    expect((await lines(file)).map((l) => [l.offset, l.reason])).toEqual([
      [2, 'variables-too-large'],
      [3, 'camunda-rejected'],
    ]);
    expect((await readFile(file, 'utf8')).split('\n')[1]).toBe(unchanged);
    // No temporary file is left behind.
    expect(await readdir(dir)).toEqual(['dead-letters.jsonl']);
  });

  it('keeps the letters the runtime appended while redrive ran', async () => {
    // Prepare
    await writeFile(file, `${JSON.stringify(letter(1))}\n`);
    const source = await createFileDeadLetterSource(file);
    const [one] = await source.next();
    if (!one) throw new Error('a letter expected');
    await source.remove(one);

    // Act: npm start appends a new letter before redrive ends.
    await appendFile(file, `${JSON.stringify(letter(9))}\n`);
    await source.close();

    // Assess
    expect((await lines(file)).map((l) => l.offset)).toEqual([9]);
  });

  it('leaves the file untouched when nothing changed', async () => {
    // Prepare
    const content = `${JSON.stringify(letter(1))}\n`;
    await writeFile(file, content);
    const source = await createFileDeadLetterSource(file);
    const [one] = await source.next();
    if (!one) throw new Error('a letter expected');

    // Act
    await source.keep(one);
    await source.close();

    // Assess
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

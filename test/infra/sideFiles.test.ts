import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaBundling } from '../../infra/bundling.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Uses both lazily loaded modules as the functions do: FEEL's `matches`
// (re2js) and an Avro schema (avsc), after saying it has started.
const ENTRY = `
import { compileFeel } from '${join(ROOT, 'lib/feel/index.ts')}';
import { createAvroReader } from '${join(ROOT, 'lib/kafka/index.ts')}';
console.log('started');
const matches = compileFeel('matches(value, "^a.c$")').evaluate({ value: 'abc' });
const reader = createAvroReader('{"type":"record","name":"Order","fields":[{"name":"id","type":"int"}]}');
console.log(JSON.stringify({ matches: matches.value, order: reader.read(Buffer.from([0x54])) }));
`;

describe('LambdaBundling.sideFiles', () => {
  let dir: string;

  beforeAll(async () => {
    // Outside the repository: no node_modules above it to fall back on.
    dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-side-files-'));
    await writeFile(join(dir, 'entry.ts'), ENTRY);
    await build({
      entryPoints: [join(dir, 'entry.ts')],
      outfile: join(dir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      target: LambdaBundling.target,
      format: LambdaBundling.format,
      minify: LambdaBundling.minify,
      mainFields: [...LambdaBundling.mainFields],
      banner: { js: LambdaBundling.banner },
      external: [...LambdaBundling.externalModules],
      logLevel: 'error',
    });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('are loaded on first use, not bundled: without them the bundle starts and then cannot find them', async () => {
    // Act
    const running = run(process.execPath, ['index.mjs'], { cwd: dir });

    // Assess
    await expect(running).rejects.toMatchObject({
      stdout: 'started\n',
      stderr: expect.stringMatching(
        /Cannot find (module|package) '(re2js|avsc)/
      ),
    });
  });

  it('are all a bundle needs beside it (copied as infra/ does)', async () => {
    // Prepare
    for (const file of LambdaBundling.sideFiles) {
      await cp(
        join(ROOT, 'node_modules', file),
        join(dir, 'node_modules', file)
      );
    }

    // Act
    const { stdout } = await run(process.execPath, ['index.mjs'], {
      cwd: dir,
    });

    // Assess
    expect(stdout.split('\n')).toEqual([
      'started',
      JSON.stringify({ matches: true, order: { id: 42 } }),
      '',
    ]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBindingModel } from '../../lib/binding/index.js';
import type { Problem } from '../../lib/bpmn/types.js';

interface ExpectedProblem {
  readonly elementId?: string;
  readonly property?: string;
  /** A part of the message. */
  readonly message: string;
}

interface Expectation {
  readonly errors: readonly ExpectedProblem[];
  readonly warnings?: readonly ExpectedProblem[];
}

const dir = new URL('../fixtures/bpmn/malformed/', import.meta.url);
const expected: Record<string, Expectation> = JSON.parse(
  readFileSync(new URL('expected.json', dir), 'utf8')
);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bpmn'))
  .sort();
const cases = files.map((file) => ({ file, expectation: expected[file] }));

const matches = (actual: Problem, wanted: ExpectedProblem): boolean =>
  actual.elementId === wanted.elementId &&
  actual.property === wanted.property &&
  actual.message.includes(wanted.message);

describe('Function: loadBindingModel (malformed corpus)', () => {
  it('has an expectation for each of at least 25 files, and no stale ones', () => {
    // Assess
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  it.each(cases)(
    'reports the expected problems for $file',
    async ({ file, expectation }) => {
      // Prepare
      const xml = readFileSync(new URL(file, dir), 'utf8');

      // Act
      const model = await loadBindingModel(xml);

      // Assess
      expect(expectation).toBeDefined();
      const wanted = expectation?.errors ?? [];
      expect(model.errors).toHaveLength(wanted.length);
      for (const problem of wanted) {
        expect(
          model.errors.some((actual) => matches(actual, problem)),
          `${file}: no error like ${JSON.stringify(problem)} in ${JSON.stringify(model.errors)}`
        ).toBe(true);
      }
      for (const problem of expectation?.warnings ?? []) {
        expect(model.warnings.some((actual) => matches(actual, problem))).toBe(
          true
        );
      }
      if (wanted.length > 0 && wanted.some((p) => p.elementId)) {
        const faulty = new Set(wanted.map((p) => p.elementId));
        expect(
          model.bindings.filter((b) =>
            b.elements.some((e) => faulty.has(e.elementId))
          )
        ).toEqual([]);
      }
    }
  );

  it('never reads the file an external entity points to', async () => {
    // Prepare
    const xml = readFileSync(new URL('external-entity.bpmn', dir), 'utf8');

    // Act
    const model = await loadBindingModel(xml);

    // Assess
    expect(JSON.stringify(model)).not.toMatch(/root:|daemon:/);
    expect(model.parsed.processes).toEqual([]);
  });

  it('refuses an entity expansion bomb without expanding it', async () => {
    // Prepare
    const xml = readFileSync(new URL('billion-laughs.bpmn', dir), 'utf8');
    const heapBefore = process.memoryUsage().heapUsed;

    // Act
    const model = await loadBindingModel(xml);

    // Assess
    // Expanded, &lol9; would be 10^9 characters; refusing it allocates nothing big.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(
      50 * 1024 * 1024
    );
    expect(JSON.stringify(model).length).toBeLessThan(5000);
    expect(model.errors[0]?.message).toContain('DOCTYPE');
  });

  it('refuses a file over the size limit and says why', async () => {
    // Prepare
    const filler = `<!-- ${'x'.repeat(1024)} -->\n`.repeat(2100);
    const xml = readFileSync(
      new URL('../../examples/order-process.bpmn', import.meta.url),
      'utf8'
    ).replace('<bpmn:process', `${filler}<bpmn:process`);

    // Act
    const model = await loadBindingModel(xml);
    const relaxed = await loadBindingModel(xml, { maxBytes: 4 * 1024 * 1024 });

    // Assess
    expect(model.errors).toEqual([
      {
        message: expect.stringMatching(
          /^the file is 2\.\d+ MiB, over the 2 MiB limit: .*memory or time$/
        ),
      },
    ]);
    expect(relaxed.errors).toEqual([]);
    expect(relaxed.bindings).toHaveLength(1);
  });
});

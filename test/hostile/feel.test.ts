// Expressions and records that tried to hang or exhaust the consumer
// (issue 16): each runs through createBatchProcessor within the time and
// memory bounds, and a record that exceeds the evaluation budget, or whose
// pattern RE2 cannot run, is dead-lettered with the reason while the batch
// goes on.
import { describe, expect, it } from 'vitest';
import type { BindingElement } from '../../lib/binding/types.js';
import type { KafkaEventRecord } from '../../lib/kafka/types.js';
import {
  bindingFactory,
  elementFactory,
  kafkaEventFactory,
  recordFactory,
} from '../support/factories/index.js';
import { setupProcessor } from '../support/setupProcessor.js';
import { BOUNDS, measure } from './measure.js';

const run = async (
  element: BindingElement,
  records: readonly KafkaEventRecord[]
) => {
  const binding = bindingFactory({ elements: [element] });
  const setup = setupProcessor(binding);
  const { result, cost } = await measure(() =>
    setup.processor.process(kafkaEventFactory([...records]))
  );
  return { ...setup, result, cost };
};

const numbers = (count: number): number[] =>
  Array.from({ length: count }, (_, i) => i);

const tenItems = '[1,2,3,4,5,6,7,8,9,10]';

describe('Hostile FEEL through createBatchProcessor', () => {
  it.each([
    {
      name: 'a 6,000-item list of the record crossed with itself',
      element: {
        activationCondition:
          '=count(for a in value.l, b in value.l return 0) > 0',
      },
      value: { l: numbers(6_000) },
      reason: 'activation-condition-failed',
    },
    {
      name: 'a for nested six deep over 10-item literal lists (the consumer compiles it even when validation would refuse it)',
      element: {
        activationCondition: `=count(${Array.from({ length: 6 }, (_, i) => `for x${i} in ${tenItems} return `).join('')}0) > 0`,
      },
      value: { l: [] },
      reason: 'activation-condition-failed',
      // it does not depend on the record: every record fails
      offsets: [1, 2],
    },
    {
      name: 'a range of a billion taken from the record',
      element: {
        activationCondition: '=count(for x in 1..value.n return x) > 0',
      },
      value: { n: 1_000_000_000 },
      reason: 'activation-condition-failed',
    },
    {
      name: 'a 100 MB string built from the record',
      element: {
        resultExpression:
          '={s: string join(for x in value.l return value.t, "")}',
      },
      value: { l: numbers(1_000), t: 'x'.repeat(100_000) },
      reason: 'result-expression-failed',
    },
    {
      name: 'a sort calling a FEEL function on 100,000 shuffled items',
      element: {
        resultExpression: '={s: sort(value.l, function(a, b) a > b)}',
      },
      value: { l: numbers(100_000).map((i) => (i * 7_919) % 100_003) },
      reason: 'result-expression-failed',
    },
  ])(
    'dead-letters $name with the budget as reason, and commits the batch',
    async ({ element, value, reason, offsets = [1] }) => {
      // Prepare: the second record is harmless
      const records = [
        recordFactory({ offset: 1, value }),
        recordFactory({ offset: 2, value: { l: [], n: 1, t: '' } }),
      ];

      // Act
      const { result, deadLetters, cost } = await run(
        elementFactory(element),
        records
      );

      // Assess
      expect(result.response).toEqual({ batchItemFailures: [] });
      expect(deadLetters.letters.map((l) => [l.offset, l.reason])).toEqual(
        offsets.map((offset) => [offset, reason])
      );
      expect(deadLetters.letters[0]?.error).toMatch(
        /used up its evaluation budget of 1,000,000 steps/
      );
      expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(cost.heapDeltaMb).toBeLessThan(BOUNDS.heapDeltaMb);
    }
  );

  it.each([
    { label: '41 characters', s: `${'a'.repeat(40)}!` },
    { label: '1 MB', s: `${'a'.repeat(1_000_000)}!` },
  ])(
    'runs matches(value.s, "^(a|aa)+$") on $label in linear time',
    async ({ s }) => {
      // Prepare
      const element = elementFactory({
        activationCondition: '=matches(value.s, "^(a|aa)+$")',
      });

      // Act
      const { result, camunda, deadLetters, cost } = await run(element, [
        recordFactory({ value: { s } }),
        recordFactory({ offset: 2, value: { s: 'aaaa' } }),
      ]);

      // Assess: the first does not match (skipped), the second starts an instance
      expect(result.response).toEqual({ batchItemFailures: [] });
      expect(deadLetters.letters).toEqual([]);
      expect(camunda.calls).toHaveLength(1);
      expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(cost.heapDeltaMb).toBeLessThan(BOUNDS.heapDeltaMb);
    }
  );

  it('runs a pattern taken from the record on the linear-time engine', async () => {
    // Prepare
    const element = elementFactory({
      activationCondition: '=matches(value.s, value.p)',
    });

    // Act
    const { result, camunda, deadLetters, cost } = await run(element, [
      recordFactory({
        value: { s: `${'a'.repeat(100_000)}!`, p: '^(a|aa)+$' },
      }),
      recordFactory({ offset: 2, value: { s: 'ab', p: '^((a+))+b$' } }),
    ]);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters).toEqual([]);
    expect(camunda.calls).toHaveLength(1);
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });

  it('dead-letters a record whose pattern needs backtracking features RE2 lacks', async () => {
    // Prepare
    const element = elementFactory({
      activationCondition: '=matches(value.s, value.p)',
    });

    // Act
    const { result, deadLetters, cost } = await run(element, [
      recordFactory({ value: { s: 'aa', p: '(a)\\1' } }),
      recordFactory({ offset: 2, value: { s: 'ab', p: 'a(?=b)' } }),
    ]);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters.map((l) => l.reason)).toEqual([
      'activation-condition-failed',
      'activation-condition-failed',
    ]);
    expect(deadLetters.letters[0]?.error).toMatch(/uses backreferences/);
    expect(deadLetters.letters[1]?.error).toMatch(/uses lookaround/);
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });

  it('does not let a built-in be called through a context entry (feel-scala: no such function)', async () => {
    // Prepare
    const element = elementFactory({
      resultVariable: 'kafka',
      resultExpression: '={m: matches, r: m(value.s, value.p)}',
    });

    // Act
    const { result, camunda, deadLetters, cost } = await run(element, [
      recordFactory({ value: { s: `${'a'.repeat(40)}!`, p: '^(a|aa)+$' } }),
    ]);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters).toEqual([]);
    expect(camunda.calls).toHaveLength(1);
    expect(JSON.stringify(camunda.calls[0])).toContain('"r":null');
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });

  it('dead-letters every record of an expression nested past the limits, not the batch', async () => {
    // Prepare: a binding stored before the limits (the consumer compiles it)
    const element = elementFactory({
      activationCondition: `=${'['.repeat(5_000)}true${']'.repeat(5_000)}`,
    });

    // Act
    const { result, deadLetters, cost } = await run(element, [
      recordFactory({ offset: 1 }),
      recordFactory({ offset: 2 }),
    ]);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters.map((l) => l.offset)).toEqual([1, 2]);
    expect(deadLetters.letters[0]?.error).toMatch(
      /nests brackets 5000 levels deep/
    );
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });
});

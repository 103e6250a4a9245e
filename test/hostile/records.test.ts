import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BindingElement } from '../../lib/binding/types.js';
import type { KafkaEventRecord } from '../../lib/kafka/types.js';
import {
  base64,
  bindingFactory,
  elementFactory,
  kafkaEventFactory,
  messageElementFactory,
  recordFactory,
} from '../support/factories/index.js';
import { setupProcessor } from '../support/setupProcessor.js';
import {
  BOUNDS,
  CLEAN_PROBE,
  measure,
  pollutionProbe,
  prototypeNames,
} from './measure.js';

const MB = 1024 * 1024;
const POLLUTING_JSON =
  '{"__proto__":{"polluted":true,"isAdmin":true},' +
  '"constructor":{"prototype":{"polluted":true}},' +
  '"prototype":{"polluted":true},"orderId":"o-1"}';

/** A record whose key, value and header bytes are given raw. */
const rawRecord = (parts: {
  readonly key?: Uint8Array;
  readonly value: Uint8Array;
  readonly headers?: Record<string, number[]>[];
}): KafkaEventRecord => ({
  ...recordFactory({ offset: 7 }),
  ...(parts.key ? { key: base64(parts.key) } : {}),
  value: base64(parts.value),
  headers: parts.headers ?? [],
});

const INVALID_UTF8 = Uint8Array.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]);

const run = async (
  record: KafkaEventRecord,
  element: BindingElement = elementFactory({ resultVariable: 'kafka' })
) => {
  const binding = bindingFactory({ elements: [element] });
  const setup = setupProcessor(binding);
  const { result, cost } = await measure(() =>
    setup.processor.process(kafkaEventFactory([record]))
  );
  return { ...setup, result, cost };
};

describe('Hostile records through createBatchProcessor', () => {
  let namesBefore: string[] = [];
  beforeAll(() => {
    namesBefore = prototypeNames();
  });
  afterAll(() => {
    // Assess: nothing any record did reached a shared prototype.
    expect(prototypeNames()).toEqual(namesBefore);
    expect(pollutionProbe()).toEqual(CLEAN_PROBE);
  });

  it('dead-letters a value whose variables are over 1.5 MB as variables-too-large', async () => {
    // Prepare
    const record = recordFactory({ value: { blob: 'x'.repeat(1.6 * MB) } });

    // Act
    const { result, camunda, deadLetters, cost } = await run(record);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(camunda.calls).toHaveLength(0);
    expect(deadLetters.letters).toHaveLength(1);
    expect(deadLetters.letters[0]?.reason).toBe('variables-too-large');
    expect(deadLetters.letters[0]?.error).toMatch(/over Camunda's limit/);
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });

  it('dead-letters a single 6 MB value within the time and memory bounds', async () => {
    // Prepare
    const record = recordFactory({ value: 'v'.repeat(6 * MB) });

    // Act
    const { result, deadLetters, cost } = await run(record);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters.map((l) => l.reason)).toEqual([
      'variables-too-large',
    ]);
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
    expect(cost.heapDeltaMb).toBeLessThan(BOUNDS.heapDeltaMb);
  });

  it('decodes invalid UTF-8 in key, value and header as U+FFFD and goes on', async () => {
    // Prepare
    const record = rawRecord({
      key: INVALID_UTF8,
      value: INVALID_UTF8,
      headers: [{ 'bad-\uFFFF': [-1, -2, 65] }, { ok: [104, 105] }],
    });

    // Act
    const { result, camunda, deadLetters } = await run(record);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters).toHaveLength(0);
    const sent = camunda.instances[0]?.variables?.kafka as {
      key: unknown;
      value: unknown;
      headers: Record<string, string>;
    };
    expect(sent.value).toBe('{\uFFFD\uFFFD\uFFFD(}');
    expect(sent.key).toBe('{\uFFFD\uFFFD\uFFFD(}');
    expect(sent.headers).toEqual({ 'bad-\uFFFF': '\uFFFD\uFFFDA', ok: 'hi' });
  });

  it('keeps JSON nested 10,000 levels deep as text and creates the instance', async () => {
    // Prepare
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const record = recordFactory({ value: deep });
    const element = elementFactory({
      resultVariable: 'kafka',
      activationCondition: '=value != null',
      resultExpression: '={ length: string length(rawValue) }',
    });

    // Act
    const { result, camunda, cost } = await run(record, element);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(camunda.instances[0]?.variables).toMatchObject({
      length: 20_001,
      kafka: { value: deep },
    });
    expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
  });

  it('reads JSON with duplicate keys the way JSON.parse does (the last wins)', async () => {
    // Prepare
    const record = recordFactory({
      value: '{"orderId":"first","orderId":"second"}',
    });
    const element = messageElementFactory({ resultVariable: 'kafka' });

    // Act
    const { result, camunda } = await run(record, element);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect([...camunda.messages.values()][0]?.correlationKey).toBe('second');
  });

  it('keeps __proto__, constructor and prototype keys of a value as plain data', async () => {
    // Prepare
    const record = recordFactory({ value: POLLUTING_JSON });
    const element = elementFactory({
      resultVariable: 'kafka',
      activationCondition: '=value.__proto__.polluted = true',
      resultExpression:
        '={ proto: value.__proto__, ctor: value.constructor, viaValue: value }',
    });

    // Act
    const { result, camunda, deadLetters } = await run(record, element);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(deadLetters.letters).toHaveLength(0);
    const variables = camunda.instances[0]?.variables ?? {};
    expect(Object.getPrototypeOf(variables)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(variables))).toMatchObject({
      proto: { polluted: true, isAdmin: true },
      ctor: { prototype: { polluted: true } },
      viaValue: JSON.parse(POLLUTING_JSON),
    });
    expect(pollutionProbe()).toEqual(CLEAN_PROBE);
  });

  it('keeps a __proto__ key and header name as data', async () => {
    // Prepare
    const record = recordFactory({
      key: '{"__proto__":{"polluted":true}}',
      headers: [
        ['__proto__', 'polluted'],
        ['constructor', 'x'],
      ],
    });

    // Act
    const { result, camunda } = await run(record);

    // Assess
    expect(result.response).toEqual({ batchItemFailures: [] });
    const sent = JSON.parse(
      JSON.stringify(camunda.instances[0]?.variables?.kafka)
    );
    expect(sent.key).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(Object.keys(sent.headers).sort()).toEqual([
      '__proto__',
      'constructor',
    ]);
    expect(pollutionProbe()).toEqual(CLEAN_PROBE);
  });

  it.each([
    // A FEEL context key is data, `__proto__` too (feel-scala has no
    // prototypes): the entry is sent as an own property, nothing is polluted.
    {
      name: 'a __proto__ entry',
      expression: '={ "__proto__": { polluted: true } }',
      deadLettered: false,
      sent: '"__proto__":{"polluted":true}',
    },
    {
      name: 'context put on __proto__',
      expression: '=context put({}, "__proto__", { polluted: true })',
      deadLettered: false,
      sent: '"__proto__":{"polluted":true}',
    },
    {
      name: 'a nested constructor.prototype',
      expression: '={ constructor: { prototype: { polluted: true } } }',
      deadLettered: false,
      sent: '"constructor":{"prototype":{"polluted":true}}',
    },
  ])(
    'never pollutes through a result expression with $name',
    async ({ expression, deadLettered, sent }) => {
      // Prepare
      const record = recordFactory({ value: POLLUTING_JSON });
      const element = elementFactory({
        resultVariable: 'kafka',
        resultExpression: expression,
      });

      // Act
      const { result, camunda, deadLetters } = await run(record, element);

      // Assess: either sent as data or dead-lettered; never a crash.
      expect(result.response).toEqual({ batchItemFailures: [] });
      expect(deadLetters.letters.map((l) => [l.reason, l.error])).toEqual(
        deadLettered
          ? [
              [
                'result-expression-failed',
                expect.stringMatching(/must return a context/),
              ],
            ]
          : []
      );
      expect(camunda.instances).toHaveLength(deadLettered ? 0 : 1);
      for (const instance of camunda.instances) {
        expect(Object.getPrototypeOf(instance.variables)).toBe(
          Object.prototype
        );
        expect(JSON.stringify(instance.variables)).toContain(sent);
      }
      expect(pollutionProbe()).toEqual(CLEAN_PROBE);
    }
  );
});

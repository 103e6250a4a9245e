import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { captureIo } from './cliIo.js';

const EXAMPLES = [
  'examples/order-intake-process.bpmn',
  'examples/order-process.bpmn',
  'examples/payment-process.bpmn',
];
const MALFORMED = 'test/fixtures/bpmn/malformed';

interface JsonReport {
  files: {
    file: string;
    bindings: {
      id: string;
      revision: string;
      processId: string;
      elements: { elementId: string; kind: string }[];
      kafka: { bootstrapServers: string[]; topic: string; groupId: string };
      esm?: { aliasName: string; request: Record<string, unknown> };
    }[];
    warnings: { message: string }[];
    errors: { elementId?: string; property?: string; message: string }[];
  }[];
}

const runJson = async (
  files: string[]
): Promise<{ code: number; report: JsonReport }> => {
  const io = captureIo();
  const code = await main(['validate', '--json', ...files], io);
  return { code, report: JSON.parse(io.stdout.join('\n')) as JsonReport };
};

describe('Command: validate', () => {
  it('prints the bindings of the examples as JSON and exits 0', async () => {
    // Act
    const { code, report } = await runJson(EXAMPLES);

    // Assess
    expect(code).toBe(0);
    expect(report.files.map((file) => file.file)).toEqual(EXAMPLES);
    const bindings = report.files.flatMap((file) => file.bindings);
    expect(
      bindings.map((b) => [b.processId, b.elements[0]?.kind, b.kafka.topic])
    ).toEqual([
      ['order-intake-process', 'noneStartEvent', 'order-intake'],
      ['order-process', 'messageStartEvent', 'orders'],
      ['payment-process', 'intermediateCatchEvent', 'payments'],
    ]);
    for (const binding of bindings) {
      expect(binding.id).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
      expect(binding.kafka.bootstrapServers).toEqual(['localhost:9092']);
      expect(binding.esm?.aliasName).toBe(binding.id);
      expect(binding.esm?.request).toMatchObject({
        Topics: [binding.kafka.topic],
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
    expect(report.files.every((file) => file.errors.length === 0)).toBe(true);
  });

  it('exits 1 and names element and property for every problem of a file', async () => {
    // Act
    const { code, report } = await runJson([
      `${MALFORMED}/many-problems.bpmn`,
      'examples/payment-process.bpmn',
    ]);

    // Assess
    expect(code).toBe(1);
    const [bad, good] = report.files;
    expect(bad?.bindings).toEqual([]);
    expect(
      bad?.errors.map((error) => [error.elementId, error.property])
    ).toEqual([
      ['PaymentReceived', 'activationCondition'],
      ['PaymentReceived', 'autoOffsetReset'],
      ['PaymentReceived', 'messageTtl'],
      ['PaymentReceived', 'offsets'],
      ['PaymentReceived', 'topic.bootstrapServers'],
      ['PaymentReceived', 'topic.topicName'],
    ]);
    expect(good?.errors).toEqual([]);
  });

  it.each([
    ['external-entity.bpmn', /DOCTYPE/],
    ['billion-laughs.bpmn', /DOCTYPE/],
    ['not-xml.bpmn', /not an XML file/],
    ['empty.bpmn', /empty/],
    ['duplicate-ids.bpmn', /two elements have the id/],
  ])(
    'reports %s with a readable line, no stack trace',
    async (file, message) => {
      // Prepare
      const io = captureIo();

      // Act
      const code = await main(['validate', `${MALFORMED}/${file}`], io);

      // Assess
      expect(code).toBe(1);
      const output = io.stdout.join('\n');
      expect(output).toMatch(/INVALID/);
      expect(output).toMatch(message);
      expect(output).not.toMatch(/\n\s+at /);
      expect(io.stderr).toEqual([]);
    }
  );

  it('treats a file without Kafka elements as a warning', async () => {
    // Act
    const { code, report } = await runJson([
      `${MALFORMED}/no-kafka-elements.bpmn`,
    ]);

    // Assess
    expect(code).toBe(0);
    expect(report.files[0]?.warnings[0]?.message).toMatch(/no Kafka elements/);
  });

  it('reports a missing file as an error of that file', async () => {
    // Act
    const { code, report } = await runJson(['does/not/exist.bpmn']);

    // Assess
    expect(code).toBe(1);
    expect(report.files[0]?.errors).toEqual([{ message: 'no such file' }]);
  });

  it('reports a folder as an error of that argument, saying which files to give', async () => {
    // Act
    const { code, report } = await runJson(['examples']);

    // Assess
    expect(code).toBe(1);
    expect(report.files[0]?.errors).toEqual([
      {
        message: 'a folder, not a file: give its BPMN files (examples/*.bpmn)',
      },
    ]);
  });

  it('exits 2 with the usage when no file is given', async () => {
    // Prepare
    const io = captureIo();

    // Act
    const code = await main(['validate'], io);

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/needs at least one BPMN file/);
  });
});

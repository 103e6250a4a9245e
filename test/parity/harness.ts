import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBindingModel } from '../../lib/binding/index.js';
import type { Binding } from '../../lib/binding/types.js';
import type { Problem } from '../../lib/bpmn/types.js';
import {
  createCamundaClient,
  readCamundaConfig,
} from '../../lib/camunda/index.js';
import { main } from '../../lib/cli/main.js';
import { deployedFromEnv } from '../../lib/cli/platform.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
} from '../../lib/consumer/index.js';
import type { DeadLetter } from '../../lib/consumer/types.js';
import type {
  KafkaBatchResponse,
  KafkaEventRecord,
} from '../../lib/kafka/types.js';
import { createRegistryClient } from '../../lib/registry/index.js';
import { captureIo } from '../cli/cliIo.js';
import type { CamundaFault } from '../support/camunda/types.js';
import {
  type CamundaDouble,
  startCamundaDouble,
} from '../support/camunda-double.js';
import {
  kafkaEventFactory,
  recordFactory,
} from '../support/factories/index.js';
import { createMemoryDeadLetterSink } from '../support/fakeCamunda.js';

/** One Camunda call as the double received it (validated against the SDK's zod contract). */
interface CamundaCall {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly status?: number;
}

interface ConsumeResult {
  readonly calls: CamundaCall[];
  readonly deadLetters: readonly DeadLetter[];
  readonly response: KafkaBatchResponse;
  readonly binding: Binding;
}

/** What `kafka-inbound validate --json` prints for one file. */
interface ValidateReport {
  readonly code: number;
  readonly bindings: readonly (Binding & {
    readonly esm?: {
      readonly request: Record<string, unknown>;
      readonly warnings: readonly Problem[];
      readonly secrets: readonly { name: string; accessType: string }[];
    };
  })[];
  readonly warnings: readonly Problem[];
  readonly errors: readonly Problem[];
}

const CAMUNDA_PATHS = ['/v2/messages/publication', '/v2/process-instances'];

/**
 * The parity harness: BPMN files and Kafka records go through the product's
 * own path (binding model, batch processor, REST client) to the Camunda
 * double, which checks every request against Camunda's published contract;
 * `validate` runs the CLI command with `--json`.
 */
const startParity = async () => {
  const double: CamundaDouble = await startCamundaDouble();
  const dir = await mkdtemp(join(tmpdir(), 'kafka-inbound-parity-'));
  let files = 0;

  /**
   * Runs records through the binding of a BPMN file (the only one, or the
   * one named) and returns the Camunda calls, dead letters and response.
   */
  const consume = async (
    xml: string,
    records: readonly KafkaEventRecord[],
    options: {
      readonly bindingId?: string;
      readonly env?: Record<string, string>;
      /** Faults the double answers with, one per request, in order. */
      readonly faults?: readonly CamundaFault[];
      /** A Confluent-compatible registry for the binding's schemas. */
      readonly schemaRegistryUrl?: string;
    } = {}
  ): Promise<ConsumeResult> => {
    const model = await loadBindingModel(xml);
    if (model.errors.length > 0) {
      throw new Error(`the BPMN has errors: ${JSON.stringify(model.errors)}`);
    }
    const binding =
      options.bindingId === undefined
        ? model.bindings[0]
        : model.bindings.find((b) => b.id === options.bindingId);
    if (binding === undefined) throw new Error('no such binding');
    double.reset();
    if (options.faults) double.enqueue(...options.faults);
    const env = { ...double.env(), ...options.env };
    const deadLetters = createMemoryDeadLetterSink();
    const processor = createBatchProcessor(
      deployedFromEnv(binding, env, 'provisioned'),
      {
        camunda: createCamundaClient(readCamundaConfig(env)),
        deadLetters,
        idempotency: createMemoryIdempotency(),
        ...(options.schemaRegistryUrl === undefined
          ? {}
          : {
              schemaRegistry: createRegistryClient({
                url: options.schemaRegistryUrl,
              }),
            }),
      }
    );
    const result = await processor.process(kafkaEventFactory(records));
    const calls = double.requests
      .filter((r) => r.method === 'POST' && CAMUNDA_PATHS.includes(r.path))
      .map((r) => ({
        path: r.path,
        body: r.body as Record<string, unknown>,
        ...(r.response?.kind === 'http' ? { status: r.response.status } : {}),
      }));
    return {
      calls,
      deadLetters: deadLetters.letters,
      response: result.response,
      binding,
    };
  };

  /** `kafka-inbound validate --json <file>` on the BPMN text. */
  const validate = async (
    xml: string,
    env: Record<string, string> = {}
  ): Promise<ValidateReport> => {
    files++;
    const file = join(dir, `parity-${files}.bpmn`);
    await writeFile(file, xml);
    const io = captureIo(env);
    const code = await main(['validate', '--json', file], io);
    const report = JSON.parse(io.stdout.join('\n')) as {
      files: Omit<ValidateReport, 'code'>[];
    };
    const [first] = report.files;
    if (first === undefined) throw new Error('validate printed no file');
    return { code, ...first };
  };

  const close = async (): Promise<void> => {
    await double.close();
    await rm(dir, { recursive: true, force: true });
  };

  return { double, consume, validate, close };
};

type Parity = Awaited<ReturnType<typeof startParity>>;

/** A record of topic `orders`, partition 0, with exactly the given texts. */
const textRecord = (
  options: {
    readonly key?: string | null;
    readonly value?: string | null;
    readonly offset?: number;
    readonly headers?: readonly (readonly [string, string])[];
  } = {}
): KafkaEventRecord =>
  recordFactory({
    key: options.key ?? null,
    value: options.value === undefined ? '{"orderId":"o-1"}' : options.value,
    offset: options.offset ?? 7,
    headers: options.headers ?? [],
  });

/** The message coordinates kafka-inbound adds (a documented difference). */
const coordinates = (record: KafkaEventRecord) => ({
  topic: record.topic,
  partition: record.partition,
  offset: record.offset,
  timestamp: record.timestamp,
});

export type { CamundaCall, ConsumeResult, Parity, ValidateReport };
export { coordinates, startParity, textRecord };

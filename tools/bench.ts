/**
 * `npm run bench`: the consumer's numbers, each measured against its baseline
 * in the same run.
 *
 * 1. CPU per record: the batch algorithm (decode, activation condition,
 *    result expression, variables, Camunda call to an in-process port) against
 *    the floor: base64 decode + JSON.parse of the value + JSON.stringify of
 *    the variables.
 * 2. Throughput, one partition of 1,000 records with 100 keys, Camunda test
 *    double answering after 20 ms: per-key mode, partition mode and a
 *    one-at-a-time baseline.
 * 3. Peak RSS for one 6 MB batch of 10,000 records (in a child process).
 * 4. Avro decoding per record: the same values Avro-encoded, read with an
 *    inline schema into the connector's JSON value (base64 decode + Avro
 *    read + JSON.stringify of the value), against the JSON floor of 1; and
 *    the whole batch algorithm on an inline-Avro binding.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import avsc from 'avsc/lib/types.js';
import type { Binding, BindingElement } from '../lib/binding/types.js';
import {
  checkVariablesSize,
  createCamundaClient,
  readCamundaConfig,
} from '../lib/camunda/index.js';
import type { CamundaPort } from '../lib/camunda/types.js';
import {
  createBatchProcessor,
  createMemoryIdempotency,
} from '../lib/consumer/index.js';
import type { DeployedBinding, OrderingMode } from '../lib/consumer/types.js';
import { createAvroReader } from '../lib/kafka/index.js';
import type { KafkaEvent, KafkaEventRecord } from '../lib/kafka/types.js';
import { startCamundaDouble } from '../test/support/camunda-double.js';
import {
  type BenchTarget,
  checkBenchTargets,
} from './bench/checkBenchTargets.js';

const TOPIC = 'orders';

const element = (overrides: Partial<BindingElement> = {}): BindingElement => ({
  elementId: 'PaymentReceived',
  kind: 'intermediateCatchEvent',
  messageName: 'payment-received',
  activationCondition: '=value.itemId = "a4f6j2"',
  consumeUnmatchedEvents: true,
  correlationKeyExpression: '=value.orderId',
  correlationRequired: true,
  messageTtlMs: 3_600_000,
  resultExpression: '={ "itemId": value.itemId, "amount": value.amount }',
  ...overrides,
});

const binding = (elements: BindingElement[]): Binding => ({
  id: 'payment-process_PaymentReceived',
  // The revision names the configuration (compiled FEEL is cached by it).
  revision: `bench-${elements.map((e) => e.activationCondition ?? '-').join()}`,
  processId: 'payment-process',
  elements,
  kafka: {
    bootstrapServers: ['localhost:9092'],
    topic: TOPIC,
    groupId: 'bench',
    groupIdSource: 'groupId',
    autoOffsetReset: 'earliest',
    clientProperties: {},
    authentication: { securityProtocol: 'PLAINTEXT' },
    schema: { type: 'noSchema' },
  },
  secrets: [],
});

const deployed = (
  ordering: OrderingMode,
  keyConcurrency = 100,
  overrides: Partial<BindingElement> = {}
): DeployedBinding => ({
  binding: binding([element(overrides)]),
  ordering,
  keyConcurrency,
  esmMode: 'provisioned',
});

const record = (
  partition: number,
  offset: number,
  key: string,
  value: unknown
): KafkaEventRecord => ({
  topic: TOPIC,
  partition,
  offset,
  timestamp: 1_764_000_000_000 + offset,
  timestampType: 'CREATE_TIME',
  key: Buffer.from(key).toString('base64'),
  value: Buffer.from(JSON.stringify(value)).toString('base64'),
  headers: [{ source: [...Buffer.from('bench')] }],
});

const event = (records: KafkaEventRecord[]): KafkaEvent => {
  const grouped: Record<string, KafkaEventRecord[]> = {};
  for (const item of records) {
    const group = `${item.topic}-${item.partition}`;
    grouped[group] ??= [];
    grouped[group].push(item);
  }
  return {
    eventSource: 'SelfManagedKafka',
    bootstrapServers: 'localhost:9092',
    records: grouped,
  };
};

/** ~150-byte JSON values, as in the performance notes. */
const orderValue = (i: number) => ({
  orderId: `order-${i % 977}`,
  itemId: i % 2 === 0 ? 'a4f6j2' : 'b7k9x1',
  amount: (i % 1000) / 10,
  currency: 'EUR',
  customer: { id: `c-${i % 131}`, tier: 'gold' },
  note: 'x'.repeat(20),
});

/**
 * Camunda without the network: each request is serialized as the real
 * client serializes it (the variables through the size check, whose result
 * the consumer already produced, and the other fields), then answered done.
 */
const instantCamunda = (): CamundaPort => {
  const serialize = (request: {
    readonly variables?: Readonly<Record<string, unknown>>;
  }): number => {
    const { variables, ...fields } = request;
    const check = checkVariablesSize(variables);
    return JSON.stringify(fields).length + (check.ok ? check.json.length : 0);
  };
  return {
    createProcessInstance: async (request) => ({
      kind: 'done',
      status: 200,
      body: serialize(request),
    }),
    publishMessage: async (request) => ({
      kind: 'done',
      status: 200,
      body: serialize(request),
    }),
  };
};

const quietSink = { send: async () => {} };

const cpuPerRecord = async (): Promise<{
  floorUs: number;
  handlerUs: number;
}> => {
  const count = 20_000;
  const records = Array.from({ length: count }, (_, i) =>
    record(i % 4, Math.floor(i / 4), `k-${i % 100}`, orderValue(i))
  );
  const batch = event(records);
  const processor = createBatchProcessor(deployed('partition'), {
    camunda: instantCamunda(),
    deadLetters: quietSink,
    idempotency: createMemoryIdempotency(),
  });

  let sink = 0;
  const floor = (): void => {
    for (const item of records) {
      const raw = Buffer.from(item.value ?? '', 'base64').toString('utf8');
      const value = JSON.parse(raw) as Record<string, unknown>;
      sink += JSON.stringify({ value, rawValue: raw }).length;
    }
  };
  const handler = async (): Promise<void> => {
    const result = await processor.process(batch);
    sink += result.counts.done;
  };

  // Warm up both, then take the best of several rounds of each.
  for (let i = 0; i < 3; i += 1) {
    floor();
    await handler();
  }
  let floorBest = Number.POSITIVE_INFINITY;
  let handlerBest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round += 1) {
    let start = performance.now();
    floor();
    floorBest = Math.min(floorBest, performance.now() - start);
    start = performance.now();
    await handler();
    handlerBest = Math.min(handlerBest, performance.now() - start);
  }
  if (sink < 0) {
    console.log(sink);
  }
  return {
    floorUs: (floorBest * 1000) / count,
    handlerUs: (handlerBest * 1000) / count,
  };
};

/** The Avro schema of {@link orderValue}. */
const ORDER_SCHEMA = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'itemId', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: 'string' },
    {
      name: 'customer',
      type: {
        type: 'record',
        name: 'Customer',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'tier', type: 'string' },
        ],
      },
    },
    { name: 'note', type: ['null', 'string'] },
  ],
};

/** Best of 7 rounds (after 3 warm-ups), µs per record. */
const bestUs = async (
  count: number,
  run: () => void | Promise<void>
): Promise<number> => {
  for (let i = 0; i < 3; i += 1) await run();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round += 1) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return (best * 1000) / count;
};

const avroDecoding = async (): Promise<{
  jsonFloorUs: number;
  avroUs: number;
  avroHandlerUs: number;
}> => {
  const count = 20_000;
  const schema = JSON.stringify(ORDER_SCHEMA);
  const writer = avsc.Type.forSchema(ORDER_SCHEMA, { wrapUnions: 'always' });
  const jsonRecords = Array.from({ length: count }, (_, i) =>
    record(i % 4, Math.floor(i / 4), `k-${i % 100}`, orderValue(i))
  );
  const avroRecords = jsonRecords.map((item, i) => {
    const { note, ...rest } = orderValue(i);
    return {
      ...item,
      value: writer
        .toBuffer({ ...rest, note: { string: note } })
        .toString('base64'),
    };
  });
  const reader = createAvroReader(schema);
  let sink = 0;
  const jsonFloorUs = await bestUs(count, () => {
    for (const item of jsonRecords) {
      const raw = Buffer.from(item.value ?? '', 'base64').toString('utf8');
      const value = JSON.parse(raw) as Record<string, unknown>;
      sink += JSON.stringify({ value, rawValue: raw }).length;
    }
  });
  const avroUs = await bestUs(count, () => {
    for (const item of avroRecords) {
      const value = reader.read(Buffer.from(item.value ?? '', 'base64'));
      sink += JSON.stringify({ value, rawValue: null }).length;
    }
  });
  const base = deployed('partition');
  const avroBinding: DeployedBinding = {
    ...base,
    binding: {
      ...base.binding,
      revision: 'bench-avro',
      kafka: {
        ...base.binding.kafka,
        schema: { type: 'inlineSchema', schema },
      },
    },
  };
  const processor = createBatchProcessor(avroBinding, {
    camunda: instantCamunda(),
    deadLetters: quietSink,
    idempotency: createMemoryIdempotency(),
  });
  const batch = event(avroRecords);
  const avroHandlerUs = await bestUs(count, async () => {
    const result = await processor.process(batch);
    sink += result.counts.done;
  });
  if (sink < 0) console.log(sink);
  return { jsonFloorUs, avroUs, avroHandlerUs };
};

const throughput = async (): Promise<{
  baselineMs: number;
  partitionMs: number;
  keyMs: number;
}> => {
  const double = await startCamundaDouble({ delayMs: 20 });
  try {
    const camunda = createCamundaClient(
      readCamundaConfig({ CAMUNDA_REST_ADDRESS: double.url })
    );
    const records = Array.from({ length: 1_000 }, (_, i) =>
      record(0, i, `customer-${i % 100}`, {
        ...orderValue(i),
        orderId: `order-${i}`,
      })
    );
    const run = async (ordering: OrderingMode): Promise<number> => {
      // Every record activates, so each run makes the same 1,000 calls as
      // the baseline.
      const processor = createBatchProcessor(
        deployed(ordering, 100, { activationCondition: undefined }),
        {
          camunda,
          deadLetters: quietSink,
          idempotency: createMemoryIdempotency(),
        }
      );
      double.reset();
      const start = performance.now();
      const result = await processor.process(event(records));
      const elapsed = performance.now() - start;
      const calls = double.requestsTo('/v2/messages/publication').length;
      if (result.response.batchItemFailures.length > 0 || calls !== 1_000) {
        throw new Error(
          `${ordering} mode did not finish the batch (${calls} calls, ${result.counts.deadLettered} dead letters)`
        );
      }
      return elapsed;
    };
    // One at a time: the same client calls, awaited one after the other,
    // without the batch algorithm.
    double.reset();
    const start = performance.now();
    for (const item of records) {
      const value = JSON.parse(
        Buffer.from(item.value ?? '', 'base64').toString('utf8')
      ) as { orderId: string };
      await camunda.publishMessage({
        name: 'payment-received',
        correlationKey: value.orderId,
        timeToLive: 3_600_000,
        messageId: `${item.topic}-${item.partition}-${item.offset}`,
        variables: { value },
      });
    }
    const baselineMs = performance.now() - start;
    const partitionMs = await run('partition');
    const keyMs = await run('key');
    return { baselineMs, partitionMs, keyMs };
  } finally {
    await double.close();
  }
};

/** Runs in a child process: one 6 MB batch of 10,000 records, peak RSS. */
const memoryChild = async (): Promise<void> => {
  const pad = 'y'.repeat(230);
  const records = Array.from({ length: 10_000 }, (_, i) =>
    record(i % 12, Math.floor(i / 12), `k-${i % 100}`, {
      ...orderValue(i),
      pad,
    })
  );
  const batch = event(records);
  const payloadBytes = Buffer.byteLength(JSON.stringify(batch));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const processor = createBatchProcessor(deployed('key', 16), {
    camunda: instantCamunda(),
    deadLetters: quietSink,
    idempotency: createMemoryIdempotency(),
  });
  await processor.process(batch);
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  console.log(JSON.stringify({ payloadBytes, peakRssBytes: peak }));
};

const peakMemory = (): { payloadBytes: number; peakRssBytes: number } => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--memory-child'],
    { encoding: 'utf8' }
  );
  if (child.status !== 0) {
    throw new Error(`memory child failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}');
};

const USAGE = `Usage: npm run bench [-- --check]

Measures the consumer against its baselines in one run and marks each target
met or MISSED.

Options:
  --check   exit 1 when a target is missed (0 otherwise)
  --help    this text
`;

/** `met`, or `MISSED (target …)`. */
const verdict = (target: BenchTarget | undefined): string =>
  target === undefined
    ? ''
    : target.met
      ? ' — met'
      : ` — MISSED (target ${target.target})`;

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.includes('--memory-child')) {
    await memoryChild();
    return;
  }
  if (args.includes('--help')) {
    process.stdout.write(USAGE);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`unknown option ${unknown.join(' ')}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const check = args.includes('--check');
  const started = performance.now();
  // Progress goes to stderr, the figures to stdout.
  const step = (index: number, what: string): void => {
    const elapsed = ((performance.now() - started) / 1000).toFixed(0);
    process.stderr.write(`bench: [${index}/4] ${what}… (${elapsed} s)\n`);
  };
  console.log(`kafka-inbound bench — Node ${process.version}, ${process.arch}`);
  step(1, 'CPU per record');
  const cpu = await cpuPerRecord();
  const cpuRatio = cpu.handlerUs / cpu.floorUs;
  const [cpuTarget] = checkBenchTargets({ cpuRatio });
  console.log(
    `CPU per record: handler ${cpu.handlerUs.toFixed(2)} µs, floor ${cpu.floorUs.toFixed(2)} µs, ratio ${cpuRatio.toFixed(2)}× (target ≤ 2×)${verdict(cpuTarget)}`
  );
  step(2, 'throughput against the Camunda double (+20 ms per call)');
  const tp = await throughput();
  const rate = (ms: number) => ((1_000 * 1_000) / ms).toFixed(0);
  const keySpeedup = tp.baselineMs / tp.keyMs;
  const [tpTarget] = checkBenchTargets({ keySpeedup });
  console.log(
    `Throughput, 1 partition, 1,000 records, 100 keys, Camunda +20 ms: one-at-a-time ${tp.baselineMs.toFixed(0)} ms (${rate(tp.baselineMs)} rec/s), partition mode ${tp.partitionMs.toFixed(0)} ms (${rate(tp.partitionMs)} rec/s), per-key mode ${tp.keyMs.toFixed(0)} ms (${rate(tp.keyMs)} rec/s); per-key vs baseline ${keySpeedup.toFixed(1)}× (target ≥ 20×)${verdict(tpTarget)}`
  );
  step(3, 'Avro decoding');
  const avro = await avroDecoding();
  console.log(
    `Avro decoding per record (inline schema, ~150-byte order): ${avro.avroUs.toFixed(2)} µs, JSON floor ${avro.jsonFloorUs.toFixed(2)} µs, ratio ${(avro.avroUs / avro.jsonFloorUs).toFixed(2)}×; handler on an inline-Avro binding ${avro.avroHandlerUs.toFixed(2)} µs, ${(avro.avroHandlerUs / avro.jsonFloorUs).toFixed(2)}× the JSON floor`
  );
  step(4, 'peak memory of one 10,000-record batch (child process)');
  const memory = peakMemory();
  const [memoryTarget] = checkBenchTargets({
    peakRssBytes: memory.peakRssBytes,
  });
  console.log(
    `Peak RSS, one batch of 10,000 records (${(memory.payloadBytes / 1e6).toFixed(2)} MB event): ${(memory.peakRssBytes / 1048576).toFixed(0)} MiB (target: within a 256 MB Lambda)${verdict(memoryTarget)}`
  );
  const missed = checkBenchTargets({
    cpuRatio,
    keySpeedup,
    peakRssBytes: memory.peakRssBytes,
  }).filter((target) => !target.met);
  console.log(
    missed.length === 0
      ? 'All targets met.'
      : `MISSED: ${missed.map((t) => `${t.name} ${t.measured} (target ${t.target})`).join('; ')}${check ? '' : ' (run with --check to exit 1)'}`
  );
  if (check && missed.length > 0) process.exitCode = 1;
};

await main();

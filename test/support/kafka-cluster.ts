import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A topic the mock cluster creates before it reports ready. */
interface KafkaTopicSpec {
  readonly name: string;
  readonly partitions: number;
}

interface KafkaClusterOptions {
  /** Number of brokers (ids 1..N); default 1. */
  readonly brokers?: number;
  readonly topics?: readonly KafkaTopicSpec[];
  /** How long to wait for the launcher to report ready; default 10 s. */
  readonly startTimeoutMs?: number;
}

/** A running librdkafka mock cluster on 127.0.0.1. */
interface KafkaCluster {
  /** `host:port,host:port,…` */
  readonly bootstrapServers: string;
  /** The bootstrap servers as a list, as kafkajs wants them. */
  readonly brokers: readonly string[];
  /** Takes broker `id` (1..N) down: connections are refused or closed. */
  setBrokerDown(id: number): Promise<void>;
  setBrokerUp(id: number): Promise<void>;
  createTopic(name: string, partitions: number): Promise<void>;
  /** Stops the cluster; safe to call twice. */
  stop(): Promise<void>;
}

const launcherPath = join(
  dirname(fileURLToPath(import.meta.url)),
  'kafka',
  'mock_cluster.py'
);

/** Hands out the launcher's stdout lines one at a time, in order. */
const createLineReader = (lines: Interface) => {
  const buffered: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  lines.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else buffered.push(line);
  });
  lines.once('close', () => {
    closed = true;
    for (const waiter of waiting.splice(0)) waiter(null);
  });
  return (timeoutMs: number): Promise<string | null> => {
    const line = buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const waiter = (value: string | null): void => {
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`mock cluster: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.push(waiter);
    });
  };
};

/**
 * Starts librdkafka's mock cluster (a Kafka wire-protocol server, not Apache
 * Kafka) with the given topics. Needs `python3` and `librdkafka.so.1`.
 *
 * @param options - broker count and topics to create
 * @example
 * ```ts
 * const kafka = await startKafkaCluster({ topics: [{ name: 'orders', partitions: 3 }] });
 * // … new Kafka({ brokers: [...kafka.brokers] }) …
 * await kafka.stop();
 * ```
 */
const startKafkaCluster = async (
  options: KafkaClusterOptions = {}
): Promise<KafkaCluster> => {
  const brokers = options.brokers ?? 1;
  const args = [launcherPath, '--brokers', String(brokers)];
  for (const topic of options.topics ?? []) {
    args.push('--topic', `${topic.name}:${topic.partitions}`);
  }
  // stdin stays a pipe: when this process dies, the launcher sees EOF and
  // stops, so no broker outlives a crashed test run.
  const child = spawn('python3', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errText = (errText + chunk).slice(-4000);
  });
  const spawnError = once(child, 'error').then(([error]) => {
    throw error instanceof Error ? error : new Error(String(error));
  });
  spawnError.catch(() => undefined);
  if (!child.stdout || !child.stdin) {
    throw new Error('mock cluster: no stdio pipes');
  }
  const lines = createInterface({ input: child.stdout });
  const nextLine = createLineReader(lines);
  const readAnswer = async (
    timeoutMs: number
  ): Promise<Record<string, unknown>> => {
    const line = await nextLine(timeoutMs);
    if (line === null) {
      throw new Error(`mock cluster stopped: ${errText.trim()}`);
    }
    return JSON.parse(line) as Record<string, unknown>;
  };
  const ready = await Promise.race([
    readAnswer(options.startTimeoutMs ?? 10_000),
    spawnError,
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const bootstrapServers = String(ready.bootstrapServers);
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  let queue: Promise<unknown> = Promise.resolve();

  const command = (line: string): Promise<void> => {
    const run = queue.then(async () => {
      if (exited) throw new Error('mock cluster is stopped');
      child.stdin?.write(`${line}\n`);
      const answer = await readAnswer(5000);
      if (answer.ok !== true) {
        throw new Error(`mock cluster: ${String(answer.error)}`);
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const stop = async (): Promise<void> => {
    if (exited) return;
    const gone = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
    lines.close();
  };

  return {
    bootstrapServers,
    brokers: bootstrapServers.split(','),
    setBrokerDown: (id) => command(`down ${id}`),
    setBrokerUp: (id) => command(`up ${id}`),
    createTopic: (name, partitions) => command(`topic ${name} ${partitions}`),
    stop,
  };
};

export type { KafkaCluster, KafkaClusterOptions, KafkaTopicSpec };
export { startKafkaCluster };

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

interface MotoOptions {
  /** How long to wait for the server to answer; default 15 s. */
  readonly startTimeoutMs?: number;
  /** Attempts with a fresh port when the server dies at start; default 3. */
  readonly attempts?: number;
}

/** A running `moto_server` on 127.0.0.1. */
interface Moto {
  /** `http://127.0.0.1:<port>`; give it to SDK clients as `endpoint`. */
  readonly endpoint: string;
  /** Region, dummy credentials and endpoint for an AWS SDK v3 client. */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: {
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
    };
  };
  /** Drops every resource of every service (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
}

// Runs moto_server in its own process group and stops it when our stdin
// closes, so the server never outlives a test worker that was killed hard.
const WATCHDOG = [
  'import subprocess, sys, threading',
  'p = subprocess.Popen(sys.argv[1:])',
  'def watch():',
  '    sys.stdin.read()',
  '    p.terminate()',
  'threading.Thread(target=watch, daemon=True).start()',
  'sys.exit(p.wait())',
].join('\n');

// moto_server answers requests on several threads, and its DynamoDB
// UpdateItem/PutItem/DeleteItem check the ConditionExpression and then write
// without a lock: two concurrent conditional writes can both pass (both
// "acquire" the same lease). DynamoDB applies a conditional write atomically,
// so code that uses it as a lock is right and the double is not. Serialising
// moto's DynamoDB actions gives the per-item atomicity DynamoDB promises.
// Other services keep running in parallel (an SQS long poll must not stall
// everything). Without an importable moto, falls back to plain moto_server.
const LAUNCHER = [
  'import os, sys, threading',
  'try:',
  '    from moto.dynamodb.responses import DynamoHandler',
  '    from moto.server import main',
  'except ImportError:',
  "    sys.stderr.write('moto: not importable; DynamoDB writes not serialised\\n')",
  "    os.execvp('moto_server', ['moto_server', *sys.argv[1:]])",
  'lock = threading.Lock()',
  'call_action = DynamoHandler.call_action',
  'def serialised(self):',
  '    with lock:',
  '        return call_action(self)',
  'DynamoHandler.call_action = serialised',
  'main(sys.argv[1:])',
].join('\n');

const live = new Set<ChildProcess>();

/** Kills the process group of `child` (the watchdog and moto_server). */
const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
};

let exitHookInstalled = false;
const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
};

/** A port nobody listens on right now (the OS picks it). */
const findFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('moto: could not find a free port'));
        }
      });
    });
  });

const isAnswering = async (endpoint: string): Promise<boolean> => {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, {
      signal: AbortSignal.timeout(1_000),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
};

const waitForExit = (child: ChildProcess, timeoutMs: number) =>
  new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

const stopChild = async (child: ChildProcess): Promise<void> => {
  // Closing stdin lets the watchdog stop moto_server and reap it; signalling
  // the group at once would orphan the server as a zombie.
  child.stdin?.end();
  if (!(await waitForExit(child, 3_000))) {
    killGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 2_000))) {
      killGroup(child, 'SIGKILL');
      await waitForExit(child, 2_000);
    }
  }
  live.delete(child);
};

/** Spawns one server on `port`; resolves once it answers, rejects if it dies. */
const launch = async (
  port: number,
  timeoutMs: number
): Promise<ChildProcess> => {
  const child = spawn(
    'python3',
    [
      '-c',
      WATCHDOG,
      'python3',
      '-c',
      LAUNCHER,
      '-H',
      '127.0.0.1',
      '-p',
      String(port),
    ],
    { detached: true, stdio: ['pipe', 'ignore', 'pipe'] }
  );
  live.add(child);
  let errText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errText = (errText + chunk).slice(-2_000);
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError !== undefined || child.exitCode !== null) {
      live.delete(child);
      throw new Error(
        `moto_server exited at start: ${spawnError?.message ?? errText.trim()}`
      );
    }
    if (await isAnswering(endpoint)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child);
  throw new Error(`moto_server did not answer in ${timeoutMs} ms: ${errText}`);
};

/**
 * Starts `moto_server` on a free loopback port and waits until it answers.
 * The server is killed on `stop()`, when this process exits, and (through a
 * watchdog on its stdin) when this process is killed.
 *
 * @param options - start timeout and attempts
 * @example
 * ```ts
 * const moto = await startMoto();
 * const sqs = new SQSClient(moto.clientConfig);
 * // …
 * await moto.stop();
 * ```
 */
const startMoto = async (options: MotoOptions = {}): Promise<Moto> => {
  installExitHook();
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = await findFreePort();
    let child: ChildProcess;
    try {
      // Another process may take the port between our probe and the
      // server's bind; the server then exits and we try a new port.
      child = await launch(port, timeoutMs);
    } catch (error) {
      lastError = error;
      continue;
    }
    const endpoint = `http://127.0.0.1:${port}`;
    let stopped: Promise<void> | undefined;
    return {
      endpoint,
      clientConfig: {
        endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
      reset: async () => {
        const response = await fetch(`${endpoint}/moto-api/reset`, {
          method: 'POST',
        });
        await response.body?.cancel();
        if (!response.ok) {
          throw new Error(`moto reset failed: HTTP ${response.status}`);
        }
      },
      stop: () => {
        stopped ??= stopChild(child);
        return stopped;
      },
    };
  }
  throw new Error(`moto_server did not start in ${attempts} attempts`, {
    cause: lastError,
  });
};

export type { Moto, MotoOptions };
export { startMoto };

// Shared test setup: runs before every test file.
import { afterAll, beforeEach } from 'vitest';

// AWS SDK clients must never reach a real account from a test.
process.env.AWS_REGION ??= 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
// The tests run on Node.js 20 on purpose (docs/development.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_DEV ??= 'false';

// Quiet runs (issue 17): what the code under test writes straight to the
// process's streams — Powertools' JSON logs and EMF metrics, kafkajs, Node
// warnings — is held and shown only for a failing test. console.* output is
// vitest's own to hold (`silent: 'passed-only'` in vitest.config.ts).
// Tests that read that output spy on `write` on top of this (captureOutput).
type Write = typeof process.stdout.write;
const held: { readonly stream: NodeJS.WriteStream; readonly chunk: string }[] =
  [];
const realWrite = new Map<NodeJS.WriteStream, Write>();
for (const stream of [process.stdout, process.stderr]) {
  realWrite.set(stream, stream.write.bind(stream) as Write);
  stream.write = ((
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void
  ): boolean => {
    held.push({
      stream,
      chunk:
        typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'),
    });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done !== undefined) queueMicrotask(() => done());
    return true;
  }) as Write;
}

const release = (): void => {
  for (const { stream, chunk } of held.splice(0)) {
    realWrite.get(stream)?.(chunk);
  }
};

// The test's own onTestFinished: the global one cannot tell concurrent
// tests apart. Output of tests running side by side (it.concurrent) shares
// one buffer: a failure shows what was written since the last test ended.
beforeEach(({ onTestFinished }) => {
  onTestFinished(({ task }) => {
    // The output of a failed test, and of the hooks before it, is shown.
    if (task.result?.state === 'fail') release();
    else held.splice(0);
  });
});

/** True when the suite, or anything in it, failed (a hook, say). */
const anyFailed = (task: {
  readonly result?: { readonly state?: string };
  readonly tasks?: readonly unknown[];
}): boolean =>
  task.result?.state === 'fail' ||
  (task.tasks ?? []).some((child) => anyFailed(child as typeof task));

// vitest 4 passes its fixtures first, the suite second.
// biome-ignore lint/correctness/noEmptyPattern: vitest reads its fixtures from the pattern
afterAll(({}, suite) => {
  // A failing beforeAll or afterAll fails the file: show what was written.
  if (suite !== undefined && anyFailed(suite)) release();
  else held.splice(0);
});

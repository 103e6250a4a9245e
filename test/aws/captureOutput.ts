import { vi } from 'vitest';

/** What Powertools wrote to stdout and stderr while capturing. */
interface OutputCapture {
  /** Every line that parsed as JSON, in the order written. */
  lines(): Record<string, unknown>[];
  /** Everything written to either stream, as text. */
  text(): string;
  /** Log lines (those with a `message`). */
  logs(): Record<string, unknown>[];
  /** EMF documents (those with `_aws`). */
  metrics(): Record<string, unknown>[];
  restore(): void;
}

/**
 * Captures what Powertools writes: its Logger and Metrics write through a
 * `Console` on `process.stdout` / `process.stderr` (warn and error go to
 * stderr), so spying on both `write`s sees every line.
 */
const captureOutput = (): OutputCapture => {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array): boolean => {
    chunks.push(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    );
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    lines,
    text: () => chunks.join(''),
    logs: () => lines().filter((line) => 'message' in line),
    metrics: () => lines().filter((line) => '_aws' in line),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
};

export type { OutputCapture };
export { captureOutput };

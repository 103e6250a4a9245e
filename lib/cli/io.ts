import { escapeTerminal } from '../text/index.js';

/** Where a CLI command writes and what it reads from its environment. */
interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /**
   * Aborted when whoever reads standard output has gone (`validate | head`):
   * long-running commands stop then; nothing more is written.
   */
  readonly outputClosed?: AbortSignal;
}

/** The writable side of a pipe whose reader is gone. */
const isClosedPipe = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED');

/**
 * The process's own streams and environment. Every line is made safe for a
 * terminal (control characters, ESC sequences and bidi controls escaped;
 * line feeds kept), so no name read from a file, a table or a record can
 * act on the terminal. When the reader of standard output goes away
 * (EPIPE), output stops quietly: no unhandled error, no stack trace, and
 * `outputClosed` is aborted so a long-running command can stop.
 */
const processIo = (): CliIo => {
  const closed = new AbortController();
  const onError = (error: unknown): void => {
    if (!isClosedPipe(error)) throw error;
    closed.abort();
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
  const write = (stream: NodeJS.WriteStream, line: string): void => {
    if (closed.signal.aborted) return;
    try {
      stream.write(`${escapeTerminal(line, { keepLines: true })}\n`);
    } catch (error) {
      onError(error);
    }
  };
  return {
    out: (line) => write(process.stdout, line),
    err: (line) => write(process.stderr, line),
    env: process.env,
    cwd: process.cwd(),
    outputClosed: closed.signal,
  };
};

export type { CliIo };
export { processIo };

import type { CliIo } from '../../lib/cli/io.js';

/** A CLI io that records what a command prints. */
interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

const captureIo = (env: NodeJS.ProcessEnv = {}): CapturedIo => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env,
    cwd: process.cwd(),
  };
};

export type { CapturedIo };
export { captureIo };

import { runStartCommand } from '../local/index.js';
import type { CliIo } from './io.js';

/** `kafka-inbound start`: the local runtime (see lib/local). */
const runStart = (args: readonly string[], io: CliIo): Promise<number> =>
  runStartCommand(
    args,
    io,
    io.outputClosed === undefined ? {} : { outputClosed: io.outputClosed }
  );

export { runStart };

import { type logCreator, logLevel } from 'kafkajs';
import { escapeTerminal } from '../text/index.js';
import type { LocalLogger } from './types.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

const RANK: Readonly<Record<Level, number>> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
};

const readLevel = (value: string | undefined): Level => {
  const wanted = value?.trim().toLowerCase();
  return wanted === 'debug' ||
    wanted === 'info' ||
    wanted === 'warn' ||
    wanted === 'error'
    ? wanted
    : 'info';
};

const clock = (now: Date): string => now.toTimeString().slice(0, 8);

/**
 * A line logger for the terminal: `HH:MM:SS message`, info to `out`,
 * warnings and errors to `err`, below `level` dropped. With `json`, every
 * line goes to `out` as `{"time","level","message"}` (for machines).
 * Messages are escaped (control characters, ESC sequences, bidi controls,
 * line feeds).
 *
 * @param sinks - where lines go
 * @param level - `LOG_LEVEL` (debug, info, warn, error); default info
 * @param now - the clock
 * @param format - `json: true` for JSON lines
 */
const createLocalLogger = (
  sinks: { out: (line: string) => void; err: (line: string) => void },
  level?: string,
  now: () => Date = () => new Date(),
  format: { readonly json?: boolean } = {}
): LocalLogger => {
  const threshold = RANK[readLevel(level)];
  const write =
    (lineLevel: Level) =>
    (message: string): void => {
      if (RANK[lineLevel] < threshold) return;
      if (format.json === true) {
        sinks.out(
          JSON.stringify({
            time: now().toISOString(),
            level: lineLevel,
            message,
          })
        );
        return;
      }
      const prefix =
        lineLevel === 'warn' || lineLevel === 'error'
          ? `${clock(now())} ${lineLevel}: `
          : `${clock(now())} `;
      // One line per message, whatever a topic, file name or reason holds.
      (RANK[lineLevel] >= RANK.warn ? sinks.err : sinks.out)(
        `${prefix}${escapeTerminal(message)}`
      );
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
};

/**
 * Routes kafkajs's own logs to `log.debug`: the runtime reports connection
 * trouble in its own words, and kafkajs repeats every retry at ERROR level.
 *
 * @param log - the runtime's logger
 */
const kafkajsLogCreator =
  (log: LocalLogger): logCreator =>
  () =>
  ({ namespace, level, log: entry }) => {
    const label = logLevel[level] ?? String(level);
    log.debug(`kafkajs ${label} ${namespace}: ${entry.message}`);
  };

export { createLocalLogger, kafkajsLogCreator };

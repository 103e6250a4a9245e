import { SoakClockError } from './errors.js';

/** A clock whose time moves only when everything waits on it. */
interface VirtualClock {
  /** Virtual milliseconds since the clock started (at 0). */
  now(): number;
  /** Settles when virtual time has moved `ms` on. */
  sleep(ms: number): Promise<void>;
  /** Runs `action` when virtual time reaches now + `ms`; returns a cancel. */
  after(ms: number, action: () => void): () => void;
  /**
   * Awaits `main`, moving virtual time to the next timer whenever the
   * process is idle: no microtask left and `busy()` false (nothing on its
   * way through real I/O).
   */
  drive<T>(main: Promise<T>, busy: () => boolean): Promise<T>;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly action: () => void;
  cancelled: boolean;
}

// Real-time turns without progress before the clock calls it a deadlock.
const MAX_IDLE_TURNS_WITHOUT_TIMERS = 2_000;

const turn = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

/**
 * A discrete-event clock for the soak's slow-Camunda profile: timers fire in
 * virtual time, in order, and time jumps to the next one as soon as nothing
 * else can happen. Work between timers (the batch processor, the HTTP
 * exchange with the Camunda double on 127.0.0.1) takes no virtual time;
 * Camunda's latency and the function timeout are timers, so the processor
 * sees them exactly as configured whatever the machine's load.
 *
 * `drive` detects idleness with `setImmediate` turns (every microtask queued
 * before a turn has run after it) and the caller's `busy()` for real I/O in
 * progress (requests on their way to the double or answers on their way
 * back), which the clock cannot see by itself.
 */
const createVirtualClock = (): VirtualClock => {
  let current = 0;
  let seq = 0;
  const timers: Timer[] = [];

  const insert = (timer: Timer): void => {
    // Timers are few at a time (calls in flight): a sorted insert is enough.
    let index = timers.length;
    while (index > 0) {
      const before = timers[index - 1];
      if (
        before === undefined ||
        before.at < timer.at ||
        (before.at === timer.at && before.seq < timer.seq)
      ) {
        break;
      }
      index--;
    }
    timers.splice(index, 0, timer);
  };

  const after = (ms: number, action: () => void): (() => void) => {
    const timer: Timer = {
      at: current + Math.max(0, ms),
      seq: seq++,
      action,
      cancelled: false,
    };
    insert(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      after(ms, resolve);
    });

  const drive = async <T>(
    main: Promise<T>,
    busy: () => boolean
  ): Promise<T> => {
    let settled = false;
    const watched = main.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    let idleTurns = 0;
    while (!settled) {
      await turn();
      if (settled) break;
      if (busy()) {
        idleTurns = 0;
        continue;
      }
      // One more turn: what the last one let run may have queued I/O.
      await turn();
      if (settled || busy()) continue;
      const next = timers.shift();
      if (next === undefined) {
        idleTurns += 1;
        if (idleTurns > MAX_IDLE_TURNS_WITHOUT_TIMERS) {
          throw new SoakClockError(
            'nothing is running and no timer is set, yet the run has not ended'
          );
        }
        continue;
      }
      idleTurns = 0;
      if (next.cancelled) continue;
      current = Math.max(current, next.at);
      next.action();
    }
    return watched;
  };

  return { now: () => current, sleep, after, drive };
};

export type { VirtualClock };
export { createVirtualClock };

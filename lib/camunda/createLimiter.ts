/** Runs at most `max` tasks at once; the others wait in arrival order. */
type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A concurrency limiter. The client runs each HTTP exchange through one so
 * that a burst of calls reuses a bounded set of keep-alive connections
 * instead of opening one per call (undici's global pool has no cap).
 *
 * @internal
 * @param max - Tasks allowed at once (at least 1).
 */
const createLimiter = (max: number): Limiter => {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) {
      running -= 1;
    } else {
      // The slot passes straight to the next task.
      next();
    }
  };

  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < max) {
      running += 1;
    } else {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
};

export type { Limiter };
export { createLimiter };

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createVirtualClock,
  SoakClockError,
} from '../../../tools/soak/index.js';

describe('Function: createVirtualClock', () => {
  it('fires timers in time order, then in the order they were set, moving time to each', async () => {
    // Prepare
    const clock = createVirtualClock();
    const fired: string[] = [];
    const main = (async () => {
      await Promise.all([
        clock.sleep(300).then(() => fired.push(`c@${clock.now()}`)),
        clock.sleep(100).then(() => fired.push(`a@${clock.now()}`)),
        clock.sleep(100).then(() => fired.push(`b@${clock.now()}`)),
      ]);
      return clock.now();
    })();

    // Act
    const end = await clock.drive(main, () => false);

    // Assess
    expect(fired).toEqual(['a@100', 'b@100', 'c@300']);
    expect(end).toBe(300);
  });

  it('lets work chained on a timer run before the next timer fires', async () => {
    // Prepare: each step sleeps again once the one before has fired.
    const clock = createVirtualClock();
    const steps: number[] = [];
    const main = (async () => {
      for (let step = 0; step < 5; step++) {
        await clock.sleep(1500);
        await Promise.resolve();
        steps.push(clock.now());
      }
    })();

    // Act
    await clock.drive(main, () => false);

    // Assess
    expect(steps).toEqual([1500, 3000, 4500, 6000, 7500]);
  });

  it('does not fire a timer that was cancelled', async () => {
    // Prepare
    const clock = createVirtualClock();
    let fired = false;
    const cancel = clock.after(30_000, () => {
      fired = true;
    });
    const main = clock.sleep(1000).then(() => cancel());

    // Act
    await clock.drive(main, () => false);
    await clock.drive(clock.sleep(60_000), () => false);

    // Assess
    expect(fired).toBe(false);
    expect(clock.now()).toBe(61_000);
  });

  it('waits for real I/O the caller reports busy before moving time', async () => {
    // Prepare: an HTTP exchange in real time between two virtual sleeps.
    const server = createServer((_request, response) => {
      setTimeout(() => response.end('answer'), 20);
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve)
    );
    const { port } = server.address() as AddressInfo;
    const clock = createVirtualClock();
    let inFlight = 0;
    const seen: string[] = [];
    const main = (async () => {
      await clock.sleep(10);
      inFlight += 1;
      const text = await fetch(`http://127.0.0.1:${port}/`).then((r) =>
        r.text()
      );
      inFlight -= 1;
      seen.push(`${text}@${clock.now()}`);
      await clock.sleep(10);
      seen.push(`end@${clock.now()}`);
    })();
    // A timer the HTTP exchange must not let fire early.
    clock.after(15, () => seen.push(`timer@${clock.now()}`));

    // Act
    try {
      await clock.drive(main, () => inFlight > 0);
    } finally {
      server.close();
    }

    // Assess: the answer came at virtual time 10, before the timer at 15.
    expect(seen).toEqual(['answer@10', 'timer@15', 'end@20']);
  });

  it('fails when the run waits on nothing', async () => {
    // Prepare
    const clock = createVirtualClock();
    const never = new Promise<void>(() => undefined);

    // Act & Assess
    await expect(clock.drive(never, () => false)).rejects.toThrow(
      SoakClockError
    );
  });
});

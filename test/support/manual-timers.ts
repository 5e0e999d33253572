import type { Timers } from '../../src/platform/timers.js';
import type { ManualClock } from './manual-clock.js';

/** Timers a test fires by hand: nothing happens until it says so, however long the test takes. */
export interface ManualTimers extends Timers {
  /** How many timers are waiting. */
  readonly pending: number;
  /**
   * Fires every waiting timer (those set while they run wait for the next call), and resolves
   * when what they started has finished.
   */
  fire(): Promise<void>;
  /**
   * Moves the clock on by `ms`, firing each timer that falls due on the way, at its own time and
   * in order, and waiting for what it started (a lease's heartbeat, a read's time limit).
   */
  advance(ms: number): Promise<void>;
}

/** Timers that never fire on their own; `advance` needs the clock they are measured on. */
export function manualTimers(clock?: ManualClock): ManualTimers {
  const waiting = new Map<number, { due: number; fn: () => unknown }>();
  let next = 0;
  const now = () => clock?.now().getTime() ?? 0;
  return {
    after(ms, fn) {
      const id = next++;
      waiting.set(id, { due: now() + ms, fn });
      return () => waiting.delete(id);
    },
    get pending() {
      return waiting.size;
    },
    async fire() {
      const due = [...waiting.values()];
      waiting.clear();
      await Promise.all(due.map((timer) => timer.fn()));
    },
    async advance(ms) {
      if (clock === undefined) throw new Error('manualTimers(clock) is needed to advance');
      const end = now() + ms;
      for (;;) {
        let first: [number, { due: number; fn: () => unknown }] | undefined;
        for (const entry of waiting)
          if (first === undefined || entry[1].due < first[1].due) first = entry;
        if (first === undefined || first[1].due > end) break;
        waiting.delete(first[0]);
        clock.set(new Date(Math.max(first[1].due, now())).toISOString());
        await first[1].fn();
      }
      clock.set(new Date(end).toISOString());
    },
  };
}

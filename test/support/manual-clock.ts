import type { Clock } from '../../src/platform/clock.js';

/** A clock a test moves by hand (schedules, backoff, leases), never by waiting. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(iso: string): void;
}

/** A clock that starts at `start` and moves only when told. */
export function manualClock(start: string): ManualClock {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (iso) => {
      now = Date.parse(iso);
    },
  };
}

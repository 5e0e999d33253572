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

/**
 * The real time, moved ahead when told: for a browser test whose server must see a person's
 * pause (the form's minimum fill time) without the test waiting for it.
 */
export function movableClock(): ManualClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    set: (iso) => {
      offset = Date.parse(iso) - Date.now();
    },
  };
}

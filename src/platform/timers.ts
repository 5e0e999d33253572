/**
 * Waiting, handed to the code that waits (a feed read's time limit, a lease's heartbeat, the job
 * runner's poll) the way the Clock is, so a test fires a timer when it chooses instead of
 * sleeping and hoping the machine was fast enough.
 */
export interface Timers {
  /**
   * Calls `fn` once, `ms` from now; the returned function cancels it. A pending timer does not
   * keep the process alive.
   */
  after(ms: number, fn: () => unknown): () => void;
}

/** Real timers (`setTimeout`, unreferenced). */
export const systemTimers: Timers = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

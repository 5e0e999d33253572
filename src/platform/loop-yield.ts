import { performance } from 'node:perf_hooks';

/**
 * Gives the event loop a turn in the middle of long work on the server's one thread (an import,
 * an index build), so that requests, timers and I/O are served between its slices instead of
 * after all of it. Work calls it often (between rows, between batches); it resolves at once
 * unless the work has run long enough since its last turn.
 *
 * Handed to the code that does long work the way the Clock is, so a test can count the turns
 * and run its own work in them instead of depending on how fast the machine is.
 */
export type YieldToLoop = () => Promise<void>;

/** How long work runs between turns on the server: long enough to keep its speed, short enough not to be felt. */
export const defaultSliceMs = 8;

/**
 * Turns after every `sliceMs` of work, through `setImmediate`: the loop first answers the I/O
 * that arrived (requests), then the work goes on.
 */
export function yieldEvery(
  sliceMs = defaultSliceMs,
  now: () => number = () => performance.now(),
): YieldToLoop {
  let since = now();
  const resolved = Promise.resolve();
  return () => {
    if (now() - since < sliceMs) return resolved;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = now();
        resolve();
      }),
    );
  };
}

/** Never turns: one-shot commands, where nothing else waits for the loop. */
export const noYield: YieldToLoop = () => Promise.resolve();

/**
 * Long synchronous work written as a generator that yields between its steps (rows, pages) can be
 * run both ways: at once where nothing else waits, or a slice at a time on a server.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Runs the steps, giving the event loop a turn between them when one is due. */
export async function runStepsYielding<T>(steps: Steps<T>, turn: YieldToLoop): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await turn();
  }
}

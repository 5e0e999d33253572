/**
 * Requests are handled in short turns of the event loop, so that a new connection is accepted
 * within a turn whatever the load (decision 0125).
 *
 * Since libuv 1.45 (Node 20) a server accepts at most one connection per turn of the event loop
 * (libuv#3696), and a turn handles every request that has arrived on the open connections. Under
 * load a turn grows with the number of open connections (200 finder pages are half a second of
 * work), and the connections waiting in the kernel's accept queue come in one a turn: a burst of
 * newcomers waited 8-20 s while the open connections were answered in under a second
 * (issue 20, item 13). The gate queues every request and hands them to the server in the check
 * phase, one after another, for at most `budgetMs` a turn; what is left waits for the next turn,
 * after the loop has polled, accepted the next connection and read what arrived. A newcomer is
 * then accepted within a turn and served in arrival order, waiting as long as everyone else.
 */

/** Where the gate's time and deferrals come from; tests hand in their own. */
export interface TurnGateOptions {
  /** The longest stretch of requests handled in one turn, in milliseconds. */
  budgetMs: number;
  /** A monotonic clock in milliseconds (performance.now). */
  now?: () => number;
  /** Runs a function in the next check phase of the event loop (setImmediate). */
  nextTurn?: (run: () => void) => void;
  /** Runs a function once the microtasks already queued have run (queueMicrotask). */
  afterMicrotasks?: (run: () => void) => void;
}

export class TurnGate {
  private readonly queue: (() => void)[] = [];
  /** Index of the next job in `queue`: shifting a long array for each request would be O(n). */
  private head = 0;
  private scheduled = false;
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly nextTurn: (run: () => void) => void;
  private readonly afterMicrotasks: (run: () => void) => void;

  constructor(options: TurnGateOptions) {
    this.budgetMs = options.budgetMs;
    this.now = options.now ?? (() => performance.now());
    this.nextTurn = options.nextTurn ?? ((run) => void setImmediate(run));
    this.afterMicrotasks = options.afterMicrotasks ?? queueMicrotask;
  }

  /** Requests waiting for a turn. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** Queues a request's handling; it runs in this turn's check phase or a later one. */
  run(job: () => void): void {
    this.queue.push(job);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextTurn(this.turn);
  }

  /**
   * One turn: jobs in arrival order until the budget is spent. Each next job starts after the
   * microtasks queued so far, so an async handler's continuations (its rendering after an
   * `await`) are mostly counted in the turn that started it, not left for later.
   */
  private readonly turn = (): void => {
    this.scheduled = false;
    const start = this.now();
    const step = (): void => {
      const job = this.take();
      if (job === undefined) return;
      try {
        job();
      } finally {
        if (this.waiting > 0) {
          if (this.now() - start < this.budgetMs) this.afterMicrotasks(step);
          else this.schedule();
        }
      }
    };
    step();
  };

  private take(): (() => void) | undefined {
    if (this.head >= this.queue.length) return undefined;
    const job = this.queue[this.head]!;
    this.queue[this.head] = noop;
    this.head++;
    // Drop the run part once it is long, not at each job.
    if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return job;
  }
}

function noop(): void {}

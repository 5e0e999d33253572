/**
 * A fixed-window counter of attempts per key, in memory (per process, like the per-address
 * limits). It limits sign-in mail per address fingerprint: @fastify/rate-limit runs one limit per
 * request, and the per-address one already takes that place.
 */
import type { Clock } from '../../platform/clock.js';

export class AttemptLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt; false when the key has used up its window. */
  attempt(key: string): boolean {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.prune(now);
    const window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return this.max >= 1;
    }
    window.count += 1;
    return window.count <= this.max;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

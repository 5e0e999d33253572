/**
 * Rate limits several instances share. Without `REDIS_URL` every count lives in its process
 * (one instance: nothing to share). With it, @fastify/rate-limit keeps its counts in Redis and
 * the per-email sign-in counter does too, so N instances behind one name allow a client the
 * limit once, not N times. When Redis does not answer, requests are let through rather than
 * refused (a limit that takes the site down would be worse than a limit briefly not kept), and
 * the failure is logged. The counts are keyed by client address or an email's fingerprint and
 * expire with their window; nothing else is stored.
 */
import { Redis } from 'ioredis';
import type { Clock } from '../clock.js';

export type LimitStore = Redis;

/**
 * Connects to the Redis that keeps shared counts. A command waits for the connection (the first
 * requests after a start), but gives up after one retry, so a Redis that is down costs a
 * request at most a connect timeout, never a hang.
 */
export function openLimitStore(url: string, onError: (error: Error) => void): LimitStore {
  const redis = new Redis(url, { connectTimeout: 500, maxRetriesPerRequest: 1 });
  redis.on('error', onError);
  return redis;
}

/** Counts attempts per key in a fixed window; false once the key has used up its window. */
export interface AttemptCounter {
  attempt(key: string): Promise<boolean>;
}

/** In this process, on the Clock port (tests move the window by moving the clock). */
export class MemoryAttempts implements AttemptCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  attempt(key: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.prune(now);
    const window = this.windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return Promise.resolve(this.max >= 1);
    }
    window.count += 1;
    return Promise.resolve(window.count <= this.max);
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** In Redis, shared by every instance: INCR, and the window's expiry set by the first attempt. */
export class RedisAttempts implements AttemptCounter {
  constructor(
    private readonly redis: LimitStore,
    private readonly namespace: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async attempt(key: string): Promise<boolean> {
    const name = `${this.namespace}${key}`;
    try {
      const [[, count]] = (await this.redis
        .multi()
        .incr(name)
        .pexpire(name, this.windowMs, 'NX')
        .exec()) as [[Error | null, number]];
      return count <= this.max;
    } catch (error) {
      this.onError(error);
      return true;
    }
  }
}

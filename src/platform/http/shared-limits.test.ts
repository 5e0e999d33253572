import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryAttempts, RedisAttempts, openLimitStore } from './shared-limits.js';

describe('MemoryAttempts', () => {
  it('allows max attempts per key per window, then again after the window', async () => {
    let now = 0;
    const limiter = new MemoryAttempts(2, 1000, { now: () => new Date(now) });
    expect([
      await limiter.attempt('a'),
      await limiter.attempt('a'),
      await limiter.attempt('a'),
    ]).toEqual([true, true, false]);
    expect(await limiter.attempt('b')).toBe(true);
    now = 999;
    expect(await limiter.attempt('a')).toBe(false);
    now = 1000;
    expect(await limiter.attempt('a')).toBe(true);
  });
});

/** The local Redis (CI and the development machine run one on 6379). */
const redisUrl = process.env.PORCHLIGHT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisAttempts', () => {
  const errors: unknown[] = [];
  const redis = openLimitStore(redisUrl, (error) => errors.push(error));
  afterAll(() => redis.quit());

  it('counts one window for every instance that shares the store', async () => {
    const namespace = `test-${randomBytes(6).toString('hex')}:`;
    const one = new RedisAttempts(redis, namespace, 3, 60_000, (e) => errors.push(e));
    const two = new RedisAttempts(redis, namespace, 3, 60_000, (e) => errors.push(e));
    const seen = [];
    for (const counter of [one, two, one, two, one]) seen.push(await counter.attempt('fp'));
    expect(seen).toEqual([true, true, true, false, false]);
    expect(await two.attempt('another')).toBe(true);
    const ttl = await redis.pttl(`${namespace}fp`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(errors).toEqual([]);
  });

  it('lets attempts through, and says so, when Redis does not answer', async () => {
    const failures: unknown[] = [];
    const gone = openLimitStore('redis://127.0.0.1:1', () => undefined);
    try {
      const counter = new RedisAttempts(gone, 'x:', 1, 60_000, (e) => failures.push(e));
      expect([await counter.attempt('k'), await counter.attempt('k')]).toEqual([true, true]);
      expect(failures.length).toBe(2);
    } finally {
      gone.disconnect();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { MinuteCache } from './minute-cache.js';

describe('MinuteCache', () => {
  it('keeps a value for the rest of its minute at its revision', () => {
    const cache = new MinuteCache<string>(10);
    expect(cache.get('01301', 100, 7)).toBeUndefined();
    cache.set('01301', 'reply', 100, 7);
    expect(cache.get('01301', 100, 7)).toBe('reply');
    expect(cache.get('01301', 101, 7)).toBeUndefined();
    cache.set('01301', 'next minute', 101, 7);
    expect(cache.get('01301', 101, 8)).toBeUndefined();
  });

  it('drops a value worked out in a minute the cache has left', () => {
    const cache = new MinuteCache<string>(10);
    cache.get('a', 100, 1);
    cache.get('b', 101, 1);
    cache.set('a', 'stale', 100, 1);
    expect(cache.get('a', 101, 1)).toBeUndefined();
  });

  it('starts over when full', () => {
    const cache = new MinuteCache<number>(2);
    cache.get('x', 1, 1);
    cache.set('a', 1, 1, 1);
    cache.set('b', 2, 1, 1);
    cache.set('c', 3, 1, 1);
    expect(cache.get('a', 1, 1)).toBeUndefined();
    expect(cache.get('c', 1, 1)).toBe(3);
  });
});

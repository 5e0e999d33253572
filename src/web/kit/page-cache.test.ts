import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

describe('PageCache', () => {
  it('keeps a page for its stamp and renders it once', () => {
    const cache = new PageCache();
    let renders = 0;
    const render = () => `<p>page ${++renders}</p>`;
    const first = cache.getOrRender('r1:10', 'en?near=01301', render);
    expect(cache.getOrRender('r1:10', 'en?near=01301', render)).toBe(first);
    expect(renders).toBe(1);
    expect(cache.get('r1:10', 'es?near=01301')).toBeUndefined();
  });

  it('drops every page when the stamp moves on', () => {
    const cache = new PageCache();
    cache.getOrRender('r1:10', 'a', () => 'a');
    cache.getOrRender('r1:10', 'b', () => 'b');
    expect(cache.get('r1:11', 'a')).toBeUndefined();
    cache.getOrRender('r1:11', 'c', () => 'c');
    expect(cache.size).toBe(1);
    expect(cache.get('r1:10', 'a')).toBeUndefined();
  });

  it('lets the oldest pages go when full, by count and by bytes', () => {
    const byCount = new PageCache({ pages: 2, bytes: 1 << 20 });
    for (const key of ['a', 'b', 'c']) byCount.getOrRender('s', key, () => key);
    expect(byCount.get('s', 'a')).toBeUndefined();
    expect(byCount.get('s', 'b')?.body.toString()).toBe('b');
    expect(byCount.get('s', 'c')?.body.toString()).toBe('c');

    // Each 100-byte page counts 150 bytes: two fit in 400, a third pushes the first out.
    const byBytes = new PageCache({ pages: 100, bytes: 400 });
    for (const key of ['a', 'b', 'c']) byBytes.getOrRender('s', key, () => key.repeat(100));
    expect(byBytes.size).toBe(2);
    expect(byBytes.get('s', 'a')).toBeUndefined();
    // A page larger than the whole budget is sent but not kept.
    byBytes.getOrRender('s', 'huge', () => 'x'.repeat(1000));
    expect(byBytes.get('s', 'huge')).toBeUndefined();
    expect(byBytes.size).toBe(2);
  });
});

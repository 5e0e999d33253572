import { describe, expect, it } from 'vitest';
import { DeferredParts } from './deferred-parts.js';

describe('DeferredParts', () => {
  it('yields the text before the first mark, then each part with the text after it, rendered when asked', () => {
    const parts = new DeferredParts();
    const rendered: string[] = [];
    const part = (text: string) => () => (rendered.push(text), text);
    // Marks made out of the page's order are still filled in the page's order.
    const second = parts.mark(part('<li>b</li>')).text;
    const first = parts.mark(part('<li>a</li>')).text;
    const chunks = parts.chunks(`<ol><li>0</li>${first}</ol><p>x</p><ol>${second}</ol>`);
    expect(chunks.next().value).toBe('<ol><li>0</li>');
    expect(rendered).toEqual([]);
    expect([...chunks]).toEqual(['<li>a</li></ol><p>x</p><ol>', '<li>b</li></ol>']);
    expect(rendered).toEqual(['<li>a</li>', '<li>b</li>']);
  });

  it('gives a page without marks as one chunk, and refuses a page that lost a mark', () => {
    expect([...new DeferredParts().chunks('<p>all</p>')]).toEqual(['<p>all</p>']);
    const parts = new DeferredParts();
    parts.mark(() => 'x');
    expect(() => [...parts.chunks('<p>no mark</p>')]).toThrow(/1 parts, 0 marks/);
  });
});

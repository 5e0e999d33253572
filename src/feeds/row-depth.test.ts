import { describe, expect, it } from 'vitest';
import { maxRowDepth, nestsDeeperThan } from './row-depth.js';

/** A list nested `depth` levels deep (built as text and parsed: no recursion to build it). */
const deepList = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const deepObject = (depth: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`);

describe('nestsDeeperThan', () => {
  it('counts an object or a list as one level and a scalar as none', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
  });

  it(`lets ${maxRowDepth} levels through and refuses ${maxRowDepth + 1}`, () => {
    expect(nestsDeeperThan(deepList(maxRowDepth))).toBe(false);
    expect(nestsDeeperThan(deepList(maxRowDepth + 1))).toBe(true);
    expect(nestsDeeperThan(deepObject(maxRowDepth))).toBe(false);
    expect(nestsDeeperThan(deepObject(maxRowDepth + 1))).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack, lists and objects alike', () => {
    expect(nestsDeeperThan(deepList(100_000))).toBe(true);
    expect(nestsDeeperThan(deepObject(100_000))).toBe(true);
    expect(nestsDeeperThan({ ok: [1, 2], deep: deepObject(100_000) })).toBe(true);
  });

  it('finds the deep branch beside wide shallow ones', () => {
    const wide = Array.from({ length: 50_000 }, (_, i) => ({ i, tags: [`t${i}`] }));
    expect(nestsDeeperThan(wide)).toBe(false);
    expect(nestsDeeperThan([...wide, deepList(maxRowDepth)])).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { boundedMemo, groupedMemo } from './bounded-memo.js';

describe('boundedMemo', () => {
  it('computes a key once and answers it from memory after', () => {
    const memo = boundedMemo<string>(10);
    let made = 0;
    const make = () => `value ${++made}`;
    expect(memo('a', make)).toBe('value 1');
    expect(memo('a', make)).toBe('value 1');
    expect(memo('b', make)).toBe('value 2');
    expect(made).toBe(2);
  });

  it('never holds more than its bound: when full it starts again empty', () => {
    const memo = boundedMemo<number>(3);
    let made = 0;
    for (const key of ['a', 'b', 'c']) memo(key, () => ++made);
    memo('d', () => ++made); // full: forgets a, b and c
    expect(memo('d', () => ++made)).toBe(4);
    expect(memo('a', () => ++made)).toBe(5);
    expect(made).toBe(5);
  });
});

describe('groupedMemo', () => {
  it('keeps a value per group and key, the same key in two groups apart', () => {
    const memo = groupedMemo<number, string>(10);
    let made = 0;
    const make = () => `value ${++made}`;
    expect(memo('America/New_York', 1, make)).toBe('value 1');
    expect(memo('America/Chicago', 1, make)).toBe('value 2');
    expect(memo('America/New_York', 1, make)).toBe('value 1');
    expect(made).toBe(2);
  });

  it('never holds more than its bound over all groups', () => {
    const memo = groupedMemo<number, number>(3);
    let made = 0;
    memo('a', 1, () => ++made);
    memo('b', 1, () => ++made);
    memo('b', 2, () => ++made);
    memo('c', 1, () => ++made); // full: forgets the three before
    expect(memo('c', 1, () => ++made)).toBe(4);
    expect(memo('a', 1, () => ++made)).toBe(5);
    expect(made).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { runSteps, runStepsYielding, yieldEvery, type Steps } from './loop-yield.js';

function* countTo(n: number): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    if (i > 1) yield;
    sum += i;
  }
  return sum;
}

describe('yieldEvery', () => {
  it('turns only once the work has run a slice long, and then lets other work run', async () => {
    let now = 0;
    const turn = yieldEvery(10, () => now);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    now = 9;
    await turn();
    order.push('not yet');
    now = 10;
    await turn();
    order.push('after a turn');
    // The slice starts again from the turn.
    now = 19;
    setImmediate(() => order.push('more other work'));
    await turn();
    order.push('not yet again');
    expect(order).toEqual(['not yet', 'other work', 'after a turn', 'not yet again']);
  });
});

describe('steps', () => {
  it('give the same result run at once or with a turn between each', async () => {
    let turns = 0;
    const result = await runStepsYielding(countTo(100), () => {
      turns++;
      return Promise.resolve();
    });
    expect(result).toBe(runSteps(countTo(100)));
    expect(turns).toBe(99);
  });
});

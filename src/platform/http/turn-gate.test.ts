import { describe, expect, it } from 'vitest';
import { TurnGate } from './turn-gate.js';

/**
 * A hand-driven event loop: `turn()` runs the check phase (the callbacks queued for it, then
 * their microtasks), and a clock that only the jobs move.
 */
function fakeLoop() {
  let checkPhase: (() => void)[] = [];
  const microtasks: (() => void)[] = [];
  let time = 0;
  return {
    now: () => time,
    advance: (ms: number) => (time += ms),
    nextTurn: (run: () => void) => void checkPhase.push(run),
    afterMicrotasks: (run: () => void) => void microtasks.push(run),
    turn() {
      const running = checkPhase;
      checkPhase = [];
      for (const run of running) {
        try {
          run();
        } finally {
          // As Node does after a callback, even one that threw.
          while (microtasks.length > 0) microtasks.shift()!();
        }
      }
    },
    get pendingTurns() {
      return checkPhase.length;
    },
  };
}

describe('TurnGate', () => {
  it('runs jobs in arrival order within the turn when they are cheap', () => {
    const loop = fakeLoop();
    const gate = new TurnGate({ budgetMs: 10, ...loop });
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) gate.run(() => ran.push(i));
    expect(ran).toEqual([]);
    loop.turn();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(gate.waiting).toBe(0);
    expect(loop.pendingTurns).toBe(0);
  });

  it('stops a turn once its budget is spent and goes on at the next, first come first served', () => {
    const loop = fakeLoop();
    const gate = new TurnGate({ budgetMs: 10, ...loop });
    const ran: string[] = [];
    const job = (name: string) => () => {
      ran.push(name);
      loop.advance(4);
    };
    for (const name of ['a', 'b', 'c', 'd', 'e']) gate.run(job(name));
    loop.turn();
    // 4, 8, then 12 ms: the third job spends the budget.
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(gate.waiting).toBe(2);
    // A newcomer between turns (the loop polled, accepted, read) waits behind those queued.
    gate.run(job('new'));
    loop.turn();
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'e', 'new']);
    expect(gate.waiting).toBe(0);
  });

  it('runs at least one job a turn, however long it takes', () => {
    const loop = fakeLoop();
    const gate = new TurnGate({ budgetMs: 10, ...loop });
    const ran: string[] = [];
    gate.run(() => {
      ran.push('slow');
      loop.advance(50);
    });
    gate.run(() => ran.push('next'));
    loop.turn();
    expect(ran).toEqual(['slow']);
    loop.turn();
    expect(ran).toEqual(['slow', 'next']);
  });

  it('keeps going after a job throws', () => {
    const loop = fakeLoop();
    const gate = new TurnGate({ budgetMs: 10, ...loop });
    const ran: string[] = [];
    gate.run(() => {
      throw new Error('boom');
    });
    gate.run(() => ran.push('after'));
    expect(() => loop.turn()).toThrow('boom');
    expect(ran).toEqual(['after']);
  });

  it('holds thousands of waiting jobs without losing or repeating one', () => {
    const loop = fakeLoop();
    const gate = new TurnGate({ budgetMs: 10, ...loop });
    const ran: number[] = [];
    for (let i = 0; i < 5000; i++)
      gate.run(() => {
        ran.push(i);
        loop.advance(1);
      });
    let turns = 0;
    while (gate.waiting > 0 && turns < 1000) {
      loop.turn();
      turns++;
    }
    expect(ran).toEqual([...Array(5000).keys()]);
    expect(turns).toBe(500);
  });
});

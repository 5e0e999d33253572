import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../../../test/support/databases.js';
import { manualClock } from '../../../test/support/manual-clock.js';
import { manualTimers, type ManualTimers } from '../../../test/support/manual-timers.js';
import type { DatabaseHandle } from '../database/connect.js';
import { PorchlightError } from '../errors.js';
import { JobRepository } from './job-repository.js';
import { JobRunner } from './job-runner.js';
import type { JobResult } from './model.js';

describe.each(testDialects)('the job runner on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let jobs: JobRepository;
  const clock = manualClock('2026-11-02T10:00:00.000Z');
  const backoff = { baseMs: 60_000, capMs: 3_600_000 };

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    jobs = new JobRepository(handle.db);
    clock.set('2026-11-02T10:00:00.000Z');
  });
  afterEach(async () => handle.close());

  const runner = (
    outcomes: JobResult[] | (() => Promise<JobResult>),
    owner = 'a',
    timers: ManualTimers = manualTimers(clock),
  ) => {
    const r = new JobRunner({ jobs, clock, owner, backoff, random: () => 0.5, timers });
    const calls: string[] = [];
    r.register('test', async (job) => {
      calls.push(job.target);
      if (typeof outcomes === 'function') return outcomes();
      return outcomes.shift() ?? { ok: true, outcome: 'done' };
    });
    /** Waits (by turns of the event loop, never by time) until the handler has been called. */
    const idleUntilCalled = async () => {
      while (calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    };
    return Object.assign(r, { calls, idleUntilCalled });
  };

  it('runs due jobs only, and schedules the next run one interval on', async () => {
    const now = clock.now().toISOString();
    await jobs.ensure('test', 'due', { intervalSeconds: 3600, nextRunAt: now }, now);
    await jobs.ensure(
      'test',
      'later',
      { intervalSeconds: 3600, nextRunAt: '2026-11-02T12:00:00.000Z' },
      now,
    );
    await jobs.ensure('test', 'manual', {}, now);
    const r = runner([]);
    const runs = await r.runDue();
    expect(r.calls).toEqual(['due']);
    expect(runs[0]?.nextRunAt).toBe('2026-11-02T11:00:00.000Z');
    expect(await r.runDue()).toEqual([]);
    clock.advance(3600_000);
    await r.runDue();
    expect(r.calls).toEqual(['due', 'due']);
    const job = await jobs.find('test', 'due');
    expect(job).toMatchObject({ consecutiveFailures: 0, lastOutcome: 'done' });
    expect(job?.lockedBy).toBeUndefined();
  });

  it('backs off exponentially after failures, and resets on success', async () => {
    const now = clock.now().toISOString();
    await jobs.ensure('test', 'flaky', { intervalSeconds: 4 * 3600, nextRunAt: now }, now);
    const failure: JobResult = {
      ok: false,
      outcome: 'failed',
      error: { code: 'PL_FEED_HTTP_STATUS', message: 'The feed server answered 500.' },
    };
    const r = runner([failure, failure, failure, failure, failure, failure, failure, failure]);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const [run] = await r.runDue();
      const wait = Date.parse(run!.nextRunAt!) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait);
    }
    // Half fixed, half jitter (0.5 here): 45 s, 90 s, 3 min ... up to the one-hour cap.
    expect(waits).toEqual([45, 90, 180, 360, 720, 1440, 2700, 2700].map((s) => s * 1000));
    const job = await jobs.find('test', 'flaky');
    expect(job).toMatchObject({ consecutiveFailures: 8, lastError: failure.error });
    const [ok] = await r.runDue();
    expect(Date.parse(ok!.nextRunAt!) - clock.now().getTime()).toBe(4 * 3600_000);
    expect(await jobs.find('test', 'flaky')).toMatchObject({ consecutiveFailures: 0 });
  });

  it('counts a thrown error as a failure, with its code', async () => {
    const now = clock.now().toISOString();
    await jobs.ensure('test', 'x', { intervalSeconds: 60, nextRunAt: now }, now);
    const r = runner(() => Promise.reject(new PorchlightError('PL_FEED_TIMEOUT', 'slow')));
    const [run] = await r.runDue();
    expect(run?.result).toMatchObject({ ok: false, error: { code: 'PL_FEED_TIMEOUT' } });
    expect(await jobs.find('test', 'x')).toMatchObject({ consecutiveFailures: 1 });
  });

  it('never lets two runners run one job at once', async () => {
    const now = clock.now().toISOString();
    const job = await jobs.ensure('test', 'source', { intervalSeconds: 3600, nextRunAt: now }, now);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let running = 0;
    let most = 0;
    let started: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = async (): Promise<JobResult> => {
      running++;
      most = Math.max(most, running);
      started();
      await gate;
      running--;
      return { ok: true, outcome: 'done' };
    };
    const a = runner(slow, 'a');
    const b = runner(slow, 'b');
    const first = a.runDue();
    const second = b.runDue();
    // While a holds the lease, b can neither run it as due nor on request.
    await holding;
    expect(await b.runNow(job)).toBeUndefined();
    release();
    const runs = [...(await first), ...(await second)];
    expect(runs).toHaveLength(1);
    expect(a.calls.length + b.calls.length).toBe(1);
    expect(most).toBe(1);
    // Done and not due: the other runner does not run it again.
    expect(await b.runDue()).toEqual([]);
  });

  it('keeps the lease of a live holder, renewed by its heartbeat, as long as the work runs', async () => {
    const now = clock.now().toISOString();
    const job = await jobs.ensure('test', 'source', { intervalSeconds: 3600, nextRunAt: now }, now);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    const aTimers = manualTimers(clock);
    const a = runner(
      async () => {
        started();
        await gate;
        return { ok: true, outcome: 'done' };
      },
      'a',
      aTimers,
    );
    const b = runner([], 'b');
    const run = a.runDue();
    await holding;
    // Twenty minutes of work, twenty leases: each heartbeat moves the lease on.
    for (let i = 0; i < 40; i++) {
      await aTimers.advance(30_000);
      expect(await b.runDue()).toEqual([]);
      expect(await b.runNow(job)).toBeUndefined();
    }
    expect(b.calls).toEqual([]);
    release();
    expect(await run).toHaveLength(1);
    // The work is over: the heartbeat stopped with it.
    expect(aTimers.pending).toBe(0);
    expect(await jobs.find('test', 'source')).toMatchObject({ lastOutcome: 'done' });
  });

  it('takes over, within a minute, the lease of a holder that stopped renewing it (it died)', async () => {
    const now = clock.now().toISOString();
    const job = await jobs.ensure('test', 'source', { intervalSeconds: 3600, nextRunAt: now }, now);
    let started: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    // The dead runner's heartbeat never fires (its timers are never advanced) and its work
    // never ends, as with a process killed mid-run.
    const dead = runner(
      () => {
        started();
        return new Promise<JobResult>(() => {});
      },
      'dead',
      manualTimers(clock),
    );
    void dead.runDue();
    await holding;
    const r = runner([]);
    clock.advance(59_000);
    expect(await r.runDue()).toEqual([]);
    expect(await r.runNow(job)).toBeUndefined();
    clock.advance(2_000);
    expect(await r.runDue()).toHaveLength(1);
    expect(r.calls).toEqual(['source']);
    expect(await jobs.find('test', 'source')).toMatchObject({ lastOutcome: 'done' });
  });

  it('lets stop wait for a run started at once (runNow), so its outcome is recorded', async () => {
    const now = clock.now().toISOString();
    const job = await jobs.ensure('test', 'message', { nextRunAt: now }, now);
    let finish: (result: JobResult) => void = () => {};
    const r = runner(() => new Promise<JobResult>((resolve) => (finish = resolve)));
    const atOnce = r.runNow(job);
    await r.idleUntilCalled();
    // A poll meanwhile leaves the leased job to the run under way.
    expect(await r.runDue()).toEqual([]);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    finish({ ok: true, outcome: 'sent' });
    await stopping;
    expect((await atOnce)?.result.outcome).toBe('sent');
    expect(await jobs.find('test', 'message')).toMatchObject({ lastOutcome: 'sent' });
    expect((await jobs.find('test', 'message'))?.lockedBy).toBeUndefined();
    // Once stopped, nothing more is started.
    expect(await r.runNow(job)).toBeUndefined();
    expect(r.calls).toEqual(['message']);
  });

  it('says when every run under way is over (idle)', async () => {
    const now = clock.now().toISOString();
    const job = await jobs.ensure('test', 'message', { nextRunAt: now }, now);
    let finish: (result: JobResult) => void = () => {};
    const r = runner(() => new Promise<JobResult>((resolve) => (finish = resolve)));
    void r.runNow(job);
    await r.idleUntilCalled();
    let idle = false;
    const waiting = r.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    finish({ ok: true, outcome: 'sent' });
    await waiting;
    expect(await jobs.find('test', 'message')).toMatchObject({ lastOutcome: 'sent' });
  });
});

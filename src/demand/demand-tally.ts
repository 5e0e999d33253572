/**
 * Counts unmet tailored needs as people search, in memory, and adds them to the store in
 * batches: noting a search is a few map updates after its answer is computed, and a store that
 * cannot be written loses nothing but is retried at the next flush. The searcher's exact place,
 * address and time of day are never kept: only the cell, the ISO week and the need.
 */
import type { Clock } from '../platform/clock.js';
import { systemTimers, type Timers } from '../platform/timers.js';
import type { SearchAnswer } from '../search/answer.js';
import type { SearchQuery } from '../search/query.js';
import { cellOf, isoWeekOf } from './cells.js';
import type { DemandIncrement } from './demand-repository.js';
import { foundNoRoomNear, needsOf } from './needs.js';

/** What the search service tells of a person's search (the port it is given). */
export interface DemandLog {
  noteSearch(query: SearchQuery, answer: SearchAnswer): void;
}

export interface DemandTallyOptions {
  /** How long counts wait in memory before they are written (default 60 s). */
  flushEveryMs?: number;
  timers?: Timers;
  /** Told when a flush could not write (the counts are kept for the next one). */
  onError?: (error: unknown) => void;
}

export class DemandTally implements DemandLog {
  private pending = new Map<string, DemandIncrement>();
  private cancelFlush: (() => void) | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private week: { day: number; name: string } | undefined;

  constructor(
    private readonly store: { add(increments: readonly DemandIncrement[]): Promise<void> },
    private readonly clock: Clock,
    private readonly options: DemandTallyOptions = {},
  ) {}

  noteSearch(query: SearchQuery, answer: SearchAnswer): void {
    if (!foundNoRoomNear(query, answer)) return;
    const needs = needsOf(query);
    if (needs.length === 0) return;
    const cell = cellOf(query.near!);
    const week = this.weekNow();
    for (const need of needs) this.count({ cell, week, need, count: 1 });
    this.scheduleFlush();
  }

  /** The ISO week now, worked out once a day (the calendar maths costs more than the count). */
  private weekNow(): string {
    const now = this.clock.now();
    const day = Math.floor(now.getTime() / 86_400_000);
    if (this.week?.day !== day) this.week = { day, name: isoWeekOf(now) };
    return this.week.name;
  }

  /** Writes what is counted so far; resolves once it is in the store (or kept after a failure). */
  flush(): Promise<void> {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.store.add(batch);
    } catch (error) {
      for (const row of batch) this.count(row);
      this.options.onError?.(error);
    }
  }

  private count(row: DemandIncrement): void {
    const key = `${row.need}|${row.week}|${row.cell}`;
    const kept = this.pending.get(key);
    if (kept === undefined) this.pending.set(key, { ...row });
    else kept.count += row.count;
  }

  private scheduleFlush(): void {
    if (this.cancelFlush !== undefined) return;
    const timers = this.options.timers ?? systemTimers;
    this.cancelFlush = timers.after(this.options.flushEveryMs ?? 60_000, () => {
      this.cancelFlush = undefined;
      void this.flush();
    });
  }
}

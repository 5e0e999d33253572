/**
 * The timeline: every occurrence of every meeting over the horizon, sorted by start, as parallel
 * typed arrays. A time-sorted search walks it from "now" and stops once its page is full; a
 * time window (starting within an hour, a date) finds its meetings by reading a slice of it.
 * Built by a counting sort on the start minute; rows changed since are tracked by the index and
 * checked apart until the next build.
 */
import {
  KIND_REMOTE,
  MAX_DURATION_MINUTES,
  NO_MINUTE,
  STATUS_REMOVED,
  TIMELINE_NO_SIGNATURE,
  TIMELINE_REMOTE,
} from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import { runSteps, type Steps } from '../platform/loop-yield.js';

export class Timeline {
  /** Start of each entry, epoch minutes, ascending. */
  start = new Int32Array(0);
  row = new Int32Array(0);
  /** Duration, minutes. */
  dur = new Uint16Array(0);
  /** Position in the schedule, with TIMELINE_REMOTE set for a remote meeting's occurrence. */
  rec = new Uint16Array(0);
  /** The recurrence's own local minute of week. */
  local = new Uint16Array(0);
  /** The meeting's facet signature (TIMELINE_NO_SIGNATURE when it does not fit). */
  sig = new Uint16Array(0);
  /** Entries in use (the arrays may be longer). */
  length = 0;

  /** Sorts every occurrence of the index's live rows by start into the timeline. */
  build(ix: SearchIndex): void {
    this.adopt(runSteps(Timeline.sorted(ix, this, Number.POSITIVE_INFINITY)));
  }

  /**
   * A timeline of every occurrence of the index's live rows, sorted by start, made in steps of
   * about `rowsPerStep` rows (the index must not change in between). `reuse` lends its arrays
   * when they are large enough: only for a timeline nobody reads until the result is adopted.
   */
  static *sorted(
    ix: SearchIndex,
    reuse: Timeline | undefined,
    rowsPerStep: number,
  ): Steps<Timeline> {
    const { horizonStart, horizonEnd } = ix.schedules;
    const base = horizonStart - MAX_DURATION_MINUTES;
    const span = horizonEnd - base + 1;
    const counts = new Int32Array(span + 1);
    let live = 0;
    const rowCount = ix.rows;
    for (let from = 0; from < rowCount; from += rowsPerStep) {
      forEachOccurrence(ix, from, Math.min(rowCount, from + rowsPerStep), (start) => {
        counts[Math.min(span - 1, Math.max(0, start - base)) + 1]!++;
        live++;
      });
      yield;
    }
    for (let i = 1; i <= span; i++) counts[i]! += counts[i - 1]!;
    const next = new Timeline();
    const fits = reuse !== undefined && reuse.start.length >= live;
    const starts = fits ? reuse.start : new Int32Array(live);
    const rows = fits ? reuse.row : new Int32Array(live);
    const durations = fits ? reuse.dur : new Uint16Array(live);
    const recs = fits ? reuse.rec : new Uint16Array(live);
    const locals = fits ? reuse.local : new Uint16Array(live);
    const sigs = fits ? reuse.sig : new Uint16Array(live);
    const duration = ix.schedules.duration.data;
    const minute = ix.schedules.minute.data;
    for (let from = 0; from < rowCount; from += rowsPerStep) {
      forEachOccurrence(
        ix,
        from,
        Math.min(rowCount, from + rowsPerStep),
        (start, row, r, position) => {
          const at = counts[Math.min(span - 1, Math.max(0, start - base))]!++;
          starts[at] = start;
          rows[at] = row;
          durations[at] = duration[r]!;
          recs[at] = ix.kind[row] === KIND_REMOTE ? position | TIMELINE_REMOTE : position;
          locals[at] = minute[r]!;
          const sig = ix.sig[row]!;
          sigs[at] = sig < TIMELINE_NO_SIGNATURE ? sig : TIMELINE_NO_SIGNATURE;
        },
      );
      yield;
    }
    next.start = starts;
    next.row = rows;
    next.dur = durations;
    next.rec = recs;
    next.local = locals;
    next.sig = sigs;
    next.length = live;
    return next;
  }

  /** Takes over the arrays of `other` (a timeline made by {@link Timeline.sorted}). */
  adopt(other: Timeline): void {
    this.start = other.start;
    this.row = other.row;
    this.dur = other.dur;
    this.rec = other.rec;
    this.local = other.local;
    this.sig = other.sig;
    this.length = other.length;
  }

  get byteLength(): number {
    return (
      this.start.byteLength +
      this.row.byteLength +
      this.dur.byteLength +
      this.rec.byteLength +
      this.local.byteLength +
      this.sig.byteLength
    );
  }
}

/**
 * Calls `visit` for every occurrence of every live row in [from, to), rows in order, each in
 * list order.
 */
function forEachOccurrence(
  ix: SearchIndex,
  from: number,
  to: number,
  visit: (start: number, row: number, r: number, position: number) => void,
): void {
  const { list, minute, listOff, listLen, listStarts } = ix.schedules;
  const starts = listStarts.data;
  for (let row = from; row < to; row++) {
    if (ix.status[row] === STATUS_REMOVED) continue;
    const off = ix.recOff[row]!;
    const count = ix.recLen[row]!;
    for (let r = off; r < off + count; r++) {
      const l = list.data[r]!;
      if (l < 0 || minute.data[r] === NO_MINUTE) continue;
      const first = listOff.data[l]!;
      const end = first + listLen.data[l]!;
      for (let i = first; i < end; i++) visit(starts[i]!, row, r, r - off);
    }
  }
}

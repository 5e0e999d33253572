/**
 * The committed changes the search index has heard of and not applied yet, by revision, and
 * the loading of the next unbroken run of them: the meetings they touched, read from the store
 * as of one revision, so that the index applies them together or not at all.
 */
import type { ChangedIds, ChangeNotice } from '../platform/database/change-feed.js';
import type { LoggedChange } from '../platform/database/revision.js';
import type { Meeting } from '../meetings/model.js';
import type { Repositories } from '../repositories.js';

/** The outcome of loading the next run of known changes. */
export type Step =
  | { kind: 'apply'; revision: number; meetings: Meeting[]; removed: string[] }
  | { kind: 'rebuild' }
  /** Nothing to apply yet: a revision in between is missing, or its ids are not known. */
  | { kind: 'wait' };

export interface RunLimits {
  /** A change touching more meetings than this share of the index is applied by a rebuild. */
  rebuildShare?: number;
  /** ... and than this many (small indexes are always patched). */
  rebuildMinIds?: number;
}

export class KnownChanges {
  /** Changes heard of and not applied yet, by revision; null when only the revision is known. */
  private readonly known = new Map<number, ChangedIds | null>();

  constructor(
    private readonly repos: Pick<Repositories, 'meetings' | 'revision'>,
    private readonly limits: RunLimits = {},
  ) {}

  /** How many revisions are known and not yet applied. */
  get size(): number {
    return this.known.size;
  }

  /** The highest revision heard of (-Infinity when none). */
  get latest(): number {
    return Math.max(...this.known.keys());
  }

  /** Records a change heard of; its ids, when known, win over a bare revision. */
  hear(notice: ChangeNotice): void {
    if (notice.ids !== undefined) this.known.set(notice.revision, notice.ids);
    else if (!this.known.has(notice.revision)) this.known.set(notice.revision, null);
  }

  /** Takes from the log the ids of revisions after `from` known by number only, or not at all. */
  learn(log: readonly LoggedChange[], from: number): boolean {
    let learnt = false;
    for (const { revision, ids } of log) {
      if (revision <= from || this.known.get(revision)) continue;
      this.known.set(revision, ids);
      learnt = true;
    }
    return learnt;
  }

  /** Reads the store's log after `from`; true when it told something new. */
  async learnFromLog(from: number): Promise<boolean> {
    return this.learn(await this.repos.revision.changesAfter(from), from);
  }

  /** Forgets every change up to `revision` (the index shows it). */
  forgetThrough(revision: number): void {
    for (const r of this.known.keys()) if (r <= revision) this.known.delete(r);
  }

  /** Meetings a run may touch and still be patched into an index of `size`, not rebuilt. */
  rebuildLimit(size: number): number {
    return Math.max(this.limits.rebuildMinIds ?? 1000, size * (this.limits.rebuildShare ?? 0.25));
  }

  /**
   * Loads what the changes after `from` touched, as far as they are known in an unbroken run.
   * The revision read after the load tells whether the store moved on meanwhile; if it did, the
   * run grows to include those writes (when known) and is loaded again.
   */
  async loadRun(from: number, size: number): Promise<Step> {
    for (;;) {
      const last = new Map<string, boolean>();
      let revision = from;
      for (let ids = this.known.get(revision + 1); ids; ids = this.known.get(revision + 1)) {
        revision++;
        for (const id of ids.upserted) last.set(id, true);
        for (const id of ids.removed) last.set(id, false);
      }
      if (revision === from) return { kind: 'wait' };
      if (last.size > this.rebuildLimit(size)) return { kind: 'rebuild' };
      const upserted: string[] = [];
      for (const [id, present] of last) if (present) upserted.push(id);
      // A merged duplicate is not found here, and so leaves the index like a removed meeting.
      const meetings =
        upserted.length > 0 ? await this.repos.meetings.byIds(upserted, { hideMerged: true }) : [];
      const now = await this.repos.revision.current();
      if (now === revision) {
        const found = new Set(meetings.map((m) => m.id));
        const removed: string[] = [];
        for (const [id, present] of last) if (!present || !found.has(id)) removed.push(id);
        return { kind: 'apply', revision, meetings, removed };
      }
      // The store is behind what we were told (restored from a backup?): start afresh.
      if (now < revision) return { kind: 'rebuild' };
      for (let r = revision + 1; r <= now; r++) {
        if (!this.known.get(r)) return { kind: 'wait' };
      }
    }
  }
}

/**
 * True when `log` lists every revision after `from` up to `to`, touching at most `limit`
 * meetings in all: an index at `from` can then be brought forward rather than rebuilt.
 */
export function loggedRun(
  log: readonly LoggedChange[],
  from: number,
  to: number,
  limit: number,
): boolean {
  const ids = new Set<string>();
  let expected = from + 1;
  for (const { revision, ids: touched } of log) {
    if (revision > to) break;
    if (revision !== expected) return false;
    expected++;
    for (const id of touched.upserted) ids.add(id);
    for (const id of touched.removed) ids.add(id);
    if (ids.size > limit) return false;
  }
  return expected === to + 1;
}

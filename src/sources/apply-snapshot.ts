import type { CommittedChange } from '../platform/database/change-feed.js';
import { hash, randomUUID } from 'node:crypto';
import type { Meeting, MeetingDraft } from '../meetings/model.js';
import { encodeMeetingData, type MeetingKey, type StoredMeeting } from '../meetings/repository.js';
import { chooseSlug } from '../meetings/slug.js';
import { noYield, type YieldToLoop } from '../platform/loop-yield.js';
import type { Repositories } from '../repositories.js';
import type { ImportDeps } from './import-source.js';
import type { ImportReport, Source } from './model.js';

/** What applying a snapshot needs of an import's ports (a local list has no feed to read). */
export type SnapshotDeps = Pick<
  ImportDeps,
  'repos' | 'clock' | 'onChange' | 'progress' | 'yieldToLoop'
>;

/**
 * Meetings per batch of inserts or removals, and of updates (one statement each, with their
 * history and editors' overrides): each batch is one slice of the server's time.
 */
const writeBatchSize = 200;
const updateBatchSize = 100;

/**
 * Applies a source's new snapshot in one transaction, whatever format it was read from: drafts
 * are matched to stored meetings by the source's own slug; new ones are added, changed ones
 * updated in place (ids and slugs kept), missing ones removed, unchanged ones not written at all.
 * The report is completed and stored with the change; `onChange` hears of it after the commit.
 * With `createSource`, the source itself is written in the same transaction (its first import).
 *
 * A large snapshot is long work on the server's one thread, so it gives the event loop a turn
 * between slices (`deps.yieldToLoop`): requests are answered during an import, not after it.
 * The work that needs no database (encoding and fingerprinting every meeting) is done before the
 * transaction opens, so the transaction holds the store only to compare and write. It stays one
 * transaction: an import that fails or is interrupted changes nothing.
 */
export async function applySnapshot(
  deps: SnapshotDeps,
  source: Source,
  drafts: readonly MeetingDraft[],
  report: ImportReport,
  options: { createSource?: boolean } = {},
): Promise<ImportReport> {
  const turn = deps.yieldToLoop ?? noYield;
  const encoded = await encodeDrafts(drafts, turn);
  const now = deps.clock.now().toISOString();
  const change = await deps.repos.transaction(
    async (repos): Promise<CommittedChange | undefined> => {
      if (options.createSource === true) await repos.sources.create(source);
      const existing = new Map<string, MeetingKey>();
      for await (const page of repos.meetings.keysForSourcePages(source.id)) {
        for (const key of page) existing.set(key.sourceSlug, key);
        await turn();
      }
      // Loaded once, on the first new meeting: a refresh with no new meetings never reads it.
      let taken: Set<string> | undefined;
      const inserts: StoredMeeting[] = [];
      const upserted: string[] = [];
      let added = 0;
      const updates: StoredMeeting[] = [];
      let updated = 0;
      // History, editors' overrides and deletions ride in this same transaction.
      const history = await repos.importHistory(source.id, now);
      // Written in batches as we go, so a large feed's rows are not all held at once, and the
      // event loop gets its turns between them.
      const writeInserts = async () => {
        added += inserts.length;
        await history.added(inserts);
        await repos.meetings.insert(inserts.splice(0));
        await turn();
      };
      const writeUpdates = async () => {
        updated += updates.length;
        await history.updating(updates);
        await repos.meetings.update(updates);
        for (const update of updates.splice(0)) upserted.push(update.meeting.id);
        await turn();
      };
      for (let i = 0; i < drafts.length; i++) {
        deps.progress?.writing(i, drafts.length);
        const draft = drafts[i]!;
        const { data, contentHash } = encoded[i]!;
        // Dropped as soon as it is used: the batches hold what is still to be written.
        encoded[i] = consumed;
        await turn();
        if (history.skip(draft)) {
          report.unchanged++;
          continue;
        }
        const key = existing.get(draft.provenance.sourceSlug);
        if (key !== undefined) {
          existing.delete(draft.provenance.sourceSlug);
          if (key.contentHash === contentHash) {
            report.unchanged++;
            continue;
          }
          // createdAt is never rewritten by an update, so its value here is not used.
          updates.push({
            meeting: { ...draft, id: key.id, slug: key.slug, createdAt: now, updatedAt: now },
            contentHash,
            data,
          });
          if (updates.length >= updateBatchSize) await writeUpdates();
        } else {
          taken ??= await slugsInUse(repos, turn);
          const slug = chooseSlug(draft.provenance.sourceSlug, draft.name, taken);
          taken.add(slug);
          const meeting: Meeting = {
            ...draft,
            id: randomUUID(),
            slug,
            createdAt: now,
            updatedAt: now,
          };
          inserts.push({ meeting, contentHash, data });
          upserted.push(meeting.id);
          if (inserts.length >= writeBatchSize) await writeInserts();
        }
      }
      await writeInserts();
      await writeUpdates();
      const removed = [...existing.values()].map((k) => k.id);
      for (let i = 0; i < removed.length; i += writeBatchSize) {
        const batch = removed.slice(i, i + writeBatchSize);
        await history.removing(batch);
        await repos.meetings.remove(batch);
        await turn();
      }
      deps.progress?.writing(drafts.length, drafts.length);
      report.added = added;
      report.updated = updated;
      report.removed = removed.length;
      const changed = added + updated + removed.length > 0;
      report.outcome = changed ? 'applied' : 'unchanged';
      report.finishedAt = deps.clock.now().toISOString();
      await repos.sources.recordImport(source.id, report);
      if (!changed) return undefined;
      return { revision: await repos.revision.bump({ upserted, removed }), upserted, removed };
    },
  );
  if (change !== undefined) await deps.onChange?.(change);
  return report;
}

/** Every slug in use, read a page at a time. */
async function slugsInUse(repos: Repositories, turn: YieldToLoop): Promise<Set<string>> {
  const taken = new Set<string>();
  for await (const page of repos.meetings.slugPages()) {
    for (const slug of page) taken.add(slug);
    await turn();
  }
  return taken;
}

interface Encoded {
  data: string;
  contentHash: string;
}

const consumed: Encoded = { data: '', contentHash: '' };

/** Each draft's encoded detail and fingerprint, a slice at a time; no database needed. */
async function encodeDrafts(
  drafts: readonly MeetingDraft[],
  turn: YieldToLoop,
): Promise<Encoded[]> {
  const encoded = new Array<Encoded>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i]!;
    const data = encodeMeetingData(draft);
    encoded[i] = { data, contentHash: hashContent(draft, data) };
    await turn();
  }
  return encoded;
}

/**
 * A fingerprint of what the feed said about a meeting: its columns and its encoded detail. The
 * fetch time is not part of it, so an unchanged row hashes the same on every refresh.
 */
function hashContent(draft: MeetingDraft, data: string): string {
  const p = draft.provenance;
  const columns = [
    draft.name,
    draft.program,
    draft.attendance,
    draft.status,
    draft.timeZone,
    p.sourceUpdatedAt ?? '',
    p.lastVerifiedAt ?? '',
  ];
  // One-shot hashing: the same digest as an incremental hash, without an object per meeting.
  return hash('sha1', `${columns.join('\u0000')}\u0000${data}`, 'base64url');
}

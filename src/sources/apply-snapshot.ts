import { hash, randomUUID } from 'node:crypto';
import type { Meeting, MeetingDraft } from '../meetings/model.js';
import { encodeMeetingData, type StoredMeeting } from '../meetings/repository.js';
import { chooseSlug } from '../meetings/slug.js';
import { startImportHistory } from '../stewardship/history/import-history.js';
import type { ImportDeps, StoreChange } from './import-source.js';
import type { ImportReport, Source } from './model.js';

/** Rows per INSERT batch while an import runs. */
const insertBatchSize = 400;

/**
 * Applies a source's new snapshot in one transaction, whatever format it was read from: drafts
 * are matched to stored meetings by the source's own slug; new ones are added, changed ones
 * updated in place (ids and slugs kept), missing ones removed, unchanged ones not written at all.
 * The report is completed and stored with the change; `onChange` hears of it after the commit.
 * With `createSource`, the source itself is written in the same transaction (its first import).
 */
export async function applySnapshot(
  deps: ImportDeps,
  source: Source,
  drafts: readonly MeetingDraft[],
  report: ImportReport,
  options: { createSource?: boolean } = {},
): Promise<ImportReport> {
  const now = deps.clock.now().toISOString();
  const change = await deps.repos.transaction(async (repos): Promise<StoreChange | undefined> => {
    if (options.createSource === true) await repos.sources.create(source);
    const existing = new Map(
      (await repos.meetings.keysForSource(source.id)).map((k) => [k.sourceSlug, k]),
    );
    // Loaded once, on the first new meeting: a refresh with no new meetings never reads it.
    let taken: Set<string> | undefined;
    const inserts: StoredMeeting[] = [];
    const upserted: string[] = [];
    let added = 0;
    const updates: StoredMeeting[] = [];
    // History, editors' overrides and deletions ride in this same transaction.
    const history = await startImportHistory(repos, source.id, now);
    let compared = 0;
    for (const draft of drafts) {
      deps.progress?.writing(compared++, drafts.length);
      if (history.skip(draft)) {
        report.unchanged++;
        continue;
      }
      const data = encodeMeetingData(draft);
      const contentHash = hashContent(draft, data);
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
      } else {
        taken ??= await repos.meetings.slugsInUse();
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
        // Written in batches as we go, so a large feed's rows are not all held at once.
        upserted.push(meeting.id);
        if (inserts.length >= insertBatchSize) {
          added += inserts.length;
          await history.added(inserts);
          await repos.meetings.insert(inserts.splice(0));
        }
      }
    }
    const removed = [...existing.values()].map((k) => k.id);
    added += inserts.length;
    await history.added(inserts);
    await repos.meetings.insert(inserts);
    await history.updating(updates);
    await repos.meetings.update(updates);
    await history.removing(removed);
    await repos.meetings.remove(removed);
    for (const update of updates) upserted.push(update.meeting.id);
    deps.progress?.writing(drafts.length, drafts.length);
    report.added = added;
    report.updated = updates.length;
    report.removed = removed.length;
    const changed = added + updates.length + removed.length > 0;
    report.outcome = changed ? 'applied' : 'unchanged';
    report.finishedAt = deps.clock.now().toISOString();
    await repos.sources.recordImport(source.id, report);
    if (!changed) return undefined;
    return { revision: await repos.revision.bump(), upserted, removed };
  });
  if (change !== undefined) await deps.onChange?.(change);
  return report;
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

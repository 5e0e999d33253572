/**
 * What an import does besides writing meetings: it records each addition, update and removal in
 * the history (by the source, in the import's own transaction), re-applies editors' overrides on
 * top of the source's new values, notes a conflict when the source changed a field an editor had
 * fixed, and skips meetings editors deleted. `applySnapshot` calls it at each step.
 */
import { randomUUID } from 'node:crypto';
import type { MeetingDraft } from '../../meetings/model.js';
import type { Repositories } from '../../repositories.js';
import type { ImportHistory } from '../../sources/import-history-port.js';
import { diffMeetings, getField, sameFieldValue, setField } from './meeting-fields.js';
import type { HistoryEntry, Override } from './model.js';
import { historyEntry } from './record.js';

/** Starts the history of one import of `sourceId`, inside its transaction. */
export async function startImportHistory(
  repos: Repositories,
  sourceId: string,
  at: string,
): Promise<ImportHistory> {
  const changeSet = randomUUID();
  const author = { sourceId };
  const tombstones = await repos.history.tombstonesOf(sourceId);
  return {
    skip: (draft) => tombstones.size > 0 && tombstones.has(draft.provenance.sourceSlug),

    async added(items) {
      await repos.history.insert(
        items.map(({ meeting }) =>
          historyEntry(meeting, 'import.add', { changeSet, at, author, snapshot: meeting }),
        ),
      );
    },

    async updating(items) {
      if (items.length === 0) return;
      const ids = items.map((i) => i.meeting.id);
      const stored = new Map((await repos.meetings.byIds(ids)).map((m) => [m.id, m]));
      const overrides = groupBy(await repos.history.overridesOf(ids));
      const entries: HistoryEntry[] = [];
      for (const item of items) {
        const before = stored.get(item.meeting.id);
        const own = overrides.get(item.meeting.id) ?? [];
        if (own.length > 0) {
          await reapply(repos, item.meeting, own, at);
          // The encoded detail was of the source's values; it is encoded again with ours.
          delete item.data;
        }
        if (before === undefined) continue;
        // A person's "still accurate" outlives a refresh that says nothing newer.
        const verified = before.provenance.lastVerifiedAt;
        const incoming = item.meeting.provenance.lastVerifiedAt;
        if (verified !== undefined && (incoming === undefined || incoming < verified)) {
          item.meeting.provenance.lastVerifiedAt = verified;
          delete item.data;
        }
        item.meeting.createdAt = before.createdAt;
        const changes = diffMeetings(before, item.meeting);
        if (changes.length > 0)
          entries.push(historyEntry(before, 'import.update', { changeSet, at, author, changes }));
      }
      await repos.history.insert(entries);
    },

    async removing(ids) {
      if (ids.length === 0) return;
      const gone = await repos.meetings.byIds(ids);
      await repos.history.insert(
        gone.map((meeting) =>
          historyEntry(meeting, 'import.remove', { changeSet, at, author, snapshot: meeting }),
        ),
      );
      await repos.history.deleteOverridesOf(ids);
    },
  };
}

/**
 * Re-applies one meeting's overrides over the source's new values. A source that now agrees with
 * the editor retires the override; one that changed the field since the editor's fix leaves the
 * editor's value in place and records a conflict for them to resolve.
 */
async function reapply(
  repos: Repositories,
  meeting: MeetingDraft,
  overrides: readonly Override[],
  at: string,
): Promise<void> {
  for (const override of overrides) {
    const upstream = getField(meeting, override.field);
    if (sameFieldValue(override.field, upstream, override.value)) {
      await repos.history.deleteOverride(override.meetingId, override.field);
      continue;
    }
    setField(meeting, override.field, override.value);
    const changedUpstream = !sameFieldValue(override.field, upstream, override.base);
    const known =
      override.conflict !== undefined &&
      sameFieldValue(override.field, override.conflict.after, upstream);
    if (changedUpstream && !known) {
      const { conflict: _old, ...rest } = override;
      await repos.history.saveOverride({
        ...rest,
        conflict: {
          at,
          ...(override.base !== undefined ? { before: override.base } : {}),
          ...(upstream !== undefined ? { after: upstream } : {}),
        },
      });
    } else if (!changedUpstream && override.conflict !== undefined) {
      // The source went back to what the editor's fix was made against: nothing to resolve.
      const { conflict: _old, ...rest } = override;
      await repos.history.saveOverride(rest);
    }
  }
}

function groupBy(overrides: readonly Override[]): Map<string, Override[]> {
  const map = new Map<string, Override[]>();
  for (const o of overrides) map.set(o.meetingId, [...(map.get(o.meetingId) ?? []), o]);
  return map;
}

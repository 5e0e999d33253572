/**
 * Removing a source with its meetings and restoring it, through the services on every storage
 * dialect: what the history records, who may do it, and that a restored source reads on where it
 * left off (its ids, schedule, service body, editors' fixes and deletions).
 */
import { createKeyring } from '../src/platform/crypto/keyring.js';
import type { CommittedChange } from '../src/platform/database/change-feed.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/platform/clock.js';
import type { DatabaseHandle } from '../src/platform/database/connect.js';
import { isPorchlightError, type ErrorCode } from '../src/platform/errors.js';
import { createRepositories, type Repositories } from '../src/repositories.js';
import { importSource, type ImportDeps } from '../src/sources/import-source.js';
import { refreshJobKind, registerSource } from '../src/sources/refresh-source.js';
import { createMeeting } from '../src/stewardship/editing/create-meeting.js';
import { deleteMeeting } from '../src/stewardship/editing/delete-meeting.js';
import { editMeeting } from '../src/stewardship/editing/edit-meeting.js';
import { meetingFormValues } from '../src/stewardship/editing/meeting-form.js';
import { restoreMeeting } from '../src/stewardship/history/revert.js';
import { meetingHistory, serviceBodyHistory } from '../src/stewardship/history/view-history.js';
import type { Actor } from '../src/accounts/model.js';
import { operatorActor } from '../src/accounts/operator.js';
import { actorFor } from '../src/accounts/people.js';
import { grantRole } from '../src/stewardship/roles.js';
import { createServiceBody } from '../src/stewardship/service-bodies.js';
import { removeSource, restoreSource } from '../src/stewardship/sources/remove-source.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { openTestDatabase, testDialects } from './support/databases.js';

function movableClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

async function codeOf(work: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (isPorchlightError(error)) return error.code;
    throw error;
  }
}

describe.each(testDialects)('removing and restoring a source on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let clock: ReturnType<typeof movableClock>;
  let changes: CommittedChange[];
  let deps: ImportDeps & { mailer: { send: () => Promise<void> }; publicUrl: string };
  let admin: Actor;
  let editor: Actor;
  let areaId: string;

  const feed = [
    mgRow({ group: 'Big Book Group' }),
    mgOnlineRow(),
    mgRow({ slug: 'tuesday-step', name: 'Tuesday Step', day: 2, time: '12:00' }),
  ];
  const refresh = () =>
    importSource(deps, {
      source: 'franklin',
      location: 'https://aa.example.org/feed.json',
      rows: feed,
    });

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    // People's emails are sealed at rest: the repositories need the master key's keyring.
    repos = createRepositories(handle.db, () => createKeyring(Buffer.alloc(32, 3)));
    clock = movableClock('2026-11-01T12:00:00Z');
    changes = [];
    deps = {
      repos,
      clock,
      limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
      onChange: (change) => {
        changes.push(change);
      },
      mailer: { send: () => Promise.resolve() },
      publicUrl: 'https://meetings.example.org',
    };
    const area = await createServiceBody(deps, operatorActor, { name: 'Franklin', kind: 'area' });
    areaId = area.id;
    const grant = async (email: string, g: Parameters<typeof grantRole>[3]) =>
      actorFor(repos, (await grantRole(deps, operatorActor, email, g)).personId);
    admin = await grant('admin@example.org', { role: 'administrator' });
    editor = await grant('editor@example.org', { role: 'editor', serviceBodyId: area.id });
    await registerSource(deps, {
      name: 'franklin',
      location: 'https://aa.example.org/feed.json',
      format: 'meeting-guide',
      everySeconds: 4 * 3600,
    });
    await refresh();
    const source = (await repos.sources.findByName('franklin'))!;
    await repos.serviceBodies.assignSource(source.id, area.id);
    changes = [];
  });
  afterEach(async () => handle.close());

  it('removes the meetings, records each as a deletion by the person, and restores them all', async () => {
    const source = (await repos.sources.findByName('franklin'))!;
    const before = await repos.meetings.page({ sourceId: source.id, limit: 10 });
    expect(before).toHaveLength(3);
    // An editor's fix and an editor's deletion: both must outlive a removal and a restore.
    const bigBook = (await repos.meetings.findBySlug('greenfield-big-book'))!;
    await editMeeting(deps, editor, bigBook.slug, {
      ...meetingFormValues(bigBook),
      notes: 'Use the side door.',
    });
    await deleteMeeting(deps, editor, 'tuesday-step');
    changes = [];

    clock.advance(60_000);
    const removal = await removeSource(deps, admin, 'franklin');
    expect(removal).toMatchObject({ source: 'franklin', meetings: 2 });
    expect(await repos.meetings.count()).toBe(0);
    expect(await repos.sources.findByName('franklin')).toBeUndefined();
    expect(await repos.jobs.find(refreshJobKind, source.id)).toBeUndefined();
    // The index and caches hear of every meeting that went.
    expect(changes).toHaveLength(1);
    expect(changes[0]!.removed.sort()).toEqual(
      before
        .filter((m) => m.slug !== 'tuesday-step')
        .map((m) => m.id)
        .sort(),
    );

    const deletions = await repos.history.ofChangeSet(source.id, removal.changeSet);
    expect(deletions).toHaveLength(2);
    for (const entry of deletions) {
      expect(entry).toMatchObject({ action: 'delete', actorId: admin.personId });
      expect(entry.actorSourceId).toBeUndefined();
      expect(entry.snapshot?.id).toBe(entry.meetingId);
    }
    const audit = await repos.audit.recent(5);
    expect(audit[0]).toMatchObject({
      action: 'source.remove',
      actorId: admin.personId,
      targetId: source.id,
      details: { name: 'franklin', meetings: 2 },
    });

    // Meanwhile a meeting kept here takes one of the old slugs.
    await createMeeting(deps, admin, undefined, {
      ...meetingFormValues(bigBook),
      name: 'Hilltowns Online',
    });
    const squatter = (await repos.meetings.findBySlug('hilltowns-online'))!;
    expect(squatter.provenance.sourceId).not.toBe(source.id);
    changes = [];

    clock.advance(60_000);
    const restored = await restoreSource(deps, admin, 'franklin');
    expect(restored.meetings).toBe(2);
    expect(restored.renamed).toEqual({ 'hilltowns-online': 'hilltowns-online-2' });
    const back = (await repos.sources.findByName('franklin'))!;
    expect(back).toMatchObject({
      id: source.id,
      location: source.location,
      format: 'meeting-guide',
    });
    expect(await repos.serviceBodies.bodyOfSource(source.id)).toBe(areaId);
    const job = (await repos.jobs.find(refreshJobKind, source.id))!;
    expect(job.intervalSeconds).toBe(4 * 3600);
    expect(job.nextRunAt).toBe(clock.now().toISOString());
    expect(await repos.removedSources.list()).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.upserted).toHaveLength(2);

    const fixed = (await repos.meetings.findBySlug('greenfield-big-book'))!;
    expect(fixed).toMatchObject({ id: bigBook.id, notes: 'Use the side door.' });
    expect((await repos.meetings.findBySlug('hilltowns-online-2'))?.provenance.sourceId).toBe(
      source.id,
    );
    const restorations = (await repos.history.ofMeeting(bigBook.id)).filter(
      (e) => e.action === 'restore',
    );
    expect(restorations).toHaveLength(1);
    expect(deletions.map((d) => d.id)).toContain(restorations[0]!.undoes);
    // The whole-site history shows the deletions as undone.
    const site = await serviceBodyHistory(repos, admin, undefined);
    const undone = site.lines.filter((l) => l.changeSet === removal.changeSet);
    expect(undone.map((l) => l.undone)).toEqual([true, true]);

    // The next refresh keeps the editor's fix and does not bring back the deleted meeting.
    await refresh();
    expect((await repos.meetings.findBySlug('greenfield-big-book'))?.notes).toBe(
      'Use the side door.',
    );
    expect(await repos.meetings.findBySlug('tuesday-step')).toBeUndefined();
    expect(await repos.meetings.count({ sourceId: source.id })).toBe(2);
  });

  it('is for administrators, names an unknown source, and refuses a source being refreshed', async () => {
    expect(await codeOf(removeSource(deps, editor, 'franklin'))).toBe('PL_FORBIDDEN');
    expect(await codeOf(removeSource(deps, undefined, 'franklin'))).toBe('PL_SIGN_IN_REQUIRED');
    expect(await codeOf(removeSource(deps, admin, 'nowhere'))).toBe('PL_SOURCE_NOT_FOUND');
    expect(await codeOf(restoreSource(deps, admin, 'franklin'))).toBe('PL_SOURCE_NOT_FOUND');

    const source = (await repos.sources.findByName('franklin'))!;
    const job = (await repos.jobs.find(refreshJobKind, source.id))!;
    const until = new Date(clock.now().getTime() + 60_000).toISOString();
    const now = clock.now().toISOString();
    expect(await repos.jobs.claim(job.id, 'another-process', now, until, { dueOnly: false })).toBe(
      true,
    );
    expect(await codeOf(removeSource(deps, admin, 'franklin'))).toBe('PL_SOURCE_BUSY');
    expect(await repos.meetings.count({ sourceId: source.id })).toBe(3);
    clock.advance(120_000);
    expect(await codeOf(removeSource(deps, admin, 'franklin'))).toBe('ok');

    // Removed from the command line: nobody's account, and a later source of the same name
    // must be removed before the old one can come back.
    clock.advance(60_000);
    await refresh();
    expect(await codeOf(restoreSource(deps, editor, 'franklin'))).toBe('PL_FORBIDDEN');
    expect(await codeOf(restoreSource(deps, admin, 'franklin'))).toBe('PL_SOURCE_EXISTS');
    const second = await removeSource(deps, operatorActor, 'franklin');
    const newer = (await repos.removedSources.list())[0]!;
    expect(newer.removedBy).toBeUndefined();
    const entries = await repos.history.ofChangeSet(newer.source.id, second.changeSet);
    expect(entries.map((e) => e.actorId)).toEqual([undefined, undefined, undefined]);
    // Restoring takes the latest removal; the earlier one waits its turn.
    await restoreSource(deps, operatorActor, 'franklin');
    expect((await repos.sources.findByName('franklin'))?.id).toBe(newer.source.id);
    expect((await repos.removedSources.list()).map((r) => r.source.id)).toEqual([source.id]);
  });

  it('removes a source that was never read, and restores it as it was', async () => {
    await registerSource(deps, {
      name: 'never-read',
      location: 'https://feeds.example.org/nothing.json',
      format: 'csv',
    });
    changes = [];
    expect(await removeSource(deps, admin, 'never-read')).toMatchObject({ meetings: 0 });
    expect(await repos.sources.findByName('never-read')).toBeUndefined();
    // Nothing a search shows changed: no change is announced.
    expect(changes).toEqual([]);
    expect(await restoreSource(deps, admin, 'never-read')).toMatchObject({ meetings: 0 });
    const back = (await repos.sources.findByName('never-read'))!;
    expect(back).toMatchObject({
      format: 'csv',
      location: 'https://feeds.example.org/nothing.json',
    });
    expect(back.lastReport).toBeUndefined();
    expect((await repos.jobs.find(refreshJobKind, back.id))?.intervalSeconds).toBeUndefined();
  });

  it('leaves a removed meeting to its source: restoring one alone is refused', async () => {
    const meeting = (await repos.meetings.findBySlug('tuesday-step'))!;
    const { changeSet } = await removeSource(deps, admin, 'franklin');
    const deletion = (await repos.history.ofChangeSet(meeting.provenance.sourceId, changeSet)).find(
      (e) => e.meetingId === meeting.id,
    )!;
    expect(await codeOf(restoreMeeting(deps, admin, deletion.id))).toBe('PL_SOURCE_NOT_FOUND');
    // The whole-site history shows the removal, with nothing offered per meeting.
    const site = await serviceBodyHistory(repos, admin, undefined);
    const line = site.lines.find((l) => l.id === deletion.id);
    expect(line).toMatchObject({ action: 'delete', undone: false });
    expect(line?.offer).toBeUndefined();
    const own = await meetingHistory(repos, admin, 'tuesday-step');
    expect(own.removed).toBe(true);
    expect(own.lines.map((l) => l.offer)).toEqual([undefined, undefined]);
  });
});

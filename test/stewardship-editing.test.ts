/**
 * Editing, history, local edits over imports, change requests and verification, through the
 * services on every storage dialect: real imports, real transactions, the rules of who may do what.
 */
import { createKeyring } from '../src/platform/crypto/keyring.js';
import type { CommittedChange } from '../src/platform/database/change-feed.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../src/meetings/model.js';
import type { Clock } from '../src/platform/clock.js';
import type { DatabaseHandle } from '../src/platform/database/connect.js';
import { isPorchlightError, type ErrorCode } from '../src/platform/errors.js';
import type { MailMessage, Mailer } from '../src/platform/mail/mailer.js';
import { createRepositories, type Repositories } from '../src/repositories.js';
import { importSource, type ImportDeps } from '../src/sources/import-source.js';
import { signFormTime } from '../src/stewardship/change-requests/form-timing.js';
import {
  approveRequest,
  rejectRequest,
  reviewQueue,
} from '../src/stewardship/change-requests/review-requests.js';
import {
  suggestCorrection,
  suggestMeeting,
  suggestPurpose,
  type ChangeRequestDeps,
} from '../src/stewardship/change-requests/submit-request.js';
import { createMeeting } from '../src/stewardship/editing/create-meeting.js';
import { deleteMeeting } from '../src/stewardship/editing/delete-meeting.js';
import { editMeeting } from '../src/stewardship/editing/edit-meeting.js';
import { meetingFormValues, type FormInput } from '../src/stewardship/editing/meeting-form.js';
import { conflictsOf, resolveConflict } from '../src/stewardship/editing/resolve-conflict.js';
import { restoreMeeting, revertChange } from '../src/stewardship/history/revert.js';
import { meetingHistory, serviceBodyHistory } from '../src/stewardship/history/view-history.js';
import type { Actor } from '../src/accounts/model.js';
import { operatorActor } from '../src/accounts/operator.js';
import { actorFor } from '../src/accounts/people.js';
import { grantRole } from '../src/stewardship/roles.js';
import { createServiceBody } from '../src/stewardship/service-bodies.js';
import { sendVerificationReminders } from '../src/stewardship/verification/send-reminders.js';
import { staleBefore, staleMeetingsFor } from '../src/stewardship/verification/stale-meetings.js';
import { verifyMeeting } from '../src/stewardship/verification/verify-meeting.js';
import { mgOnlineRow, mgRow } from './factories/meeting-guide.js';
import { openTestDatabase, testDialects } from './support/databases.js';

/** A clock tests move forward. */
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

describe.each(testDialects)('stewardship editing on $name', ({ url }) => {
  let handle: DatabaseHandle;
  let repos: Repositories;
  let clock: ReturnType<typeof movableClock>;
  let mail: MailMessage[];
  let changes: CommittedChange[];
  let deps: ChangeRequestDeps;
  let importDeps: ImportDeps;
  let ids: { region: string; area: string; other: string };
  let admin: Actor;
  let editor: Actor;
  let outsider: Actor;

  const rows = (overrides: Record<string, unknown> = {}) => [
    mgRow({ group: 'Big Book Group', ...overrides }),
    mgOnlineRow(),
  ];
  const refresh = (feed: unknown[]) =>
    importSource(importDeps, {
      source: 'franklin',
      location: 'https://aa.example.org/feed.json',
      rows: feed,
    });
  const meeting = async (slug = 'greenfield-big-book'): Promise<Meeting> =>
    (await repos.meetings.findBySlug(slug))!;
  /** The edit form as the page fills it, with some fields changed. */
  const formFor = (m: Meeting, changed: FormInput): FormInput => ({
    ...meetingFormValues(m),
    ...changed,
  });

  beforeEach(async () => {
    handle = await openTestDatabase(url);
    repos = createRepositories(handle.db, () => createKeyring(Buffer.alloc(32, 3)));
    clock = movableClock('2026-11-01T12:00:00Z');
    mail = [];
    changes = [];
    const mailer: Mailer = {
      send: (message) => {
        mail.push(message);
        return Promise.resolve();
      },
    };
    deps = {
      repos,
      clock,
      mailer,
      publicUrl: 'https://meetings.example.org',
      onChange: (change) => {
        changes.push(change);
      },
    };
    importDeps = {
      repos,
      clock,
      limits: { maxBytes: 1_000_000, timeoutMs: 2_000 },
      onChange: deps.onChange!,
    };
    const region = await createServiceBody(deps, operatorActor, { name: 'Region', kind: 'region' });
    const area = await createServiceBody(deps, operatorActor, {
      name: 'Franklin Area',
      kind: 'area',
      parentId: region.id,
    });
    const other = await createServiceBody(deps, operatorActor, {
      name: 'Other Area',
      kind: 'area',
      parentId: region.id,
    });
    ids = { region: region.id, area: area.id, other: other.id };
    const grant = async (email: string, g: Parameters<typeof grantRole>[3]) =>
      actorFor(repos, (await grantRole(deps, operatorActor, email, g)).personId);
    admin = await grant('admin@example.org', { role: 'administrator' });
    editor = await grant('editor@example.org', { role: 'editor', serviceBodyId: area.id });
    outsider = await grant('outsider@example.org', { role: 'editor', serviceBodyId: other.id });
    await refresh(rows());
    const source = await repos.sources.findByName('franklin');
    await repos.serviceBodies.assignSource(source!.id, area.id);
    changes = [];
  });
  afterEach(async () => handle.close());

  it('records imports in the history, by the source, with the whole meeting or each field', async () => {
    const added = await meeting();
    const source = (await repos.sources.findByName('franklin'))!;
    let history = await meetingHistory(repos, editor, added.slug);
    expect(history.lines).toHaveLength(1);
    expect(history.lines[0]).toMatchObject({ action: 'import.add', actorSourceId: source.id });
    expect(history.lines[0]!.snapshot).toMatchObject({ id: added.id, name: 'Greenfield Big Book' });

    clock.advance(60_000);
    await refresh(rows({ name: 'Greenfield Big Book Step', end_time: '20:30' }));
    history = await meetingHistory(repos, editor, added.slug);
    expect(history.lines[0]!.action).toBe('import.update');
    expect(history.lines[0]!.changes).toEqual([
      { field: 'name', before: 'Greenfield Big Book', after: 'Greenfield Big Book Step' },
      {
        field: 'schedule',
        before: [{ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 60 }],
        after: [{ kind: 'weekly', day: 2, start: '19:00', durationMinutes: 90 }],
      },
    ]);

    clock.advance(60_000);
    await refresh([mgOnlineRow()]);
    expect(await repos.meetings.findBySlug(added.slug)).toBeUndefined();
    history = await meetingHistory(repos, editor, added.slug);
    expect(history.removed).toBe(true);
    expect(history.lines[0]).toMatchObject({ action: 'import.remove', offer: 'restore' });
    expect(history.lines[0]!.snapshot!.name).toBe('Greenfield Big Book Step');
  });

  it('keeps an editor’s fix over refreshes, applies other upstream changes, and records conflicts', async () => {
    const before = await meeting();
    await editMeeting(
      deps,
      editor,
      before.slug,
      formFor(before, { conference_phone: '+1 413 555 0100' }),
    );
    expect((await meeting()).online.phone).toBe('+14135550100');
    expect(changes.at(-1)).toMatchObject({ upserted: [before.id], removed: [] });

    // The same feed again: nothing changes, the fix stays.
    clock.advance(60_000);
    const unchanged = await refresh(rows());
    expect(unchanged).toMatchObject({ outcome: 'unchanged', updated: 0 });
    expect((await meeting()).online.phone).toBe('+14135550100');

    // The feed changes another field: applied, the fix stays, no conflict.
    clock.advance(60_000);
    const renamed = await refresh(rows({ location: 'Second Church Hall' }));
    expect(renamed).toMatchObject({ outcome: 'applied', updated: 1 });
    let now = await meeting();
    expect(now.place.name).toBe('Second Church Hall');
    expect(now.online.phone).toBe('+14135550100');
    expect(await conflictsOf(repos, now.id)).toEqual([]);

    // The feed changes the fixed field: the conflict is recorded, our value still shown.
    clock.advance(60_000);
    await refresh(rows({ location: 'Second Church Hall', conference_phone: '+1 413 555 0199' }));
    now = await meeting();
    expect(now.online.phone).toBe('+14135550100');
    const [conflict] = await conflictsOf(repos, now.id);
    expect(conflict).toMatchObject({
      field: 'online.phone',
      value: '+14135550100',
      conflict: { after: '+14135550199' },
    });
    expect(conflict!.conflict!.before).toBeUndefined();
    const bodyView = await serviceBodyHistory(repos, editor, ids.area);
    expect(bodyView.conflicts.map((c) => c.field)).toEqual(['online.phone']);

    // Keep ours: the conflict closes, and the same upstream value is no longer news.
    await resolveConflict(deps, editor, now.slug, 'online.phone', 'mine');
    expect(await conflictsOf(repos, now.id)).toEqual([]);
    clock.advance(60_000);
    await refresh(
      rows({ location: 'Second Church Hall', conference_phone: '+1 413 555 0199', notes: 'x' }),
    );
    expect(await conflictsOf(repos, now.id)).toEqual([]);
    expect((await meeting()).online.phone).toBe('+14135550100');

    // The source changes it once more; this time take theirs: the field follows the source again.
    clock.advance(60_000);
    await refresh(
      rows({ location: 'Second Church Hall', conference_phone: '+1 413 555 0111', notes: 'x' }),
    );
    expect(await conflictsOf(repos, now.id)).toHaveLength(1);
    await resolveConflict(deps, editor, now.slug, 'online.phone', 'theirs');
    expect((await meeting()).online.phone).toBe('+14135550111');
    expect(await repos.history.overridesOf([now.id])).toEqual([]);
    clock.advance(60_000);
    await refresh(
      rows({ location: 'Second Church Hall', conference_phone: '+1 413 555 0122', notes: 'x' }),
    );
    expect((await meeting()).online.phone).toBe('+14135550122');
    expect(await conflictsOf(repos, now.id)).toEqual([]);
  });

  it('retires an override once the source agrees with it', async () => {
    const m = await meeting();
    await editMeeting(deps, editor, m.slug, formFor(m, { location: 'The Annex' }));
    expect(await repos.history.overridesOf([m.id])).toHaveLength(1);
    clock.advance(60_000);
    await refresh(rows({ location: 'The Annex' }));
    expect(await repos.history.overridesOf([m.id])).toEqual([]);
    expect((await meeting()).place.name).toBe('The Annex');
  });

  it('refuses bad input with the importer’s codes and changes nothing', async () => {
    const m = await meeting();
    const error = await editMeeting(
      deps,
      editor,
      m.slug,
      formFor(m, {
        name: '',
        conference_url: 'javascript:alert(1)',
        's0.start': '25:99',
        latitude: '123',
        longitude: '1',
      }),
    ).catch((e: unknown) => e);
    expect(isPorchlightError(error) && error.code).toBe('PL_INVALID_MEETING');
    const problems = (error as { details: { problems: { code: string; field: string }[] } }).details
      .problems;
    expect(problems.map((p) => `${p.field} ${p.code}`).sort()).toEqual([
      'conference_url PL_UNSAFE_URL',
      'latitude PL_INVALID_COORDINATES',
      'name PL_MISSING_NAME',
      's0.start PL_INVALID_TIME',
    ]);
    expect(await meeting()).toEqual(m);
    expect(changes).toEqual([]);
  });

  it('edits every schedule kind of the model', async () => {
    const m = await meeting();
    await editMeeting(
      deps,
      editor,
      m.slug,
      formFor(m, {
        's0.kind': 'biweekly',
        's0.day': '2',
        's0.start': '19:00',
        's0.end': '20:00',
        's0.anchor': '2026-11-03',
        's1.kind': 'monthly',
        's1.day': '0',
        's1.start': '10:00',
        's1.end': '11:30',
        's1.week': '-1',
        's2.kind': 'by_appointment',
      }),
    );
    expect((await meeting()).schedule).toEqual([
      { kind: 'biweekly', day: 2, start: '19:00', durationMinutes: 60, anchorDate: '2026-11-03' },
      { kind: 'monthly', day: 0, start: '10:00', durationMinutes: 90, week: -1 },
      { kind: 'by_appointment' },
    ]);
    const wrong = await codeOf(
      editMeeting(deps, editor, m.slug, formFor(await meeting(), { 's0.anchor': '2026-11-04' })),
    );
    expect(wrong).toBe('PL_INVALID_MEETING');
  });

  it('refuses an editor outside the scope, and anyone not signed in', async () => {
    const m = await meeting();
    const form = formFor(m, { name: 'Taken over' });
    expect(await codeOf(editMeeting(deps, outsider, m.slug, form))).toBe('PL_FORBIDDEN');
    expect(await codeOf(editMeeting(deps, undefined, m.slug, form))).toBe('PL_SIGN_IN_REQUIRED');
    expect(await codeOf(deleteMeeting(deps, outsider, m.slug))).toBe('PL_FORBIDDEN');
    expect(await codeOf(verifyMeeting(deps, outsider, m.slug))).toBe('PL_FORBIDDEN');
    expect(await codeOf(meetingHistory(repos, outsider, m.slug))).toBe('PL_FORBIDDEN');
    expect(await codeOf(serviceBodyHistory(repos, outsider, ids.area))).toBe('PL_FORBIDDEN');
    expect(await codeOf(serviceBodyHistory(repos, editor, undefined))).toBe('PL_FORBIDDEN');
    expect(await codeOf(createMeeting(deps, outsider, ids.area, form))).toBe('PL_FORBIDDEN');
    const entry = (await meetingHistory(repos, editor, m.slug)).lines[0]!;
    expect(await codeOf(revertChange(deps, outsider, entry.id))).toBe('PL_FORBIDDEN');
    expect((await meeting()).name).toBe('Greenfield Big Book');
  });

  it('reverts an edit with a new change, and undoes the undo', async () => {
    const m = await meeting();
    const { entry } = await editMeeting(
      deps,
      editor,
      m.slug,
      formFor(m, { name: 'Renamed', notes: 'Bring a friend' }),
    );
    expect(entry.changes.map((c) => c.field).sort()).toEqual(['name', 'notes']);
    const revert = await revertChange(deps, admin, entry.id);
    expect(revert).toMatchObject({ action: 'revert', undoes: entry.id, actorId: admin.personId });
    const back = await meeting();
    expect(back.name).toBe('Greenfield Big Book');
    expect(back.notes).toBeUndefined();
    const lines = (await meetingHistory(repos, editor, m.slug)).lines;
    expect(lines.find((l) => l.id === entry.id)).toMatchObject({ undone: true });
    expect(lines.find((l) => l.id === entry.id)?.offer).toBeUndefined();
    await revertChange(deps, editor, revert.id);
    expect((await meeting()).name).toBe('Renamed');
    // Reverting back to the source's value also retired the override it had made.
    await revertChange(deps, editor, (await meetingHistory(repos, editor, m.slug)).lines[0]!.id);
    expect(await repos.history.overridesOf([m.id])).toEqual([]);
  });

  it('deletes an imported meeting for good across refreshes, and restores it with its id and slug', async () => {
    const m = await meeting();
    await editMeeting(deps, editor, m.slug, formFor(m, { notes: 'Ring the bell' }));
    const removal = await deleteMeeting(deps, editor, m.slug);
    expect(changes.at(-1)).toMatchObject({ upserted: [], removed: [m.id] });
    clock.advance(60_000);
    const report = await refresh(rows());
    expect(report.added).toBe(0);
    expect(await repos.meetings.findBySlug(m.slug)).toBeUndefined();
    expect(await repos.meetings.count()).toBe(1);

    const restored = await restoreMeeting(deps, editor, removal.id);
    expect(restored).toMatchObject({ id: m.id, slug: m.slug, notes: 'Ring the bell' });
    expect(changes.at(-1)).toMatchObject({ upserted: [m.id] });
    expect(await codeOf(restoreMeeting(deps, editor, removal.id))).toBe('PL_MEETING_EXISTS');
    // Back in its source: the next refresh updates it in place and keeps the fix.
    clock.advance(60_000);
    await refresh(rows({ location: 'New Hall' }));
    const after = await meeting();
    expect(after).toMatchObject({ id: m.id, notes: 'Ring the bell' });
    expect(after.place.name).toBe('New Hall');
    expect(await repos.meetings.count()).toBe(2);
  });

  it('restores a meeting its source dropped into the body’s local source', async () => {
    const m = await meeting();
    await refresh([mgOnlineRow()]);
    const removal = (await meetingHistory(repos, editor, m.slug)).lines[0]!;
    const restored = await restoreMeeting(deps, editor, removal.id);
    expect(restored).toMatchObject({ id: m.id, slug: m.slug });
    const local = (await repos.sources.list()).find((s) => s.id === restored.provenance.sourceId)!;
    expect(local.location).toBeUndefined();
    expect(await repos.serviceBodies.bodyOfSource(local.id)).toBe(ids.area);
    await refresh([mgOnlineRow()]);
    expect(await repos.meetings.findBySlug(m.slug)).toBeDefined();
  });

  it('creates a meeting in the body’s local source, which its editors then keep', async () => {
    const form = meetingFormValues(await meeting());
    const created = await createMeeting(deps, editor, ids.area, {
      ...form,
      name: 'Shelburne Falls Step',
    });
    expect(created.slug).toBe('shelburne-falls-step');
    expect(await repos.serviceBodies.bodyOfSource(created.provenance.sourceId)).toBe(ids.area);
    const history = await meetingHistory(repos, editor, created.slug);
    expect(history.lines[0]).toMatchObject({ action: 'create', actorId: editor.personId });
    await editMeeting(
      deps,
      editor,
      created.slug,
      formFor(created, { name: 'Shelburne Falls Steps' }),
    );
    // A local meeting needs no overrides: nothing refreshes it.
    expect(await repos.history.overridesOf([created.id])).toEqual([]);
    const second = await createMeeting(deps, admin, ids.area, { ...form, name: 'Another' });
    expect(second.provenance.sourceId).toBe(created.provenance.sourceId);
  });

  it('verifies in one click, keeps the verification across refreshes, and lists the stale ones', async () => {
    const m = await meeting();
    const before = staleBefore(clock.now(), 30);
    clock.advance(40 * 24 * 3600_000);
    const stale = await staleMeetingsFor(repos, editor, staleBefore(clock.now(), 30));
    expect(stale.map((s) => s.meeting.slug).sort()).toEqual([
      'greenfield-big-book',
      'hilltowns-online',
    ]);
    expect(await staleMeetingsFor(repos, outsider, staleBefore(clock.now(), 30))).toEqual([]);
    expect(before < clock.now().toISOString()).toBe(true);

    await verifyMeeting(deps, editor, m.slug);
    const verified = await meeting();
    expect(verified.provenance.lastVerifiedAt).toBe(clock.now().toISOString());
    const entry = (await meetingHistory(repos, editor, m.slug)).lines[0]!;
    expect(entry).toMatchObject({ action: 'verify', actorId: editor.personId });
    expect(entry.changes[0]).toMatchObject({ field: 'provenance.lastVerifiedAt' });
    expect(
      (await staleMeetingsFor(repos, editor, staleBefore(clock.now(), 30))).map(
        (s) => s.meeting.slug,
      ),
    ).toEqual(['hilltowns-online']);
    clock.advance(60_000);
    await refresh(rows({ location: 'Elsewhere' }));
    expect((await meeting()).provenance.lastVerifiedAt).toBe(verified.provenance.lastVerifiedAt);

    const report = await sendVerificationReminders(deps, 30);
    expect(report).toEqual({ staleMeetings: 1, messages: 1 });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe('editor@example.org');
    expect(mail[0]!.subject).toBe('1 meeting to confirm');
    expect(mail[0]!.text).toContain(
      'https://meetings.example.org/en/meetings/hilltowns-online/edit',
    );
  });

  describe('public change requests', () => {
    const timed = (form: FormInput, slug?: string): FormInput => ({
      ...form,
      form_time: signFormTime(key, suggestPurpose(slug), new Date(clock.now().getTime() - 10_000)),
    });
    let key: string;
    beforeEach(async () => {
      key = await repos.changeRequests.formSigningKey();
    });

    it('stores a correction as a per-field diff, tells the scope’s editors, and applies it on approval', async () => {
      const m = await meeting();
      const request = await suggestCorrection(
        deps,
        m.slug,
        timed(
          formFor(m, {
            conference_url: 'https://zoom.us/j/123456789',
            email: 'Me@Example.org',
            note: 'New link',
          }),
          m.slug,
        ),
        'es',
      );
      expect(request.changes).toEqual([
        { field: 'online.url', after: 'https://zoom.us/j/123456789' },
      ]);
      expect(request.email).toBe('me@example.org');
      expect(mail.map((x) => x.to)).toEqual(['editor@example.org']);
      expect(mail[0]!.subject).toBe('Una sugerencia por revisar: Greenfield Big Book');
      expect(mail[0]!.text).toContain(`https://meetings.example.org/es/review/${request.id}`);
      expect(mail[0]!.text).not.toContain('me@example.org');
      expect((await meeting()).online.url).toBeUndefined();

      expect((await reviewQueue(repos, editor)).map((q) => q.request.id)).toEqual([request.id]);
      expect(await reviewQueue(repos, outsider)).toEqual([]);
      expect(await codeOf(approveRequest(deps, outsider, request.id))).toBe('PL_FORBIDDEN');

      await approveRequest(deps, editor, request.id);
      expect((await meeting()).online.url).toBe('https://zoom.us/j/123456789');
      const stored = await repos.changeRequests.byId(request.id);
      expect(stored).toMatchObject({ status: 'approved', closedBy: editor.personId });
      expect(stored!.email).toBeUndefined();
      const row = await handle.db
        .selectFrom('change_requests')
        .select('email')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(row.email).toBeNull();
      expect(mail.at(-1)).toMatchObject({
        to: 'me@example.org',
        subject: 'Se aplicó su sugerencia',
      });
      const history = await meetingHistory(repos, editor, m.slug);
      expect(history.lines[0]).toMatchObject({ action: 'approve', actorId: editor.personId });
      expect(await codeOf(approveRequest(deps, editor, request.id))).toBe(
        'PL_CHANGE_REQUEST_CLOSED',
      );
    });

    it('keeps the sender’s address sealed: the database holds no plaintext, the queue only a flag', async () => {
      const m = await meeting();
      const request = await suggestCorrection(
        deps,
        m.slug,
        timed(
          formFor(m, { name: 'Sealed Suggestion', email: 'Sender.Sealed@Example.org' }),
          m.slug,
        ),
        'en',
      );
      const raw = await handle.db
        .selectFrom('change_requests')
        .selectAll()
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(raw).toLowerCase()).not.toContain('sender.sealed@example.org');
      expect(raw.email).toBeNull();
      expect(raw.email_sealed).toMatch(/^v1\./);
      const read = await repos.changeRequests.byId(request.id);
      expect(read).toMatchObject({ wantsOutcome: true });
      expect(read!.email).toBeUndefined();
      const queued = (await reviewQueue(repos, editor)).find((q) => q.request.id === request.id);
      expect(JSON.stringify(queued)).not.toContain('sender.sealed');
      // Moved to another row, the sealed address does not open.
      const other = await suggestCorrection(
        deps,
        m.slug,
        timed(formFor(m, { name: 'Other Suggestion' }), m.slug),
        'en',
      );
      await handle.db
        .updateTable('change_requests')
        .set({ email_sealed: raw.email_sealed })
        .where('id', '=', other.id)
        .execute();
      await expect(repos.changeRequests.submitterEmail(other.id)).rejects.toThrow();

      await rejectRequest(deps, editor, request.id, 'Not the group’s name.');
      expect(mail.at(-1)).toMatchObject({ to: 'sender.sealed@example.org' });
      const closed = await handle.db
        .selectFrom('change_requests')
        .select(['email', 'email_sealed'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(closed).toEqual({ email: null, email_sealed: null });
    });

    it('seals an address stored in the clear before sealing, when the store opens with the key', async () => {
      const m = await meeting();
      const request = await suggestCorrection(
        deps,
        m.slug,
        timed(formFor(m, { name: 'Old Suggestion' }), m.slug),
        'en',
      );
      await handle.db
        .updateTable('change_requests')
        .set({ email: 'old.sender@example.org', email_sealed: null })
        .where('id', '=', request.id)
        .execute();
      expect(await repos.changeRequests.sealPlainEmails()).toBe(1);
      const raw = await handle.db
        .selectFrom('change_requests')
        .select(['email', 'email_sealed'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(raw.email).toBeNull();
      expect(raw.email_sealed).toMatch(/^v1\./);
      expect(await repos.changeRequests.submitterEmail(request.id)).toBe('old.sender@example.org');
    });

    it('lets a reviewer edit before approving, and reject with a reason that reaches the sender', async () => {
      const m = await meeting();
      const first = await suggestCorrection(
        deps,
        m.slug,
        timed(formFor(m, { name: 'Big Book (Tuesday)' }), m.slug),
        'en',
      );
      await approveRequest(deps, editor, first.id, {
        form: formFor(m, { name: 'Big Book Tuesday' }),
      });
      expect((await meeting()).name).toBe('Big Book Tuesday');

      const second = await suggestCorrection(
        deps,
        m.slug,
        timed(formFor(await meeting(), { name: 'Spam', email: 'who@example.org' }), m.slug),
        'en',
      );
      expect(await codeOf(rejectRequest(deps, editor, second.id, '  '))).toBe('PL_INVALID_BODY');
      await rejectRequest(deps, editor, second.id, 'That is not the name the group uses.');
      const closed = await repos.changeRequests.byId(second.id);
      expect(closed).toMatchObject({
        status: 'rejected',
        reason: 'That is not the name the group uses.',
      });
      expect(closed!.email).toBeUndefined();
      expect(mail.at(-1)).toMatchObject({
        to: 'who@example.org',
        subject: 'About your suggestion',
      });
      expect(mail.at(-1)!.text).toContain('That is not the name the group uses.');
      expect((await meeting()).name).toBe('Big Book Tuesday');
    });

    it('takes a new meeting for the administrators, placed under a body on approval', async () => {
      const form = { ...meetingFormValues(await meeting()), name: 'Colrain Candlelight' };
      const request = await suggestMeeting(deps, timed(form), 'en');
      expect(request.kind).toBe('new');
      expect(mail.map((x) => x.to)).toEqual(['admin@example.org']);
      expect(
        await codeOf(approveRequest(deps, outsider, request.id, { serviceBodyId: ids.area })),
      ).toBe('PL_FORBIDDEN');
      const created = await approveRequest(deps, editor, request.id, { serviceBodyId: ids.area });
      expect(created.slug).toBe('colrain-candlelight');
      expect(await repos.serviceBodies.bodyOfSource(created.provenance.sourceId)).toBe(ids.area);
    });

    it('refuses a form sent too fast, too late, altered, or meant for another meeting', async () => {
      const m = await meeting();
      const form = formFor(m, { name: 'Changed' });
      const now = clock.now();
      const sign = (at: Date, slug = m.slug) => signFormTime(key, suggestPurpose(slug), at);
      const attempt = (token: string) =>
        codeOf(suggestCorrection(deps, m.slug, { ...form, form_time: token }, 'en'));
      expect(await attempt(sign(now))).toBe('PL_FORM_TOO_FAST');
      expect(await attempt(sign(new Date(now.getTime() - 2 * 24 * 3600_000)))).toBe(
        'PL_FORM_EXPIRED',
      );
      expect(await attempt(`${now.getTime() - 10_000}.forged`)).toBe('PL_FORM_EXPIRED');
      expect(await attempt(sign(new Date(now.getTime() - 10_000), 'hilltowns-online'))).toBe(
        'PL_FORM_EXPIRED',
      );
      expect(await attempt('')).toBe('PL_FORM_EXPIRED');
      expect(
        await codeOf(suggestCorrection(deps, m.slug, timed(meetingFormValues(m), m.slug), 'en')),
      ).toBe('PL_NOTHING_CHANGED');
      expect(await repos.changeRequests.open()).toEqual([]);
      expect(mail).toEqual([]);
    });
  });
});

/**
 * Editing, history and public suggestions through the real server, database and mail outbox:
 * forged posts, script payloads in every field, undo and restore, the suggestion's way from the
 * public form to an editor's approval (and the submitter's address deleted), robots kept out.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import { meetingFormValues, type FormInput } from '../src/stewardship/editing/meeting-form.js';
import { createTestApp } from './support/app.js';
import { buildScene, signIn, Visitor, type Scene } from './stewardship-editing-support.js';

const PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
/** Every free-text field of the meeting form. */
const textFields = [
  'name',
  'languages',
  'timezone',
  'location',
  'address',
  'city',
  'state',
  'postal_code',
  'country',
  'latitude',
  'longitude',
  'location_notes',
  'conference_url',
  'conference_url_notes',
  'conference_phone',
  'conference_phone_notes',
  'group',
  'group_notes',
  'notes',
  's0.start',
  's0.end',
  's0.anchor',
];
/** Those that take any text, so a payload there is saved and shown. */
const freeText = [
  'name',
  'location',
  'location_notes',
  'conference_url_notes',
  'conference_phone_notes',
  'group',
  'group_notes',
  'notes',
];

let app: App;
let dataDir: string;
let scene: Scene;
let editor: Visitor;
const outbox = () => join(dataDir, 'outbox');

function mails(): string[] {
  try {
    return readdirSync(outbox())
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(outbox(), f), 'utf8'));
  } catch {
    return [];
  }
}

function flat(values: FormInput): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

function expectEscaped(body: string, where: string) {
  expect(body, where).not.toContain('<script>alert');
  expect(body, where).not.toContain('<img src=x');
  expect(body, where).toContain('&lt;script>alert(1)&lt;/script>');
}

const formTimeOf = (body: string) => /name="form_time" value="([^"]+)"/.exec(body)![1]!;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-editing-'));
  app = await createTestApp(
    { dataDir },
    {
      formTiming: { minimumMs: 0, maximumMs: 3600_000 },
      suggestLimit: { max: 1000, timeWindowMs: 60_000 },
    },
  );
  scene = await buildScene(app);
  editor = new Visitor(app);
  await signIn(app, editor, scene.people.editorInScope!);
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('forged posts', () => {
  it('are refused without this site’s token, and change nothing', async () => {
    const m = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
    const form = { ...flat(meetingFormValues(m)), name: 'Forged', intent: 'save' };
    const url = '/en/meetings/greenfield-big-book/edit';
    const other = new Visitor(app);
    await signIn(app, other, scene.people.administrator!);
    const { csrf: othersToken } = await other.page('/en/account');
    const attempts = [
      await editor.request('POST', url, form),
      await editor.request('POST', url, { ...form, _csrf: 'x'.repeat(43) }),
      await editor.request('POST', url, { ...form, _csrf: othersToken }),
      await editor
        .post('/en/account', url, form)
        .then(() =>
          editor.request(
            'POST',
            url,
            { ...form, _csrf: othersToken },
            { 'sec-fetch-site': 'cross-site' },
          ),
        ),
      await editor.request(
        'POST',
        url,
        { ...form, _csrf: (await editor.page('/en/account')).csrf },
        { origin: 'https://evil.example' },
      ),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('data-error-code="PL_CSRF_REJECTED"');
    }
    // The fourth attempt's own post went through (with a valid token); the forged ones did not.
    expect((await app.repos.meetings.findBySlug('greenfield-big-book'))!.name).toBe('Forged');
    const again = {
      ...flat(meetingFormValues((await app.repos.meetings.findBySlug('greenfield-big-book'))!)),
    };
    const restore = await editor.post('/en/account', url, {
      ...again,
      name: 'Greenfield Big Book',
      intent: 'save',
    });
    expect(restore.statusCode).toBe(303);

    const anonymous = new Visitor(app);
    const suggest = await anonymous.page('/en/meetings/greenfield-big-book/suggest');
    const forged = await anonymous.request('POST', '/en/meetings/greenfield-big-book/suggest', {
      ...flat(meetingFormValues(m)),
      notes: 'forged',
      form_time: formTimeOf(suggest.body),
    });
    expect(forged.statusCode).toBe(403);
    expect(await app.repos.changeRequests.open()).toEqual([]);
  });
});

describe('odd requests', () => {
  it('never yield a 500: JSON bodies, repeated fields, unknown ids and slugs', async () => {
    const { csrf } = await editor.page('/en/account');
    const cookie = [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const json = await app.server.inject({
      method: 'POST',
      url: '/en/meetings/greenfield-big-book/edit',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      payload: JSON.stringify({
        name: 7,
        types: [1, { a: 2 }],
        's0.kind': ['weekly', 3],
        intent: 'save',
      }),
    });
    expect(json.statusCode).toBe(400);
    const statuses = [
      (await editor.post('/en/account', '/en/history/nope/revert', {})).statusCode,
      (await editor.post('/en/account', '/en/history/nope/restore', {})).statusCode,
      (await editor.post('/en/account', '/en/review/nope/approve', {})).statusCode,
      (await editor.request('GET', '/en/review/nope')).statusCode,
      (await editor.request('GET', '/en/meetings/nope/edit')).statusCode,
      (await editor.request('GET', '/en/meetings/nope/history')).statusCode,
      (await editor.request('GET', '/en/review/stale?days=0')).statusCode,
      (
        await editor.post('/en/account', '/en/meetings/greenfield-big-book/conflicts', {
          field: 'x',
          choice: 'y',
        })
      ).statusCode,
      (
        await editor.post('/en/account', '/en/meetings/greenfield-big-book/edit', {
          name: ['a', 'b'],
          types: 'O',
          intent: 'save',
        })
      ).statusCode,
    ];
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 400, 303, 400]);
  });
});

describe('script payloads', () => {
  it('come back escaped from the edit form, refused or saved, on every page that shows them', async () => {
    const m = (await app.repos.meetings.findBySlug('hilltowns-online'))!;
    const everything: Record<string, string | string[]> = {
      ...flat(meetingFormValues(m)),
      intent: 'save',
    };
    for (const field of textFields) everything[field] = PAYLOAD;
    const refused = await editor.post(
      '/en/account',
      '/en/meetings/hilltowns-online/edit',
      everything,
    );
    expect(refused.statusCode).toBe(400);
    expectEscaped(refused.body, 'refused edit form');
    for (const field of ['conference_url', 'languages', 'timezone', 'latitude', 's0.start']) {
      expect(refused.body).toContain(`data-field="${field}"`);
    }

    const saved: Record<string, string | string[]> = {
      ...flat(meetingFormValues(m)),
      intent: 'save',
    };
    for (const field of freeText) saved[field] = PAYLOAD;
    const ok = await editor.post('/en/account', '/en/meetings/hilltowns-online/edit', saved);
    expect(ok.statusCode).toBe(303);
    const stored = (await app.repos.meetings.findBySlug('hilltowns-online'))!;
    expect(stored.name).toBe(PAYLOAD);
    for (const url of [
      '/en/meetings/hilltowns-online/edit',
      '/en/meetings/hilltowns-online/history',
      '/en/meetings/hilltowns-online',
      `/en/admin/service-bodies/${scene.bodies.area}/history`,
    ]) {
      const page = await editor.request('GET', url);
      expect(page.statusCode, url).toBe(200);
      expectEscaped(page.body, url);
    }
    const preview = await editor.post('/en/account', '/en/meetings/hilltowns-online/edit', {
      ...saved,
      intent: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expectEscaped(preview.body, 'preview');
  });

  it('come back escaped from the suggestion forms and the review page', async () => {
    const visitor = new Visitor(app);
    const m = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
    const page = await visitor.page('/en/meetings/greenfield-big-book/suggest');
    const everything: Record<string, string | string[]> = {
      ...flat(meetingFormValues(m)),
      note: PAYLOAD,
      email: PAYLOAD,
      form_time: formTimeOf(page.body),
      _csrf: page.csrf,
    };
    for (const field of textFields) everything[field] = PAYLOAD;
    const refused = await visitor.request(
      'POST',
      '/en/meetings/greenfield-big-book/suggest',
      everything,
    );
    expect(refused.statusCode).toBe(400);
    expectEscaped(refused.body, 'refused suggestion');

    const again = await visitor.page('/en/meetings/greenfield-big-book/suggest');
    const valid: Record<string, string | string[]> = {
      ...flat(meetingFormValues(m)),
      note: PAYLOAD,
      form_time: formTimeOf(again.body),
      _csrf: again.csrf,
    };
    for (const field of freeText) valid[field] = PAYLOAD;
    const sent = await visitor.request('POST', '/en/meetings/greenfield-big-book/suggest', valid);
    expect(sent.statusCode).toBe(303);
    const [request] = await app.repos.changeRequests.open();
    const review = await editor.request('GET', `/en/review/${request!.id}`);
    expect(review.statusCode).toBe(200);
    expectEscaped(review.body, 'review page');
    const queue = await editor.request('GET', '/en/review');
    expect(queue.body).not.toContain('<script>alert');
    await editor.post('/en/account', `/en/review/${request!.id}/reject`, { reason: PAYLOAD });

    const blank = await visitor.page('/en/suggest');
    const added: Record<string, string | string[]> = {
      ...flat(meetingFormValues(m)),
      form_time: formTimeOf(blank.body),
      _csrf: blank.csrf,
    };
    for (const field of textFields) added[field] = PAYLOAD;
    const refusedNew = await visitor.request('POST', '/en/suggest', added);
    expect(refusedNew.statusCode).toBe(400);
    expectEscaped(refusedNew.body, 'refused new meeting');
  });
});

describe('history over HTTP', () => {
  it('undoes an edit, deletes and restores a meeting with its id and slug', async () => {
    const before = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
    const edited = await editor.post('/en/account', '/en/meetings/greenfield-big-book/edit', {
      ...flat(meetingFormValues(before)),
      conference_phone: '+1 413 555 0100',
      intent: 'save',
    });
    expect(edited.statusCode).toBe(303);
    expect(edited.headers.location).toBe('/en/meetings/greenfield-big-book/edit?saved=1');
    const search = await app.server.inject({
      method: 'GET',
      url: '/api/v1/search?q=greenfield%20big%20book',
    });
    expect(search.statusCode).toBe(200);
    const feed = JSON.parse(
      (await app.server.inject({ method: 'GET', url: '/meeting-guide.json' })).body,
    ) as { slug: string; conference_phone?: string }[];
    expect(feed.find((r) => r.slug === 'greenfield-big-book')?.conference_phone).toBe(
      '+14135550100',
    );

    const history = await editor.page('/en/meetings/greenfield-big-book/history');
    const entry = /action="\/en\/history\/([0-9a-f-]+)\/revert"/.exec(history.body)![1]!;
    expect(history.body).toContain('data-action="edit"');
    const reverted = await editor.request('POST', `/en/history/${entry}/revert`, {
      _csrf: history.csrf,
    });
    expect(reverted.statusCode).toBe(303);
    expect(
      (await app.repos.meetings.findBySlug('greenfield-big-book'))!.online.phone,
    ).toBeUndefined();
    const after = await editor.page('/en/meetings/greenfield-big-book/history');
    expect(after.body).toContain('data-action="revert"');
    expect(after.body).toContain('undone');

    const edit = await editor.page('/en/meetings/greenfield-big-book/edit');
    const deleted = await editor.request('POST', '/en/meetings/greenfield-big-book/delete', {
      _csrf: edit.csrf,
    });
    expect(deleted.statusCode).toBe(303);
    expect(
      (await app.server.inject({ method: 'GET', url: '/en/meetings/greenfield-big-book' }))
        .statusCode,
    ).toBe(404);
    const removed = await editor.page('/en/meetings/greenfield-big-book/history');
    const removal = /action="\/en\/history\/([0-9a-f-]+)\/restore"/.exec(removed.body)![1]!;
    const restored = await editor.request('POST', `/en/history/${removal}/restore`, {
      _csrf: removed.csrf,
    });
    expect(restored.statusCode).toBe(303);
    const back = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
    expect(back.id).toBe(before.id);
    expect(
      (await app.server.inject({ method: 'GET', url: '/en/meetings/greenfield-big-book' }))
        .statusCode,
    ).toBe(200);
  });
});

describe('a suggestion from the public to the list', () => {
  it('is mailed to the scope’s editors, approved, and the sender told, their address then deleted', async () => {
    const visitor = new Visitor(app, '10.0.0.7');
    const meetingPage = await visitor.request('GET', '/en/meetings/hilltowns-online');
    expect(meetingPage.body).toContain('href="/en/meetings/hilltowns-online/suggest"');
    const finder = await visitor.request('GET', '/en/');
    expect(finder.body).toContain('href="/en/suggest"');

    const page = await visitor.page('/es/meetings/hilltowns-online/suggest');
    const m = (await app.repos.meetings.findBySlug('hilltowns-online'))!;
    const before = mails().length;
    const sent = await visitor.request('POST', '/es/meetings/hilltowns-online/suggest', {
      ...flat(meetingFormValues(m)),
      conference_phone: '+1 929 205 6099',
      email: 'sender@example.org',
      note: 'The group added a dial-in.',
      form_time: formTimeOf(page.body),
      _csrf: page.csrf,
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/es/suggest/thanks?slug=hilltowns-online');
    const notice = await vi.waitFor(() => {
      const all = mails();
      if (all.length <= before) throw new Error('no mail yet');
      return all.at(-1)!;
    });
    expect(notice).toContain(`To: ${scene.people.editorInScope}`);
    expect(notice).not.toContain('sender@example.org');
    const [request] = (await app.repos.changeRequests.open()).filter(
      (r) => r.wantsOutcome === true,
    );
    expect(request!.changes.map((c) => c.field)).toEqual(['online.phone']);

    const review = await editor.page(`/en/review/${request!.id}`);
    expect(review.body).toContain('The group added a dial-in.');
    const approved = await editor.request('POST', `/en/review/${request!.id}/approve`, {
      _csrf: review.csrf,
    });
    expect(approved.statusCode).toBe(303);
    expect((await app.repos.meetings.findBySlug('hilltowns-online'))!.online.phone).toBe(
      '+19292056099',
    );
    const outcome = mails().at(-1)!;
    expect(outcome).toContain('To: sender@example.org');
    expect(outcome).toContain('Subject: =?UTF-8?');
    const row = await app.database.db
      .selectFrom('change_requests')
      .select(['email', 'email_sealed', 'status'])
      .where('id', '=', request!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: null, email_sealed: null, status: 'approved' });
    const history = await editor.page('/en/meetings/hilltowns-online/history');
    expect(history.body).toContain('data-action="approve"');
  });

  it('thanks a robot that fills the honeypot, and keeps nothing', async () => {
    const visitor = new Visitor(app);
    const page = await visitor.page('/en/suggest');
    const m = (await app.repos.meetings.findBySlug('hilltowns-online'))!;
    const before = (await app.repos.changeRequests.open()).length;
    const sent = await visitor.request('POST', '/en/suggest', {
      ...flat(meetingFormValues(m)),
      name: 'Buy now',
      website: 'https://spam.example',
      form_time: formTimeOf(page.body),
      _csrf: page.csrf,
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/en/suggest/thanks');
    expect((await app.repos.changeRequests.open()).length).toBe(before);
  });
});

describe('robots and floods', () => {
  it('takes a suggestion form once: a replay is refused, stores nothing and mails no one', async () => {
    const visitor = new Visitor(app, '10.8.8.8');
    const m = (await app.repos.meetings.findBySlug('greenfield-big-book'))!;
    const page = await visitor.page('/en/meetings/greenfield-big-book/suggest');
    const form = {
      ...flat(meetingFormValues(m)),
      notes: 'Moved to the parish hall.',
      form_time: formTimeOf(page.body),
      _csrf: page.csrf,
    };
    const stored = async () => (await app.repos.changeRequests.open()).length;
    const before = { mail: mails().length, requests: await stored() };
    const first = await visitor.request('POST', '/en/meetings/greenfield-big-book/suggest', form);
    expect(first.statusCode).toBe(303);
    const sent = { mail: mails().length, requests: await stored() };
    expect(sent.requests).toBe(before.requests + 1);
    expect(sent.mail).toBeGreaterThan(before.mail);
    // The same body again, at every language path: refused each time with its own code.
    for (const prefix of ['/en', '', '/es']) {
      const replay = await visitor.request(
        'POST',
        `${prefix}/meetings/greenfield-big-book/suggest`,
        form,
      );
      expect(replay.statusCode, prefix).toBe(409);
      expect(replay.body).toContain('data-error-code="PL_FORM_ALREADY_SENT"');
    }
    expect(mails().length).toBe(sent.mail);
    expect(await stored()).toBe(sent.requests);
    // A fresh page gives a fresh form, good for one more suggestion.
    const again = await visitor.page('/en/meetings/greenfield-big-book/suggest');
    const next = await visitor.request('POST', '/en/meetings/greenfield-big-book/suggest', {
      ...form,
      form_time: formTimeOf(again.body),
      _csrf: again.csrf,
    });
    expect(next.statusCode).toBe(303);
  });

  it('refuses a form sent back too fast, and limits suggestions per address', async () => {
    const strict = await createTestApp(
      { dataDir },
      { suggestLimit: { max: 2, timeWindowMs: 60_000 } },
    );
    try {
      await buildScene(strict);
      const visitor = new Visitor(strict, '10.9.9.9');
      const m = (await strict.repos.meetings.findBySlug('greenfield-big-book'))!;
      // The limit is per action: both forms, at `/`, `/en/` and `/es/`, count together.
      const send = async (path: string) => {
        const page = await visitor.page('/en/meetings/greenfield-big-book/suggest');
        return visitor.request('POST', path, {
          ...flat(meetingFormValues(m)),
          notes: 'quick',
          form_time: formTimeOf(page.body),
          _csrf: page.csrf,
        });
      };
      const fast = await send('/meetings/greenfield-big-book/suggest');
      expect(fast.statusCode).toBe(400);
      expect(fast.body).toContain('data-error-code="PL_FORM_TOO_FAST"');
      expect((await send('/es/meetings/greenfield-big-book/suggest')).statusCode).toBe(400);
      for (const path of ['/en/meetings/greenfield-big-book/suggest', '/es/suggest', '/suggest']) {
        const limited = await send(path);
        expect(limited.statusCode, path).toBe(429);
        expect(limited.body).toContain('data-error-code="PL_RATE_LIMITED"');
      }
      expect(await strict.repos.changeRequests.open()).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

/**
 * An edit changes exactly the fields the person changed, through the real pages: the edit form
 * and the public suggestion form are read from their HTML as a browser sends them, on the demo
 * region and on feed rows of every kind.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { importSource } from '../src/sources/import-source.js';
import { operatorActor } from '../src/accounts/operator.js';
import { grantRole } from '../src/stewardship/roles.js';
import { meetingGuideRow } from './factories/arbitraries.js';
import { createTestApp } from './support/app.js';
import { formFields, type SubmittedForm } from './support/html-form.js';
import { signIn, Visitor } from './stewardship-editing-support.js';

let app: App;
let admin: Visitor;

beforeAll(async () => {
  app = await createTestApp(
    { demo: true },
    {
      formTiming: { minimumMs: 0, maximumMs: 3600_000 },
      suggestLimit: { max: 10_000, timeWindowMs: 60_000 },
    },
  );
  await grantRole(app.importDeps, operatorActor, 'admin@edit.example.org', {
    role: 'administrator',
  });
  admin = new Visitor(app);
  await signIn(app, admin, 'admin@edit.example.org');
});
afterAll(async () => {
  await app?.close();
});

const editUrl = (slug: string) => `/en/meetings/${slug}/edit`;

/** The edit form of a meeting as its page shows it. */
async function editForm(slug: string): Promise<SubmittedForm> {
  const { body } = await admin.page(editUrl(slug));
  return formFields(body, `/meetings/${slug}/edit`);
}

/** Sends an edit form; true when the meeting was saved (not "nothing changed"). */
async function save(slug: string, form: SubmittedForm): Promise<boolean> {
  const response = await admin.request('POST', editUrl(slug), { ...form, intent: 'save' });
  expect(response.statusCode, problemsIn(response.body)).toBe(303);
  return String(response.headers.location).endsWith('?saved=1');
}

async function editsOf(slug: string) {
  const meeting = (await app.repos.meetings.findBySlug(slug))!;
  return (await app.repos.history.ofMeeting(meeting.id)).filter((e) => e.action === 'edit');
}

// The single-field edits come first: they need the demo meetings as imported.
describe('an edit of one field', () => {
  it('changes that field only: the types, their feed codes and the overrides stay', async () => {
    const slug = '11th-step-meditation';
    const before = (await app.repos.meetings.findBySlug(slug))!;
    expect(before.types).toContain('X');
    expect(before.place.wheelchairAccessible).toBe(true);
    const form = await editForm(slug);
    expect(form['s0.start']).toBe('18:00');
    expect(await save(slug, { ...form, 's0.start': '18:30' })).toBe(true);

    const after = (await app.repos.meetings.findBySlug(slug))!;
    expect(after.types).toEqual(before.types);
    expect(after.schedule[0]).toMatchObject({ start: '18:30' });
    const [edit] = await editsOf(slug);
    expect(edit!.changes.map((c) => c.field)).toEqual(['schedule']);
    const overrides = await app.repos.history.overridesOf([after.id]);
    expect(overrides.map((o) => o.field)).toEqual(['schedule']);

    const feed = (await app.server.inject('/meeting-guide.json')).json<Record<string, unknown>[]>();
    const rows = feed.filter((r) => String(r.slug).startsWith(slug));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.types).toContain('X');
  });

  it('drops the wheelchair code with the wheelchair box, and only then', async () => {
    const slug = '11th-step-meditation';
    const { wheelchair: _ticked, ...form } = await editForm(slug);
    expect(await save(slug, form)).toBe(true);
    const after = (await app.repos.meetings.findBySlug(slug))!;
    expect(after.types).not.toContain('X');
    expect(after.place.wheelchairAccessible).toBeUndefined();
    const [edit] = await editsOf(slug);
    expect(edit!.changes.map((c) => c.field).sort()).toEqual([
      'place.wheelchairAccessible',
      'types',
    ]);
  });

  it('in a public suggestion is shown as that field only', async () => {
    const slug = 'clean-and-serene';
    const visitor = new Visitor(app, '10.1.2.3');
    const { body } = await visitor.page(`/en/meetings/${slug}/suggest`);
    const form = formFields(body, `/meetings/${slug}/suggest`);
    const response = await visitor.request('POST', `/en/meetings/${slug}/suggest`, {
      ...form,
      location_notes: 'Use the side door on Federal Street.',
    });
    expect(response.statusCode, problemsIn(response.body)).toBeLessThan(400);
    const meeting = (await app.repos.meetings.findBySlug(slug))!;
    const [request] = (await app.repos.changeRequests.open()).filter(
      (r) => r.meetingId === meeting.id,
    );
    expect(request!.changes.map((c) => c.field)).toEqual(['place.notes']);

    const review = await admin.request('GET', `/en/review/${request!.id}`);
    expect(review.body).toContain('Use the side door on Federal Street.');
    expect(review.body).not.toMatch(/Open, Discussion|Discussion, Open/);
  });
});

describe('the edit form, sent untouched', () => {
  it('changes nothing for any meeting of the demo region', async () => {
    const slugs = (await app.repos.meetings.page({ limit: 10_000 })).map((m) => m.slug);
    expect(slugs.length).toBeGreaterThan(50);
    const saved: string[] = [];
    for (const slug of slugs) if (await save(slug, await editForm(slug))) saved.push(slug);
    expect(saved).toEqual([]);
  });

  it('changes nothing for a meeting read from any feed row', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(meetingGuideRow('row'), async (row) => {
        const slug = `prop-${++run}`;
        const report = await importSource(app.importDeps, {
          source: `prop-${run}`,
          location: 'https://feeds.example.org/feed.json',
          rows: [{ ...row, slug, timezone: 'America/New_York' }],
        });
        if (report.added === 0) return;
        const ours = (await app.repos.meetings.page({ limit: 10_000, includeMerged: true })).find(
          (m) => m.provenance.sourceSlug === slug,
        )!;
        expect(await save(ours.slug, await editForm(ours.slug))).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the public form to add a meeting', () => {
  /** The new suggestions stored since `before`, newest last. */
  async function newSuggestions(before: number) {
    return (await app.repos.changeRequests.open()).filter((r) => r.kind === 'new').slice(before);
  }

  it('asks in words: no time zone, no coordinates, no status, languages by name', async () => {
    const visitor = new Visitor(app, '10.4.4.1');
    for (const locale of ['en', 'es']) {
      const { body } = await visitor.page(`/${locale}/suggest`);
      const form = formFields(body, '/suggest');
      for (const asked of ['timezone', 'latitude', 'longitude', 'status', 'country'])
        expect(body, asked).not.toMatch(new RegExp(`name="${asked}"`));
      expect(form.languages).toBe(locale === 'en' ? 'English' : 'inglés');
      expect(body).toMatch(/<details class="more">/);
    }
  });

  it('reads the zone from the town or ZIP code, and languages from their names', async () => {
    const visitor = new Visitor(app, '10.4.4.2');
    const before = (await newSuggestions(0)).length;
    const send = async (fields: Record<string, string>, locale = 'en') => {
      const { body } = await visitor.page(`/${locale}/suggest`);
      return visitor.request('POST', `/${locale}/suggest`, {
        ...formFields(body, '/suggest'),
        ...fields,
      });
    };
    const greenfield = await send({
      name: 'Tuesday Night Hope',
      location: 'Second Congregational Church',
      address: '16 Court Square',
      city: 'Greenfield',
      state: 'MA',
      languages: 'English, Spanish and American Sign Language',
    });
    expect(greenfield.statusCode, problemsIn(greenfield.body)).toBe(303);
    const online = await send(
      {
        name: 'Bay Area Online',
        attendance: 'online',
        conference_url: 'https://zoom.us/j/5551234',
        postal_code: '94110',
        languages: 'español, inglés',
      },
      'es',
    );
    expect(online.statusCode, problemsIn(online.body)).toBe(303);
    const [first, second] = await newSuggestions(before);
    expect(first!.draft).toMatchObject({
      timeZone: 'America/New_York',
      languages: ['en', 'es', 'ase'],
      status: 'active',
    });
    expect(first!.draft!.place.latitude).toBeUndefined();
    expect(first!.draft!.place.address).toMatchObject({ city: 'Greenfield', region: 'MA' });
    expect(second!.draft).toMatchObject({
      timeZone: 'America/Los_Angeles',
      languages: ['es', 'en'],
    });
  });

  it('names the town field when it cannot tell where the meeting is', async () => {
    const visitor = new Visitor(app, '10.4.4.3');
    const { body } = await visitor.page('/en/suggest');
    const refused = await visitor.request('POST', '/en/suggest', {
      ...formFields(body, '/suggest'),
      name: 'Somewhere Group',
      city: 'Xqzzyville',
      languages: 'Klingonese',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/data-problem-code="PL_TIMEZONE_UNKNOWN" data-field="city"/);
    expect(refused.body).toMatch(/data-problem-code="PL_INVALID_FIELD" data-field="languages"/);
    expect(refused.body).toContain('href="#f-city"');
  });
});

/** A refused form's problems, for the failure message. */
function problemsIn(body: string): string {
  const found = [
    ...body.matchAll(/data-error-code="([^"]+)"|<li[^>]*class="[^"]*problem[^"]*"[^>]*>([^<]*)/g),
  ];
  return found.map((m) => m[1] ?? m[2]).join('; ') || body.slice(0, 200);
}

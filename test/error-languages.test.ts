/**
 * Errors in the reader's language through the real server: a refused form on a Spanish page
 * names its problems in Spanish, a failed print explains itself in Spanish, while the JSON API
 * keeps its stable codes and English messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { meetingFormValues } from '../src/stewardship/editing/meeting-form.js';
import { createTestApp } from './support/app.js';
import { Visitor } from './stewardship-editing-support.js';

let app: App;
let slug: string;

beforeAll(async () => {
  app = await createTestApp(
    { demo: true },
    {
      formTiming: { minimumMs: 0, maximumMs: 3600_000 },
      suggestLimit: { max: 1000, timeWindowMs: 60_000 },
    },
  );
  const [first] = await app.repos.meetings.pageById(1);
  slug = first!.slug;
});
afterAll(async () => {
  await app?.close();
});

/** Sends the suggestion form of a meeting with a bad email and a bad start time. */
async function refusedSuggestion(locale: 'en' | 'es') {
  const visitor = new Visitor(app, `10.0.1.${locale === 'en' ? 1 : 2}`);
  const url = `/${locale}/meetings/${slug}/suggest`;
  const page = await visitor.page(url);
  const meeting = (await app.repos.meetings.findBySlug(slug))!;
  const form: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(meetingFormValues(meeting))) if (v !== undefined) form[k] = v;
  return visitor.request('POST', url, {
    ...form,
    's0.start': '25:99',
    email: 'not an address',
    form_time: /name="form_time" value="([^"]+)"/.exec(page.body)![1]!,
    _csrf: page.csrf,
  });
}

describe('a refused form', () => {
  it('names its problems in Spanish on a Spanish page', async () => {
    const response = await refusedSuggestion('es');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('data-problem-code="PL_INVALID_TIME"');
    expect(response.body).toContain('La hora no es una hora del día. (&quot;25:99&quot;)');
    expect(response.body).toContain('El campo tiene un valor de tipo incorrecto');
    expect(response.body).not.toContain('The time is not a time of day');
    expect(response.body).not.toContain('not an email address');
  });

  it('names them in English on an English page', async () => {
    const response = await refusedSuggestion('en');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The time is not a time of day. (&quot;25:99&quot;)');
    expect(response.body).toContain(
      'The field has the wrong kind of value and was dropped. (not an email address)',
    );
  });
});

describe('a failed print', () => {
  it('explains the field in the reader’s language', async () => {
    const es = await app.server.inject('/es/print?program=nope');
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('data-error-code="PL_UNKNOWN_PROGRAM"');
    expect(es.body).toContain('El programa no es conocido.');
    expect(es.body).not.toContain('The program is not known');
  });
});

describe('the JSON API', () => {
  it('keeps its codes and English messages', async () => {
    const meeting = await app.server.inject('/api/v1/meetings/no-such-meeting');
    expect(meeting.statusCode).toBe(404);
    expect(meeting.json()).toEqual({
      error: {
        code: 'PL_MEETING_NOT_FOUND',
        message: 'No meeting has the slug "no-such-meeting".',
      },
    });
    const source = await app.server.inject('/api/v1/sources/nope');
    expect(source.json()).toEqual({
      error: { code: 'PL_SOURCE_NOT_FOUND', message: 'No source is called "nope".' },
    });
    const program = await app.server.inject({
      url: '/api/v1/search?program=nope',
      headers: { 'accept-language': 'es' },
    });
    expect(program.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'PL_UNKNOWN_PROGRAM',
    });
    expect(program.json<{ error: { message: string } }>().error.message).not.toMatch(/programa/);
  });
});

/**
 * The finder through the real server, database and search index, on the demo region. The
 * no-script path is exercised as a browser without script would: read the form out of the page,
 * fill it in, and send it as a GET form sends it (every field, empty ones included).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import { fixedClock } from '../../platform/clock.js';
import { searchParamNames } from '../../search/parse-params.js';

let app: App;
// Thursday 2026-11-26, 18:00 in Greenfield, MA.
const clock = fixedClock('2026-11-26T23:00:00Z');

beforeAll(async () => {
  app = await createTestApp({ demo: true }, { clock });
});
afterAll(async () => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url, headers });
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>|<template[\s\S]*?<\/template>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
const slugs = (html: string, list = 'list') => {
  const start = html.indexOf(`<ol class="${list}"`);
  const section = start < 0 ? '' : html.slice(start, html.indexOf('</ol>', start));
  return [...section.matchAll(/data-slug="([^"]+)"/g)].map((m) => m[1]!);
};
const unescape = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');

/** The fields of the finder form as a browser without script would send them. */
function formFields(html: string): [string, string][] {
  const form = /<form id="finder"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: [string, string][] = [];
  for (const m of form.matchAll(
    /<input([^>]*)>|<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g,
  )) {
    if (m[1] !== undefined) {
      const attrs = m[1];
      const name = /name="([^"]+)"/.exec(attrs)?.[1];
      if (name === undefined) continue;
      const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
      const value = unescape(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
      if (type === 'checkbox' && !/\schecked/.test(attrs)) continue;
      fields.push([name, type === 'checkbox' && value === '' ? 'on' : value]);
    } else {
      const options = [...m[3]!.matchAll(/<option([^>]*)>/g)].map((o) => o[1]!);
      const chosen = options.find((o) => /\sselected/.test(o)) ?? options[0] ?? '';
      fields.push([m[2]!, unescape(/value="([^"]*)"/.exec(chosen)?.[1] ?? '')]);
    }
  }
  return fields;
}

/** Submits the page's form with some fields changed (checkbox names take a list of values). */
function submit(html: string, changes: Record<string, string | string[]>): string {
  const action = /<form id="finder"[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '/';
  const fields = formFields(html).filter(([name]) => !(name in changes));
  for (const [name, value] of Object.entries(changes)) {
    for (const v of Array.isArray(value) ? value : [value]) fields.push([name, v]);
  }
  return `${action}?${new URLSearchParams(fields).toString()}`;
}

describe('the finder page', () => {
  it('answers / in the browser’s language, with a default view and never an empty page', async () => {
    const res = await get('/', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('es');
    expect(res.headers.vary).toContain('Accept-Language');
    expect(res.body).toMatch(/<html lang="es">/);
    const words = text(res.body);
    expect(words).toContain('Reuniones en línea y por teléfono, las más próximas primero');
    expect(words).toContain('Escriba un código postal o una localidad');
    expect(words).toMatch(/Hay \d+ reuniones en la lista/);
    expect(slugs(res.body).length).toBeGreaterThan(5);
    expect(res.body).toContain('action="/es/"');
    expect((await get('/en/')).body).toMatch(/<html lang="en">/);
    expect((await get('/en')).statusCode).toBe(200);
  });

  it('lists the first page of a ZIP search in the first response, soonest first', async () => {
    const res = await get('/en/?near=01301&radius=5&attendance=in_person');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    const api = (await get('/api/v1/search?near=01301&radius=5&attendance=in_person')).json<{
      total: number;
      results: { slug: string }[];
    }>();
    expect(slugs(res.body)).toEqual(api.results.map((r) => r.slug));
    const words = text(res.body);
    expect(words).toContain(`${api.total} meetings near Greenfield, MA`);
    expect(words).toMatch(/\d(\.\d)? mi away/);
    expect(words).toMatch(/(Today|Tomorrow|[A-Z][a-z]+day), \d{1,2}:\d\d [AP]M EST/);
    expect(res.body).toMatch(
      /<li class="result" data-slug="[^"]+" data-lat="[-\d.]+" data-lng="[-\d.]+"/,
    );
    expect(res.body).toContain(`href="/en/meetings/${api.results[0]!.slug}"`);
  });

  it('searches around a position, as "use my location" sends it', async () => {
    const res = await get('/es/?near=42.5876,-72.5995&radius=5');
    expect(text(res.body)).toMatch(/\d+ reuniones cerca de usted/);
    expect(res.body).toContain('data-near="42.5876,-72.5995"');
  });

  it('marks meetings under way and about to start', async () => {
    const res = await get('/en/?starting_within=60');
    const words = text(res.body);
    expect(words).toMatch(/In progress|Starts in \d+ min/);
    expect(res.body).toMatch(/<strong class="badge (now|soon)">/);
  });

  it('round-trips the plain form: search by ZIP, then filter, with script off', async () => {
    const home = (await get('/en/')).body;
    const byZip = submit(home, { near: '01301' });
    expect(byZip).toMatch(/^\/en\/\?q=&day=&time=&.*&near=01301$/);
    const first = await get(byZip);
    expect(first.statusCode).toBe(200);
    expect(text(first.body)).toMatch(/\d+ meetings near Greenfield, MA/);
    // The filters come back as chosen, and the page links its canonical form.
    const filtered = await get(
      submit(first.body, { time: 'evening', types: ['women'], program: 'aa' }),
    );
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('<option value="evening" selected>');
    expect(filtered.body).toMatch(/value="W" checked/);
    expect(filtered.body).toContain(
      'href="/es/?near=01301&amp;from=17:00&amp;to=21:00&amp;program=aa&amp;types=W"',
    );
    const api = (
      await get('/api/v1/search?near=01301&from=17:00&to=21:00&program=aa&types=women')
    ).json<{
      results: { slug: string; next: { local: string } }[];
    }>();
    expect(api.results.length).toBeGreaterThan(0);
    expect(slugs(filtered.body)).toEqual(api.results.map((r) => r.slug));
    for (const r of api.results) expect(r.next.local.slice(11, 16) >= '17:00').toBe(true);
  });

  it('keeps the whole search across the language switch', async () => {
    const res = await get('/en/?near=01301&day=2&types=women&types=open');
    expect(res.body).toContain('href="/es/?near=01301&amp;day=2&amp;types=women,open"');
    const es = await get('/es/?near=01301&day=2&types=women,open');
    expect(text(es.body)).toMatch(/\d+ reuni(ón|ones) cerca de Greenfield, MA/);
    expect(es.body).toContain('<option value="2" selected>Martes');
    expect(es.body).toContain('href="/en/?near=01301&amp;day=2&amp;types=women,open"');
  });

  it('pages through every match with "More meetings", as the API does', async () => {
    const api = (await get('/api/v1/search?near=01301&radius=10&limit=200')).json<{
      results: { slug: string }[];
    }>();
    const seen: string[] = [];
    let url = '/en/?near=01301&radius=10&limit=7';
    for (let page = 0; page < 60 && url !== ''; page++) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      seen.push(...slugs(res.body));
      if (page > 0) expect(res.body).toContain('Back to the first meetings');
      url = unescape(/<a class="more" rel="next" href="([^"]+)"/.exec(res.body)?.[1] ?? '');
    }
    expect(seen).toEqual(api.results.map((r) => r.slug));
  });

  it('sorts by distance when asked', async () => {
    const res = await get('/en/?near=01301&sort=distance&attendance=in_person');
    const distances = [...text(res.body).matchAll(/([\d.]+) mi away/g)].map((m) => Number(m[1]));
    expect(distances.length).toBeGreaterThan(3);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it('explains the rural fallback in plain words in both languages', async () => {
    const en = await get('/en/?near=Colrain,%20MA&radius=3&types=women');
    const words = text(en.body);
    expect(words).toContain('No women’s meeting in person within 3 miles.');
    expect(words).toMatch(/The nearest is [\d.]+ miles away, in Greenfield\./);
    expect(words).toMatch(
      /Also listed: \d+ online meetings? .*for women, which you can join from anywhere\./,
    );
    expect(words).toContain('For the rooms further away, we set aside the distance;');
    expect(slugs(en.body, 'list" id="beyond').length).toBeGreaterThan(0);
    const es = text((await get('/es/?near=Colrain,%20MA&radius=3&types=women')).body);
    expect(es).toContain('No hay ninguna reunión presencial de mujeres a menos de 3 millas.');
    expect(es).toMatch(/La más cercana está a [\d,]+ millas, en Greenfield\./);
  });

  it('counts in the fallback sentence exactly the online and phone meetings the page lists', async () => {
    for (const query of [
      'near=-33.57,18.48&radius=10',
      'near=Colrain,%20MA&radius=3&attendance=in_person',
    ]) {
      const html = (await get(`/en/?${query}`)).body;
      const api = (await get(`/api/v1/search?${query}`)).json<{
        results: { slug: string; attendance: string }[];
        fallback: { remote: { slug: string; attendance: string }[] };
      }>();
      const remote = new Set(
        [...api.results, ...api.fallback.remote]
          .filter((r) => r.attendance === 'online')
          .map((r) => r.slug),
      );
      const listed = new Set(
        [...slugs(html), ...slugs(html, 'list" id="remote')].filter((s) => remote.has(s)),
      );
      const said = /Also listed: (.*?), which you can join/.exec(text(html))?.[1] ?? '';
      const counted = [...said.matchAll(/(\d+) (online|phone) meetings?/g)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      );
      expect(listed.size).toBeGreaterThan(0);
      expect(counted).toBe(listed.size);
    }
  });

  it('shows the same distances as the API', async () => {
    const query = 'near=Rowe,%20MA&attendance=in_person&sort=distance';
    const api = (await get(`/api/v1/search?${query}`)).json<{ results: { distance: number }[] }>();
    const page = text((await get(`/en/?${query}`)).body);
    const shown = [...page.matchAll(/([\d.]+) mi away/g)].map((m) => Number(m[1]));
    expect(shown).toEqual(api.results.map((r) => r.distance));
    expect(shown.some((d) => d >= 10)).toBe(true);
    const fallback = text((await get('/en/?near=-33.57,18.48')).body);
    expect(fallback).toContain('No in-person meeting within 25 miles.');
  });

  it('suggests each room further away once, with its group’s other times there', async () => {
    const query = 'near=Colrain,%20MA&radius=3&types=women';
    const api = (await get(`/api/v1/search?${query}`)).json<{
      fallback: { nearestBeyond: { slug: string; alsoMeets: { slug: string }[] }[] };
    }>();
    const rooms = api.fallback.nearestBeyond;
    expect(rooms.some((room) => room.alsoMeets.length > 1)).toBe(true);
    const html = (await get(`/en/?${query}`)).body;
    expect(slugs(html, 'list" id="beyond')).toEqual(rooms.map((room) => room.slug));
    const list = /<ol class="list" id="beyond"[\s\S]*?<\/ol>/.exec(html)![0];
    for (const room of rooms) {
      for (const other of room.alsoMeets)
        expect(list).toContain(`href="/en/meetings/${other.slug}"`);
    }
    expect(text(list)).toMatch(/Also meets here: [A-Z][a-z]+, \d{1,2}:\d\d [AP]M ?, /);
    const es = text((await get(`/es/?${query}`)).body);
    expect(es).toContain('También se reúne aquí:');
  });

  it('names what the online and phone meetings set aside when the search wanted rooms', async () => {
    const words = text((await get('/en/?near=Colrain,%20MA&radius=3&attendance=in_person')).body);
    expect(words).toContain(
      'For the online and phone meetings, we set aside meeting in person; everything else you asked for still applies.',
    );
    expect(words).toContain('More online and phone meetings');
  });

  it('offers the groups small places lack most among the filters, and names the set ones', async () => {
    const en = (await get('/en/?near=01301&types=veterans')).body;
    for (const [value, label] of [
      ['people_of_color', 'People of color'],
      ['black', 'Black'],
      ['indigenous', 'Native American and Indigenous'],
      ['seniors', 'Seniors'],
      ['veterans', 'Veterans'],
    ]) {
      expect(en).toMatch(new RegExp(`name="types" value="${value}"[^>]*> ${label}`));
    }
    expect(en).toMatch(/name="types" value="veterans" checked/);
    expect(en).toMatch(/<details class="filters">/);
    expect(text(en)).toMatch(/Filters \(1 on\) Veterans /);
    expect(text((await get('/es/?near=01301&types=indigenous')).body)).toContain(
      'Nativos americanos e indígenas',
    );
  });

  it("shows the viewer's own time when it differs, and keeps the zone on meeting links", async () => {
    const res = await get('/en/?near=01301&tz=America/Los_Angeles');
    expect(text(res.body)).toMatch(
      /Your time: (Today|Tomorrow|[A-Z][a-z]+), \d{1,2}:\d\d [AP]M PST/,
    );
    expect(res.body).toMatch(/href="\/en\/meetings\/[^"?]+\?tz=America%2FLos_Angeles"/);
    expect(res.body).toContain('<input type="hidden" name="tz" value="America/Los_Angeles"/>');
  });
});

describe('bad input on the finder', () => {
  it('answers an unknown place with the form, a friendly message and the stable code', async () => {
    const res = await get('/en/?near=Qzqzqz%20Nowhere');
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('data-error-code="PL_UNKNOWN_PLACE"');
    expect(text(res.body)).toContain('We do not know a place called “Qzqzqz Nowhere”.');
    expect(res.body).toContain('value="Qzqzqz Nowhere"');
    expect(res.body).toContain('aria-invalid="true"');
    // Still useful: the meetings anyone can join from anywhere.
    expect(slugs(res.body).length).toBeGreaterThan(0);
  });

  it('names the field of any other bad parameter, in the page’s language', async () => {
    for (const [query, code, words] of [
      ['day=8', 'PL_INVALID_QUERY', '“Day” has a value that cannot be used.'],
      ['near=01301&radius=9999', 'PL_INVALID_QUERY', '“Distance” has a value'],
      ['time=teatime', 'PL_INVALID_QUERY', '“Time of day” has a value'],
      ['tz=Mars/Olympus', 'PL_INVALID_QUERY', '“Time zone” has a value'],
      ['sort=distance', 'PL_INVALID_QUERY', 'Searching by distance needs a ZIP code or town.'],
      ['program=aa&types=W,NOPE', 'PL_UNKNOWN_TYPE', '“NOPE” is not a meeting type'],
      ['cursor=c1.garbage', 'PL_INVALID_QUERY', '“Page” has a value'],
    ] as const) {
      const res = await get(`/en/?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.body, query).toContain(`data-error-code="${code}"`);
      expect(text(res.body), query).toContain(words);
    }
    const es = await get('/es/?day=8');
    expect(text(es.body)).toContain('«Día» tiene un valor que no se puede usar.');
  });

  it('keeps a window from a shared link until another time of day is chosen', async () => {
    const res = await get('/en/?from=06:30&to=08:00');
    expect(res.body).toContain('<option value selected>From 6:30 AM to 8:00 AM</option>');
    expect(res.body).toContain('<input type="hidden" name="from" value="06:30"/>');
    const cleared = await get(submit(res.body, { time: 'any' }));
    expect(cleared.body).not.toContain('name="from"');
    expect(cleared.body).toContain('<option value selected>Any time</option>');
  });

  it('does not offer a refused value again, and keeps the good ones', async () => {
    const res = await get('/en/?program=aa&types=W,NOPE');
    expect(res.body).toMatch(/value="W" checked/);
    expect(res.body).not.toContain('value="NOPE"');
    const day = await get('/en/?near=01301&day=8');
    expect(day.body).toContain('<option value selected>Any day</option>');
    expect(day.body).not.toContain('value="8"');
    const tz = await get('/en/?tz=Nowhere/Else');
    expect(tz.body).not.toContain('name="tz"');
  });

  it('never answers a 500, whatever the parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...searchParamNames, 'time'), fc.string({ maxLength: 20 })),
        fc.constantFrom('/', '/en/', '/es/'),
        async (params, path) => {
          const res = await get(`${path}?${new URLSearchParams(params).toString()}`);
          expect([200, 400]).toContain(res.statusCode);
          expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        },
      ),
      { numRuns: 60 },
    );
  });
});

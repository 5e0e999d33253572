/**
 * Feeds and URLs are untrusted: script payloads in meeting names, places, towns, notes and links,
 * and in the finder's own query parameters, must come out as inert text, and only our own paths,
 * http(s) and tel links may ever become an href. The meetings here skip the importer's checks,
 * so the finder is tested as the last line of defence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mgRow } from '../../../test/factories/meeting-guide.js';
import { makeMeeting } from '../../../test/factories/meeting.js';
import { createTestApp } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import { fixedClock } from '../../platform/clock.js';
import { importFeed } from '../../sources/import-feed.js';

const script = '<script>alert(1)</script>';
const breakout = '"><img src=x onerror=alert(1)>';
const jsUrl = 'javascript:alert(document.cookie)';

let app: App;

beforeAll(async () => {
  app = await createTestApp({}, { clock: fixedClock('2026-11-01T12:00:00Z') });
  await importFeed(app.importDeps, { source: 'safe', location: 'test', rows: [mgRow()] });
  const [source] = await app.repos.sources.list();
  const base = makeMeeting();
  const hostile = makeMeeting({
    id: '0f1e2d3c-0000-4000-8000-00000000beef',
    slug: 'hostile',
    name: `${script}${breakout}`,
    notes: `${breakout} ${script}`,
    place: {
      ...base.place,
      name: script,
      address: { street: breakout, city: `${script}ville` },
      formattedAddress: `${script}, Greenfield, MA 01301, USA`,
      notes: breakout,
      accessibilityNotes: script,
    },
    online: { url: jsUrl, provider: script, urlNotes: script, phone: jsUrl, phoneNotes: breakout },
    group: { ...base.group, name: script, website: 'JaVaScRiPt:alert(1)' },
    provenance: { ...base.provenance, sourceId: source!.id, sourceSlug: 'hostile' },
  });
  const online = makeMeeting({
    ...hostile,
    id: '0f1e2d3c-0000-4000-8000-00000000cafe',
    slug: 'hostile-online',
    attendance: 'online',
    place: { ...hostile.place, approximate: true },
    online: { ...hostile.online, url: 'https://zoom.us/j/1' },
    provenance: { ...hostile.provenance, sourceSlug: 'hostile-online' },
  });
  await app.repos.meetings.insert([
    { meeting: hostile, contentHash: 'x' },
    { meeting: online, contentHash: 'y' },
  ]);
  await app.search.rebuild();
});
afterAll(async () => app.close());

/** Every tag of a document with its attributes (values unescaped of &quot; and &amp;). */
function tags(html: string): { name: string; attributes: [string, string][] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    (m) => ({
      name: m[1]!.toLowerCase(),
      attributes: [...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [
        a[1]!.toLowerCase(),
        (a[2] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
      ]),
    }),
  );
}

function expectInert(html: string): void {
  // The only script a page may carry is the islands' module, from our own origin, with no body.
  for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
    expect(m[1]).toMatch(/^ type="module" defer src="\/assets\/[\w.-]+\.js"$/);
    expect(m[2]).toBe('');
  }
  expect(html).not.toMatch(/<img/i);
  for (const tag of tags(html)) {
    for (const [name, value] of tag.attributes) {
      expect(name.startsWith('on'), `event handler ${name}`).toBe(false);
      if (name === 'href' || name === 'action' || name === 'src') {
        // webcal: only for our own calendar of the search, never from imported text.
        expect(value, `${name}="${value}"`).toMatch(
          /^(\/|#|https?:\/\/|tel:|webcal:\/\/meetings\.example\.org\/api\/v1\/search\.ics\?)/,
        );
        expect(value.toLowerCase()).not.toContain('javascript:');
      }
    }
  }
}

const get = async (url: string) => (await app.server.inject({ method: 'GET', url })).body;

describe('the finder with hostile data', () => {
  for (const locale of ['en', 'es'] as const) {
    it(`lists hostile meetings as text only (${locale})`, async () => {
      for (const url of [`/${locale}/`, `/${locale}/?near=01301`, `/${locale}/?q=alert`]) {
        const html = await get(url);
        expectInert(html);
        expect(html, url).toContain('data-slug="hostile');
        expect(html, url).toContain('&lt;script>alert(1)&lt;/script>');
      }
    });
  }

  it('echoes hostile query parameters only as escaped text', async () => {
    for (const [name, value] of [
      ['near', script],
      ['near', breakout],
      ['q', `${script}${breakout}`],
      ['types', breakout],
      ['lang', script],
      ['tz', breakout],
      ['day', script],
      ['cursor', breakout],
      ['from', breakout],
    ] as const) {
      const url = `/en/?near=01301&${name}=${encodeURIComponent(value)}`;
      const html = await get(url);
      expectInert(html);
      if (html.includes('alert(1)')) expect(html, url).not.toMatch(/<(script|img)[^>]*alert/i);
    }
  });

  it('links each result to its page and nowhere else', async () => {
    const html = await get('/en/?q=alert');
    const links = [...html.matchAll(/<h3><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(['/en/meetings/hostile', '/en/meetings/hostile-online']);
  });
});

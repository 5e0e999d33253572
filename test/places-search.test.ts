/**
 * Typed places in a search: a name several towns share is not guessed (the API answers with
 * candidates, nearest the list's own area first; the finder offers them as links).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { createTestApp } from './support/app.js';

let app: App;
beforeAll(async () => {
  // The demo directory lists Franklin County, Massachusetts.
  app = await createTestApp({ demo: true }, { clock: fixedClock('2026-11-26T23:00:00Z') });
});
afterAll(async () => app.close());

interface Candidate {
  label: string;
  near: string;
  region?: string;
  country: string;
  latitude: number;
  longitude: number;
}

describe('a name several places share', () => {
  it('is answered with candidates, the ones near the list first, not with Missouri', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/v1/search?near=Springfield' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{
      error: { code: string; field: string; message: string; candidates: Candidate[] };
    }>();
    expect(error).toMatchObject({ code: 'PL_AMBIGUOUS_PLACE', field: 'near' });
    const near = error.candidates.map((c) => c.near);
    expect(near[0]).toBe('Springfield, MA');
    expect(near).toContain('Springfield, MO');
    expect(near).toContain('Springfield, IL');
    expect(error.message).toContain('Springfield, MA');
    expect(error.candidates[0]).toMatchObject({ label: 'Springfield, MA', country: 'US' });
  });

  it('is searched once the person picks one', async () => {
    for (const near of ['Springfield, MA', 'Springfield, MO']) {
      const res = await app.server.inject({
        method: 'GET',
        url: `/api/v1/search?near=${encodeURIComponent(near)}&radius=50`,
      });
      expect(res.statusCode, near).toBe(200);
      expect(res.json<{ near: { label: string } }>().near.label).toBe(near);
    }
  });

  it('leaves a name that one place outweighs alone', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/v1/search?near=Tulsa' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ near: { label: string } }>().near.label).toBe('Tulsa, OK');
  });

  it('shows the finder the choices as links that keep the rest of the search', async () => {
    const res = await app.server.inject({
      method: 'GET',
      url: '/en/?near=Springfield&radius=10&day=1',
    });
    // Like any refused search: the form with the field named, and a useful page below it.
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-error-code="PL_AMBIGUOUS_PLACE"');
    expect(res.body).toContain('Several places are called “Springfield”. Which one did you mean?');
    const choices = /<ul class="choices">(.*?)<\/ul>/s.exec(res.body)?.[1] ?? '';
    const links = [...choices.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [
      m[1]!.replace(/&amp;/g, '&'),
      m[2]!,
    ]);
    expect(links[0]).toEqual(['/en/?near=Springfield,%20MA&radius=10&day=1', 'Springfield, MA']);
    expect(links.map(([, label]) => label)).toContain('Springfield, MO');
    // A choice is a search that works.
    const chosen = await app.server.inject({ method: 'GET', url: links[0]![0]! });
    expect(chosen.body).not.toContain('data-error-code=');
    expect(chosen.body).toContain('Springfield, MA');
    const spanish = await app.server.inject({ method: 'GET', url: '/es/?near=Springfield' });
    expect(spanish.body).toContain('Hay varios lugares llamados «Springfield»');
    expect(spanish.body).toContain('href="/es/?near=Springfield,%20MA"');
  });
});

describe('the small towns of the list’s own county', () => {
  it('finds Leyden, MA (under 1,000 people, no post office of its own)', async () => {
    const res = await app.server.inject({
      method: 'GET',
      url: `/api/v1/search?near=${encodeURIComponent('Leyden, MA')}&radius=10`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ near: { label: string; latitude: number }; results: unknown[] }>();
    expect(body.near.label).toBe('Leyden, MA');
    expect(body.near.latitude).toBeCloseTo(42.7, 1);
    expect(body.results.length).toBeGreaterThan(0);
  });
});

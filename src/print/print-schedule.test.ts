import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support/app.js';
import type { App } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { printSchedule, type PrintDeps } from './print-schedule.js';

// The first print loads the gazetteer and the font; a busy machine needs time for that.
describe('printSchedule', { timeout: 90_000 }, () => {
  let app: App;
  let deps: PrintDeps;

  beforeAll(async () => {
    const clock = fixedClock('2026-03-04T20:00:00Z');
    app = await createTestApp({ demo: true }, { clock });
    deps = {
      search: app.search,
      repos: app.repos,
      clock,
      publicUrl: 'https://meetings.example.org/',
    };
  });

  afterAll(async () => {
    await app?.close();
  });

  it('walks every page of the search and lists each match once per weekday it meets', async () => {
    const total = app.search.search(app.search.parse({ near: '01301', radius: '25' })).total;
    const printed = await printSchedule(deps, {
      params: { near: '01301', radius: '25' },
      locale: 'en',
    });
    expect(printed.meetings).toBe(total);
    expect(printed.capped).toBe(false);
    const listed = new Set(
      printed.sheet.sections[0]!.days.flatMap((d) => d.entries.map((e) => e.slug)),
    );
    for (const e of printed.sheet.sections[0]!.byAppointment) listed.add(e.slug);
    expect(listed.size).toBe(total);
    // A meeting held on several days is on each of them.
    const noonDaily = printed.sheet.sections[0]!.days.filter((d) =>
      d.entries.some((e) => e.slug === 'noon-daily'),
    );
    expect(noonDaily.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(printed.entries).toBeGreaterThan(total);
    expect(printed.filename).toBe('meetings-greenfield-ma-2026-03-04.pdf');
    expect(printed.sheet.printed).toContain(
      'https://meetings.example.org/en/?near=01301&radius=25',
    );
  });

  it('stops at the cap before a meeting that would not fit whole, and says so', async () => {
    const printed = await printSchedule(deps, {
      params: { near: '01301', radius: '25' },
      locale: 'en',
      maxEntries: 12,
    });
    expect(printed.capped).toBe(true);
    expect(printed.entries).toBeLessThanOrEqual(12);
    const lines = printed.sheet.sections[0]!.days.flatMap((d) => d.entries);
    expect(lines).toHaveLength(printed.entries);
    expect(printed.sheet.capped).toMatch(/^This list shows \d+ of the \d+ matching meetings\./);
  });

  it('names a search without a place "all", and keeps file names ASCII', async () => {
    const all = await printSchedule(deps, { params: { program: 'ga' }, locale: 'es' });
    expect(all.filename).toBe('meetings-all-2026-03-04.pdf');
    const accented = await printSchedule(deps, {
      params: { near: '42.5876,-72.5995', radius: '5' },
      locale: 'es',
    });
    expect(accented.filename).toMatch(/^meetings-[a-z0-9-]+-2026-03-04\.pdf$/);
  });

  it('refuses a bad search with the search engine own errors', async () => {
    await expect(
      printSchedule(deps, { params: { near: 'Nowhereville XQ' }, locale: 'en' }),
    ).rejects.toMatchObject({ code: 'PL_UNKNOWN_PLACE', status: 400 });
    await expect(
      printSchedule(deps, { params: { from: '25:00' }, locale: 'en' }),
    ).rejects.toMatchObject({ code: 'PL_INVALID_QUERY' });
  });
});

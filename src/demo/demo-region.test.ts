import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GREENFIELD, generateDemoRegion } from './demo-region.js';
import type { DemoFeed, DemoSource } from './demo-region.js';
import { getProgram, resolveTypeCode } from '../meetings/programs.js';

type Row = Record<string, unknown>;

// Every type code must be one the program's own vocabulary knows (ONL is TSML's online marker).
function knownType(program: string, code: string): boolean {
  const vocabulary = getProgram(program);
  return code === 'ONL' || (vocabulary !== undefined && resolveTypeCode(vocabulary, code) === code);
}
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const feed = generateDemoRegion();

function source(f: DemoFeed, name: string): DemoSource {
  const found = f.sources.find((s) => s.name === name);
  if (!found) throw new Error(`no source ${name}`);
  return found;
}

function allRows(f: DemoFeed): Row[] {
  return f.sources.flatMap((s) => s.rows);
}

function types(row: Row): string[] {
  return Array.isArray(row.types) ? (row.types as string[]) : [];
}

function km(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

function kmFromGreenfield(row: Row): number {
  return km(
    GREENFIELD.latitude,
    GREENFIELD.longitude,
    row.latitude as number,
    row.longitude as number,
  );
}

const isOnlineOnly = (r: Row) => r.approximate === 'yes' && typeof r.conference_url === 'string';
const isPhoneOnly = (r: Row) =>
  r.approximate === 'yes' &&
  typeof r.conference_phone === 'string' &&
  r.conference_url === undefined;
const isHybrid = (r: Row) =>
  r.approximate === 'no' && typeof r.conference_url === 'string' && !types(r).includes('TC');
const isInPerson = (r: Row) =>
  r.approximate === 'no' &&
  r.conference_url === undefined &&
  r.conference_phone === undefined &&
  !types(r).includes('TC');
const isByAppointment = (r: Row) => r.day === undefined && r.time === undefined;

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The structural rules every row of every seed must satisfy. */
function checkFeed(f: DemoFeed): void {
  expect(f.sources.map((s) => [s.name, s.program])).toEqual([
    ['demo-aa', 'aa'],
    ['demo-na', 'na'],
    ['demo-al-anon', 'al-anon'],
    ['demo-smart', 'smart-recovery'],
    ['demo-ga', 'ga'],
  ]);
  for (const s of f.sources) {
    const slugs = s.rows.map((r) => r.slug);
    expect(new Set(slugs).size, `${s.name} slugs unique`).toBe(slugs.length);
    for (const r of s.rows) {
      expect(typeof r.name === 'string' && r.name.length > 0).toBe(true);
      expect(r.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (isByAppointment(r)) {
        expect(r.end_time).toBeUndefined();
      } else {
        const day = r.day;
        if (Array.isArray(day)) {
          expect(day.length).toBeGreaterThan(0);
          for (const d of day) expect([0, 1, 2, 3, 4, 5, 6]).toContain(d);
        } else if (typeof day === 'string') {
          expect(DAY_NAMES).toContain(day);
        } else {
          expect([0, 1, 2, 3, 4, 5, 6]).toContain(day);
        }
        expect(r.time).toMatch(HHMM);
        expect(minutes(r.time as string)).toBeGreaterThanOrEqual(6 * 60 + 30);
        expect(minutes(r.time as string)).toBeLessThanOrEqual(21 * 60);
        expect(r.end_time).toMatch(HHMM);
        expect([60, 90]).toContain(minutes(r.end_time as string) - minutes(r.time as string));
      }
      for (const t of types(r))
        expect(knownType(s.program, t), `${s.program} type ${t}`).toBe(true);
      expect(r.updated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // Approximate addresses have fewer than four parts (TSML's rule), street addresses four.
      const parts = String(r.formatted_address).split(', ').length;
      expect(parts).toBe(r.approximate === 'yes' ? 3 : 4);
      expect(kmFromGreenfield(r)).toBeLessThan(45);
      if (r.conference_url !== undefined)
        expect(r.conference_url).toMatch(/^https:\/\/zoom\.us\/j\/\d+/);
      if (r.conference_phone !== undefined) expect(r.conference_phone).toMatch(/^\+1\d{10},,\d+#/);
      expect(r.entity).toBeTypeOf('string');
      expect(r.entity_url).toMatch(/^https:\/\/[a-z.]+\.example\.org$/);
    }
  }
}

describe('generateDemoRegion', () => {
  it('is deterministic for a seed and varies between seeds', () => {
    expect(generateDemoRegion()).toEqual(feed);
    expect(generateDemoRegion({ seed: 7 })).toEqual(generateDemoRegion({ seed: 7 }));
    expect(JSON.stringify(generateDemoRegion({ seed: 7 }))).not.toEqual(
      JSON.stringify(generateDemoRegion({ seed: 8 })),
    );
  });

  it('keeps every row well-formed for any seed', () => {
    checkFeed(feed);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        checkFeed(generateDemoRegion({ seed }));
      }),
      { numRuns: 25 },
    );
  });

  it('stamps updates before the given now', () => {
    const now = new Date('2027-03-15T10:00:00Z');
    const rows = allRows(generateDemoRegion({ seed: 3, now }));
    for (const r of rows) {
      const stamp = Date.parse(`${String(r.updated).replace(' ', 'T')}Z`);
      expect(stamp).toBeLessThan(now.getTime());
      expect(stamp).toBeGreaterThan(now.getTime() - 800 * 86400 * 1000);
    }
  });

  it('sizes the programs like a small city and its hill towns', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const f = generateDemoRegion({ seed });
        const inGreenfield = source(f, 'demo-aa').rows.filter(
          (r) => r.approximate === 'no' && r.region === 'Greenfield',
        );
        expect(inGreenfield.length).toBeGreaterThanOrEqual(60);
        expect(inGreenfield.length).toBeLessThanOrEqual(90);
        const na = source(f, 'demo-na').rows.filter((r) => r.region === 'Greenfield');
        expect(na.length).toBeGreaterThanOrEqual(10);
        expect(na.length).toBeLessThanOrEqual(16);
        expect(source(f, 'demo-al-anon').rows.length).toBeGreaterThanOrEqual(6);
        expect(source(f, 'demo-smart').rows.length).toBeGreaterThanOrEqual(3);
        expect(source(f, 'demo-ga').rows.length).toBeGreaterThanOrEqual(1);
        expect(source(f, 'demo-ga').rows.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20 },
    );
  });

  it('has sparse in-person rural meetings at least 15 km from Greenfield', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rows = source(generateDemoRegion({ seed }), 'demo-aa').rows;
        const rural = rows.filter((r) => isInPerson(r) && kmFromGreenfield(r) >= 15);
        expect(rural.length).toBeGreaterThanOrEqual(3);
        // Rural towns have at most four meetings each.
        const perTown = new Map<string, number>();
        for (const r of rows.filter((x) => x.approximate === 'no' && x.region !== 'Greenfield')) {
          perTown.set(String(r.region), (perTown.get(String(r.region)) ?? 0) + 1);
        }
        for (const [town, n] of perTown) {
          expect(n, town).toBeLessThanOrEqual(town === 'Shelburne Falls' ? 5 : 4);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('covers online, phone-only, hybrid, closed and by-appointment meetings', () => {
    const rows = allRows(feed);
    const aa = source(feed, 'demo-aa').rows;
    expect(rows.filter(isOnlineOnly).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter(isPhoneOnly).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter(isHybrid).length).toBeGreaterThanOrEqual(3);
    expect(aa.filter((r) => types(r).includes('TC')).length).toBe(2);
    expect(aa.filter(isByAppointment).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter(isByAppointment).length).toBeGreaterThanOrEqual(2);

    for (const r of rows.filter(isOnlineOnly)) {
      expect(r.formatted_address).toMatch(/^[A-Za-z ]+, MA, USA$/);
      expect(String(r.conference_url_notes)).toMatch(
        /^Meeting ID: \d{3} \d{4} \d{4} Passcode: \S+$/,
      );
    }
    for (const r of aa) {
      const remote = r.conference_url !== undefined || r.conference_phone !== undefined;
      expect(types(r).includes('ONL')).toBe(remote);
    }
    // TSML's derived attendance agrees with the fields.
    expect(aa.filter(isHybrid).every((r) => r.attendance_option === 'hybrid')).toBe(true);
    expect(aa.filter(isInPerson).every((r) => r.attendance_option === 'in_person')).toBe(true);
    expect(aa.filter(isOnlineOnly).every((r) => r.attendance_option === 'online')).toBe(true);
  });

  it('offers specialised meetings online for the rural fallback', () => {
    const aa = source(feed, 'demo-aa').rows;
    const has = (code: string, pred: (r: Row) => boolean) =>
      aa.some((r) => pred(r) && types(r).includes(code));
    expect(has('S', isInPerson)).toBe(true);
    expect(has('S', isOnlineOnly)).toBe(true);
    expect(has('W', isInPerson)).toBe(true);
    expect(has('W', isOnlineOnly)).toBe(true);
    expect(has('Y', isOnlineOnly)).toBe(true);
    expect(has('LGBTQ', isOnlineOnly)).toBe(true);
    // No rural town has a women's room, so "none nearby, but these online" shows.
    const ruralWomen = aa.filter(
      (r) => isInPerson(r) && kmFromGreenfield(r) >= 15 && types(r).includes('W'),
    );
    expect(ruralWomen).toEqual([]);
    const spanish = aa.find((r) => types(r).includes('S') && isInPerson(r));
    expect(types(spanish ?? {})).not.toContain('EN');
  });

  it('includes the format quirks an importer must accept', () => {
    const rows = allRows(feed);
    expect(rows.some((r) => Array.isArray(r.day) && r.day.length === 5)).toBe(true);
    expect(rows.filter((r) => typeof r.day === 'string')).toHaveLength(1);
    expect(rows.find((r) => typeof r.day === 'string')?.day).toBe('Monday');
    const zoned = rows.filter((r) => r.timezone !== undefined);
    expect(zoned.length).toBeGreaterThan(0);
    expect(zoned.length).toBeLessThan(rows.length);
    for (const r of zoned) expect(r.timezone).toBe('America/New_York');
  });

  it('uses only fictional contact data', () => {
    const rows = allRows(feed);
    const withContacts = rows.filter((r) => r.contact_1_name !== undefined);
    expect(withContacts.length).toBeGreaterThan(0);
    expect(rows.some((r) => typeof r.venmo === 'string')).toBe(true);
    for (const r of rows) {
      for (const [key, value] of Object.entries(r)) {
        if (/email/.test(key) || key === 'email')
          expect(value).toMatch(/@([a-z]+\.)*example\.org$/);
        if (/^contact_\d_phone$|^entity_phone$/.test(key)) expect(value).toMatch(/555-01\d\d$/);
        if (/^contact_\d_name$/.test(key)) expect(value).toMatch(/^[A-Z][a-z]+ [A-Z]\.$/);
      }
    }
  });
});

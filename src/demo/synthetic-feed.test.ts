import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, weightedPicker } from './random.js';
import { CONTINENTAL_US, generateSyntheticFeed } from './synthetic-feed.js';

type Row = Record<string, unknown>;

// The 87 Meeting Guide type codes (code4recovery/spec), plus TSML's ONL.
const MEETING_GUIDE_TYPES = new Set(
  (
    '11 12x12 A ABSI AF AL AL-AN AM AR ASL B BA BE BG BI BRK C CAN CF D DA DB DD DE DR EL EN FA ' +
    'FI FF FR G GR H HE HI HR HU IS ITA JA KA KOR L LGBTQ LIT LS LT M MED ML MT N NB NDG NE NL NO ' +
    'O OUT P POA POC POL POR PUN RUS S SEN SK SL SM SP ST SV T TC TH TL TR TUR UK W X XB XT Y ONL'
  ).split(' '),
);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const isRemoteOnly = (r: Row) => r.approximate === 'yes';

function checkRows(rows: Row[], count: number): void {
  expect(rows).toHaveLength(count);
  const slugs = new Set<unknown>();
  for (const r of rows) {
    expect(typeof r.name === 'string' && r.name.length > 0).toBe(true);
    expect(r.slug).toMatch(/^m-\d{6,}$/);
    slugs.add(r.slug);
    if (Array.isArray(r.day)) {
      for (const d of r.day) expect([0, 1, 2, 3, 4, 5, 6]).toContain(d);
    } else {
      expect([0, 1, 2, 3, 4, 5, 6]).toContain(r.day);
    }
    expect(r.time).toMatch(HHMM);
    expect(r.end_time).toMatch(HHMM);
    const lat = r.latitude as number;
    const lng = r.longitude as number;
    expect(lat).toBeGreaterThanOrEqual(CONTINENTAL_US.minLatitude);
    expect(lat).toBeLessThanOrEqual(CONTINENTAL_US.maxLatitude);
    expect(lng).toBeGreaterThanOrEqual(CONTINENTAL_US.minLongitude);
    expect(lng).toBeLessThanOrEqual(CONTINENTAL_US.maxLongitude);
    const types = r.types as string[];
    expect(types[0] === 'O' || types[0] === 'C').toBe(true);
    expect(new Set(types).size).toBe(types.length);
    for (const t of types) expect(MEETING_GUIDE_TYPES.has(t), t).toBe(true);
    const parts = String(r.formatted_address).split(', ').length;
    if (isRemoteOnly(r)) {
      expect(parts).toBe(3);
      expect(r.conference_url !== undefined || r.conference_phone !== undefined).toBe(true);
      expect(types).toContain('ONL');
    } else {
      expect(parts).toBe(4);
      expect(r.approximate).toBe('no');
    }
    if (r.conference_url !== undefined)
      expect(r.conference_url).toMatch(/^https:\/\/zoom\.us\/j\/\d{11}$/);
  }
  expect(slugs.size).toBe(count);
}

describe('generateSyntheticFeed', () => {
  it('is deterministic for a seed and varies between seeds', () => {
    const a = generateSyntheticFeed(2000, { seed: 11 });
    expect(generateSyntheticFeed(2000, { seed: 11 })).toEqual(a);
    expect(generateSyntheticFeed(2000)).toEqual(generateSyntheticFeed(2000));
    const b = generateSyntheticFeed(2000, { seed: 12 });
    expect(JSON.stringify(b)).not.toEqual(JSON.stringify(a));
  });

  it('makes well-formed Meeting Guide rows for any seed and size', () => {
    checkRows(generateSyntheticFeed(0), 0);
    checkRows(generateSyntheticFeed(1), 1);
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 600 }), (seed, count) => {
        checkRows(generateSyntheticFeed(count, { seed }), count);
      }),
      { numRuns: 40 },
    );
  });

  it('hits the online share within 3 points on 20,000 rows', () => {
    for (const [seed, share] of [
      [1, undefined],
      [2, 0.15],
      [3, 0.4],
      [4, 0.05],
    ] as const) {
      const rows = generateSyntheticFeed(
        20_000,
        share === undefined ? { seed } : { seed, onlineShare: share },
      );
      const actual = rows.filter(isRemoteOnly).length / rows.length;
      expect(Math.abs(actual - (share ?? 0.15))).toBeLessThanOrEqual(0.03);
    }
    expect(generateSyntheticFeed(500, { onlineShare: 0 }).filter(isRemoteOnly)).toHaveLength(0);
    expect(generateSyntheticFeed(500, { onlineShare: 1 }).filter(isRemoteOnly)).toHaveLength(500);
  });

  it('mixes phone-only, hybrid and in-person rows, weighted by city size, with a rural share', () => {
    const rows = generateSyntheticFeed(20_000, { seed: 5 });
    const phoneOnly = rows.filter((r) => isRemoteOnly(r) && r.conference_url === undefined);
    const hybrid = rows.filter((r) => !isRemoteOnly(r) && r.conference_url !== undefined);
    expect(phoneOnly.length).toBeGreaterThan(200);
    expect(hybrid.length).toBeGreaterThan(500);
    const byRegion = new Map<string, number>();
    for (const r of rows) byRegion.set(String(r.region), (byRegion.get(String(r.region)) ?? 0) + 1);
    expect(byRegion.get('New York') ?? 0).toBeGreaterThan(5 * (byRegion.get('Boise') ?? 0));
    // Rural towns such as Ely, NV appear although they are not cities of the list.
    expect(byRegion.get('Ely') ?? 0).toBeGreaterThan(0);
    const zoned = rows.filter((r) => r.timezone !== undefined).length;
    expect(zoned).toBeGreaterThan(0);
    expect(zoned / rows.length).toBeLessThan(0.2);
    expect(rows.some((r) => Array.isArray(r.day))).toBe(true);
    expect(rows.some((r) => (r.types as string[]).includes('S'))).toBe(true);
    expect(rows.some((r) => (r.types as string[]).includes('W') && isRemoteOnly(r))).toBe(true);
  });

  it('rejects a bad count or share', () => {
    expect(() => generateSyntheticFeed(-1)).toThrow(RangeError);
    expect(() => generateSyntheticFeed(1.5)).toThrow(RangeError);
    expect(() => generateSyntheticFeed(10, { onlineShare: 1.2 })).toThrow(RangeError);
    expect(() => generateSyntheticFeed(10, { onlineShare: Number.NaN })).toThrow(RangeError);
  });

  it('builds a national-scale set (250,000 rows) with unique slugs', { timeout: 60_000 }, () => {
    // Speed is measured by bench/, not asserted here: test machines are shared and noisy.
    const rows = generateSyntheticFeed(250_000);
    expect(rows).toHaveLength(250_000);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(250_000);
  });
});

// random.ts has no test file of its own; its contract is checked here, beside its main user.
describe('createRandom', () => {
  it('replays the same stream for the same seed, and forks independently', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return [
        r.next(),
        r.int(1, 6),
        r.pick(['a', 'b', 'c']),
        r.chance(0.5),
        r.gaussian(),
        r.digits(8),
      ];
    };
    expect(draw(99)).toEqual(draw(99));
    expect(draw(99)).not.toEqual(draw(100));
    expect(createRandom(1).next()).not.toEqual(createRandom(1.5).next());
    const a = createRandom(5);
    const forkBefore = a.fork('x').next();
    a.next();
    expect(a.fork('x').next()).toBe(forkBefore);
    expect(a.fork('y').next()).not.toBe(forkBefore);
  });

  it('keeps every helper in range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, lo, span) => {
          const r = createRandom(seed);
          for (let i = 0; i < 50; i++) {
            const x = r.next();
            expect(x >= 0 && x < 1).toBe(true);
            const n = r.int(lo, lo + span);
            expect(Number.isInteger(n) && n >= lo && n <= lo + span).toBe(true);
            expect(Number.isFinite(r.gaussian())).toBe(true);
          }
          const items = [1, 2, 3, 4, 5];
          expect(r.shuffle(items).sort()).toEqual(items);
          expect(new Set(r.sample(items, 3)).size).toBe(3);
          expect(r.digits(7)).toMatch(/^\d{7}$/);
        },
      ),
      { numRuns: 50 },
    );
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });

  it('is roughly uniform and respects weights', () => {
    const r = createRandom(2024);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[r.int(0, 5)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    const pick = weightedPicker(['a', 'b'], [1, 3]);
    let b = 0;
    for (let i = 0; i < 40_000; i++) if (pick(r) === 'b') b++;
    expect(Math.abs(b / 40_000 - 0.75)).toBeLessThan(0.01);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 40_000; i++) {
      const g = r.gaussian(10, 2);
      sum += g;
      sq += g * g;
    }
    const mean = sum / 40_000;
    expect(Math.abs(mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(sq / 40_000 - mean * mean) - 2)).toBeLessThan(0.05);
  });
});

/**
 * The center desk's tenancy and role matrix, through the real server on every dialect: two
 * centers, each with an admin, a supervisor, a coach and a volunteer; every API route, by every
 * role of both centers, against its own center's member, the other center's member reached
 * through its own center, and the other center itself. Nothing of one center is readable or
 * writable from the other, and the other center answers exactly as a center that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import type { StaffRole } from '../src/centers/model.js';
import { fixedClock } from '../src/platform/clock.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';

const clock = fixedClock('2026-03-02T15:00:00.000Z');
const keyring = createKeyring(Buffer.alloc(32, 42));
const staffRoles: StaffRole[] = ['admin', 'supervisor', 'coach', 'volunteer'];
const centers = ['a', 'b'] as const;
type CenterName = (typeof centers)[number];
type Named = 'member' | 'event';
/** What a record of another center (or none) answers when reached through one's own center. */
const notFound: Record<Named, string> = { member: 'PL_MEMBER_NOT_FOUND', event: 'PL_NOT_FOUND' };
const anEvent = {
  title: 'All Recovery meeting',
  kind: 'group',
  repeat: 'weekly',
  startsOn: '2026-03-03',
  start: '18:00',
  durationMinutes: 60,
  visibility: 'public',
};

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The address, for a center slug and (when the route names one) a member's or event's id. */
  url: (slug: string, recordId: string) => string;
  payload?: unknown;
  /** The kind of record the route names, if any. */
  names?: Named;
  /** The roles that may use it, and the status they get on their own center's member. */
  allowed: readonly StaffRole[];
  ok: number;
}

const everyone = staffRoles;
const workers: StaffRole[] = ['admin', 'supervisor', 'coach'];
const routes: Route[] = [
  {
    name: 'find members',
    method: 'GET',
    url: (s) => `/api/v1/centers/${s}/members?q=mem`,
    allowed: everyone,
    ok: 200,
  },
  {
    name: 'register a member',
    method: 'POST',
    url: (s) => `/api/v1/centers/${s}/members`,
    payload: { chosenName: 'Newcomer' },
    allowed: workers,
    ok: 201,
  },
  {
    name: 'read a member',
    method: 'GET',
    url: (s, m) => `/api/v1/centers/${s}/members/${m}`,
    names: 'member',
    allowed: workers,
    ok: 200,
  },
  {
    name: 'read a timeline',
    method: 'GET',
    url: (s, m) => `/api/v1/centers/${s}/members/${m}/timeline`,
    names: 'member',
    allowed: workers,
    ok: 200,
  },
  {
    name: 'record an encounter',
    method: 'POST',
    url: (s, m) => `/api/v1/centers/${s}/members/${m}/encounters`,
    payload: { type: 'follow_up_engagement', durationMinutes: 30, note: 'talked about work' },
    names: 'member',
    allowed: workers,
    ok: 201,
  },
  {
    name: 'record a check-in',
    method: 'POST',
    url: (s, m) => `/api/v1/centers/${s}/members/${m}/check-ins`,
    names: 'member',
    allowed: everyone,
    ok: 201,
  },
  {
    name: 'export a member',
    method: 'GET',
    url: (s, m) => `/api/v1/centers/${s}/members/${m}/export`,
    names: 'member',
    allowed: ['admin', 'supervisor', 'coach'],
    ok: 200,
  },
  {
    name: 'record a BARC-10',
    method: 'POST',
    url: (s, m) => `/api/v1/centers/${s}/members/${m}/assessments`,
    payload: { instrument: 'barc-10', answers: [4, 4, 5, 3, 4, 5, 4, 6, 4, 5] },
    names: 'member',
    allowed: workers,
    ok: 201,
  },
  {
    name: 'read the calendar',
    method: 'GET',
    url: (s) => `/api/v1/centers/${s}/events`,
    allowed: everyone,
    ok: 200,
  },
  {
    name: 'add an event',
    method: 'POST',
    url: (s) => `/api/v1/centers/${s}/events`,
    payload: { ...anEvent, visibility: 'staff' },
    allowed: workers,
    ok: 201,
  },
  {
    name: 'change an event',
    method: 'PUT',
    url: (s, e) => `/api/v1/centers/${s}/events/${e}`,
    payload: { ...anEvent, start: '18:30' },
    names: 'event',
    allowed: workers,
    ok: 200,
  },
  {
    name: 'say where the center is',
    method: 'PUT',
    url: (s) => `/api/v1/centers/${s}/place`,
    payload: { city: 'Greenfield', region: 'MA', postalCode: '01301' },
    allowed: ['admin'],
    ok: 200,
  },
];

describe.each(testDialects)('center tenancy and roles on $name', ({ url }) => {
  let app: App;
  const slugs: Record<CenterName, string> = { a: 'center-a', b: 'center-b' };
  const tokens = {} as Record<CenterName, Record<StaffRole, string>>;
  const members = {} as Record<CenterName, string>;
  const events = {} as Record<CenterName, string>;
  /** The id a route names in a center: its member's, its event's, or none. */
  const idOf = (route: Route, c: CenterName) => (route.names === 'event' ? events[c] : members[c]);
  let outsider: string;
  /** A coach of both centers whose token is limited to center A. */
  let limitedToA: string;

  const call = (token: string | undefined, method: string, path: string, payload?: unknown) =>
    app.server.inject({
      method: method as 'GET',
      url: path,
      ...(token !== undefined ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    app = await createTestApp({ databaseUrl: url }, { clock, keyring });
    const deps = { repos: app.repos, clock };
    for (const c of centers) {
      const { center } = await createCenter(deps, {
        slug: slugs[c],
        name: `Center ${c.toUpperCase()}`,
        adminEmail: `admin-${c}@example.org`,
      });
      tokens[c] = {} as Record<StaffRole, string>;
      for (const role of staffRoles) {
        const email = `${role}-${c}@example.org`;
        await putStaffByEmail(deps, center, { email, role });
        tokens[c][role] = (await createTokenFor(deps, { email })).token;
      }
      const made = await call(tokens[c].coach, 'POST', `/api/v1/centers/${slugs[c]}/members`, {
        chosenName: `Member of ${c}`,
      });
      expect(made.statusCode).toBe(201);
      members[c] = made.json<{ id: string }>().id;
      const event = await call(
        tokens[c].coach,
        'POST',
        `/api/v1/centers/${slugs[c]}/events`,
        anEvent,
      );
      expect(event.statusCode).toBe(201);
      events[c] = event.json<{ id: string }>().id;
    }
    await createCenter(deps, { slug: 'elsewhere', name: 'Elsewhere', adminEmail: 'x@example.org' });
    outsider = (await createTokenFor(deps, { email: 'x@example.org' })).token;
    const a = await app.repos.centers.bySlug(slugs.a);
    const b = await app.repos.centers.bySlug(slugs.b);
    await putStaffByEmail(deps, a!, { email: 'both@example.org', role: 'coach' });
    await putStaffByEmail(deps, b!, { email: 'both@example.org', role: 'coach' });
    limitedToA = (await createTokenFor(deps, { email: 'both@example.org', centerSlug: slugs.a }))
      .token;
  }, 120_000);
  afterAll(async () => app?.close());

  it('gives each role of each center exactly what its role allows in its own center', async () => {
    for (const c of centers)
      for (const role of staffRoles)
        for (const route of routes) {
          const res = await call(
            tokens[c][role],
            route.method,
            route.url(slugs[c], idOf(route, c)),
            route.payload,
          );
          const expected = route.allowed.includes(role) ? route.ok : 403;
          expect({ c, role, route: route.name, status: res.statusCode }).toEqual({
            c,
            role,
            route: route.name,
            status: expected,
          });
          if (expected === 403) expect(res.json().error.code).toBe('PL_FORBIDDEN');
        }
  });

  it('answers 404 for the other center’s records reached through one’s own center', async () => {
    for (const c of centers) {
      const other = c === 'a' ? 'b' : 'a';
      for (const role of staffRoles)
        for (const route of routes.filter((r) => r.names && r.allowed.includes(role))) {
          const res = await call(
            tokens[c][role],
            route.method,
            route.url(slugs[c], idOf(route, other)),
            route.payload,
          );
          expect({ role, route: route.name, status: res.statusCode }).toEqual({
            role,
            route: route.name,
            status: 404,
          });
          expect(res.json().error.code).toBe(notFound[route.names!]);
          // Exactly what an id that never existed gets.
          const never = await call(
            tokens[c][role],
            route.method,
            route.url(slugs[c], '00000000-0000-4000-8000-000000000000'),
            route.payload,
          );
          expect(never.json()).toEqual(res.json());
        }
    }
  });

  it('answers for the other center exactly as for a center that does not exist', async () => {
    for (const c of centers) {
      const other = c === 'a' ? 'b' : 'a';
      for (const role of staffRoles)
        for (const route of routes) {
          const res = await call(
            tokens[c][role],
            route.method,
            route.url(slugs[other], idOf(route, other)),
            route.payload,
          );
          const none = await call(
            tokens[c][role],
            route.method,
            route.url('no-such-center', idOf(route, other)),
            route.payload,
          );
          expect({ role, route: route.name, status: res.statusCode }).toEqual({
            role,
            route: route.name,
            status: 404,
          });
          expect(res.json()).toEqual(none.json());
          expect(res.json().error.code).toBe('PL_CENTER_NOT_FOUND');
        }
    }
    // Someone on no center's staff, and a token limited to A used on B, are in the same place.
    for (const token of [outsider, limitedToA])
      for (const route of routes) {
        const res = await call(
          token,
          route.method,
          route.url(slugs.b, idOf(route, 'b')),
          route.payload,
        );
        expect(res.statusCode).toBe(404);
      }
    const own = await call(limitedToA, 'GET', `/api/v1/centers/${slugs.a}/members/${members.a}`);
    expect(own.statusCode).toBe(200);
  });

  it('finds no member of another center by name, and writes nothing there', async () => {
    const found = await call(
      tokens.a.volunteer,
      'GET',
      `/api/v1/centers/${slugs.a}/members?q=member`,
    );
    expect(found.json().members.map((m: { id: string }) => m.id)).toEqual([members.a]);
    const timeline = await call(
      tokens.b.coach,
      'GET',
      `/api/v1/centers/${slugs.b}/members/${members.b}/timeline`,
    );
    // Only B's own staff wrote to B's member: one encounter, one check-in per allowed B role...
    const items = timeline.json().items as { recordedBy?: string }[];
    const bStaff = new Set<string>();
    const b = await app.repos.centers.bySlug(slugs.b);
    for (const s of await app.repos.centers.staffOf(b!.id)) bStaff.add(s.personId);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(bStaff.has(item.recordedBy!)).toBe(true);
  });

  it('lets only a center’s supervisors and administrators erase its members', async () => {
    for (const c of centers) {
      const other = c === 'a' ? 'b' : 'a';
      const erase = (token: string, slug: string, member: string) =>
        call(token, 'DELETE', `/api/v1/centers/${slug}/members/${member}`);
      for (const role of staffRoles) {
        expect((await erase(tokens[c][role], slugs[other], members[other])).statusCode).toBe(404);
        const through = await erase(tokens[c][role], slugs[c], members[other]);
        expect(through.statusCode).toBe(role === 'admin' || role === 'supervisor' ? 404 : 403);
        if (role === 'coach' || role === 'volunteer')
          expect((await erase(tokens[c][role], slugs[c], members[c])).statusCode).toBe(403);
      }
      // Still there for its own center.
      const read = await call(
        tokens[c].coach,
        'GET',
        `/api/v1/centers/${slugs[c]}/members/${members[c]}`,
      );
      expect(read.statusCode).toBe(200);
      const fresh = await call(tokens[c].coach, 'POST', `/api/v1/centers/${slugs[c]}/members`, {
        chosenName: 'To be erased',
      });
      const id = fresh.json<{ id: string }>().id;
      expect((await erase(tokens[c].supervisor, slugs[c], id)).statusCode).toBe(204);
      expect((await erase(tokens[c].admin, slugs[c], id)).statusCode).toBe(404);
    }
  });

  it('lets only a center’s workers take its events off the calendar', async () => {
    for (const c of centers) {
      const other = c === 'a' ? 'b' : 'a';
      const remove = (token: string, slug: string, event: string) =>
        call(token, 'DELETE', `/api/v1/centers/${slug}/events/${event}`);
      const made = await call(
        tokens[c].coach,
        'POST',
        `/api/v1/centers/${slugs[c]}/events`,
        anEvent,
      );
      const id = made.json<{ id: string }>().id;
      for (const role of staffRoles) {
        expect((await remove(tokens[c][role], slugs[other], id)).statusCode).toBe(404);
        const through = await remove(tokens[c][role], slugs[c], events[other]);
        expect(through.statusCode).toBe(role === 'volunteer' ? 403 : 404);
      }
      expect((await remove(tokens[c].volunteer, slugs[c], id)).statusCode).toBe(403);
      expect((await remove(tokens[c].coach, slugs[c], id)).statusCode).toBe(204);
      expect((await remove(tokens[c].admin, slugs[c], id)).statusCode).toBe(404);
      // The other center's event is still on its calendar.
      const calendar = await call(
        tokens[other].volunteer,
        'GET',
        `/api/v1/centers/${slugs[other]}/events`,
      );
      expect(calendar.json().events.map((e: { id: string }) => e.id)).toContain(events[other]);
    }
  });

  it('refuses callers without a valid token before anything else', async () => {
    for (const route of routes) {
      const anonymous = await call(
        undefined,
        route.method,
        route.url(slugs.a, idOf(route, 'a')),
        route.payload,
      );
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('PL_SIGN_IN_REQUIRED');
      const forged = await call(
        `pl_${'A'.repeat(43)}`,
        route.method,
        route.url(slugs.a, idOf(route, 'a')),
        route.payload,
      );
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.code).toBe('PL_API_TOKEN_INVALID');
    }
  });
});

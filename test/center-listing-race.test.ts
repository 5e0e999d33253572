/**
 * Two calendar saves at the same moment, on every dialect: each writes the center's whole
 * listing from what it read, so the save that read first could write last and leave the other's
 * group out of the finder until the daily pass. Here a second instance's save (its event and its
 * whole listing) lands between the first save's read and its write; both groups must be listed
 * when the first save returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { openCenter } from '../src/centers/access.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import type { DeskDeps } from '../src/centers/deps.js';
import { createEvent, setCenterPlace } from '../src/centers/events/events.js';
import type { CenterAccess } from '../src/centers/model.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { testDialects } from './support/databases.js';
import { manualClock } from './support/manual-clock.js';

const keyring = createKeyring(Buffer.alloc(32, 5));

const group = (title: string) => ({
  title,
  kind: 'group',
  repeat: 'weekly',
  startsOn: '2026-03-03',
  start: '18:00',
  durationMinutes: 60,
  visibility: 'public',
});

describe.each(testDialects)('two calendar saves at once on $name', ({ url }) => {
  const clock = manualClock('2026-03-02T15:00:00.000Z');
  let app: App;
  let deps: DeskDeps;
  let access: CenterAccess;

  beforeAll(async () => {
    app = await createTestApp({ databaseUrl: url }, { clock, keyring });
    deps = { repos: app.repos, clock, keyring: () => keyring };
    const { center } = await createCenter(deps, {
      slug: 'race',
      name: 'Race Street Recovery Center',
      adminEmail: 'admin@example.org',
      timeZone: 'America/New_York',
    });
    await putStaffByEmail(deps, center, { email: 'coach@example.org', role: 'coach' });
    const admin = await app.repos.accounts.personByEmail('admin@example.org');
    const adminAccess = await openCenter(deps, { personId: admin!.id }, 'race');
    await setCenterPlace(deps, adminAccess, {
      city: 'Greenfield',
      region: 'MA',
      postalCode: '01301',
    });
    const coach = await app.repos.accounts.personByEmail('coach@example.org');
    access = await openCenter(deps, { personId: coach!.id }, 'race');
  }, 120_000);
  afterAll(async () => app?.close());

  /** The names the center's source lists in the meeting store. */
  const listedNames = async (): Promise<string[]> => {
    const center = await app.repos.centers.bySlug('race');
    const meetings = await app.repos.meetings.all();
    return meetings
      .filter((m) => m.provenance.sourceId === center!.listingSourceId)
      .map((m) => m.name)
      .sort();
  };

  it('lists both groups when another save lands between a save’s read and its write', async () => {
    let interrupted = false;
    // The first save's desk reads the calendar, then the other instance saves (event and
    // listing) before the first save writes what it read.
    const events = new Proxy(app.repos.centerEvents, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (key !== 'ofCenter' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const read: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
            target,
            args,
          );
          if (!interrupted) {
            interrupted = true;
            await createEvent(deps, access, group('Evening Pathways'));
          }
          return read;
        };
      },
    });
    const racing: DeskDeps = {
      ...deps,
      repos: { ...app.repos, centerEvents: events },
    };
    await createEvent(racing, access, group('Morning Pathways'));
    expect(interrupted).toBe(true);
    expect(await listedNames()).toEqual(['Evening Pathways', 'Morning Pathways']);
  });
});

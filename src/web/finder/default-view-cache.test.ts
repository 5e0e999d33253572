/**
 * The default view (`/` with nothing asked) is the same for every visitor of a minute, so the
 * finder remembers it per index revision and minute: a second visitor costs no search, the next
 * minute or the next change to the directory shows at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { manualClock, type ManualClock } from '../../../test/support/manual-clock.js';
import { mgOnlineRow } from '../../../test/factories/meeting-guide.js';
import type { App } from '../../app.js';
import { importFeed } from '../../sources/import-feed.js';

let app: App;
let clock: ManualClock;

beforeEach(async () => {
  // Thursday 2026-11-26, 18:00:10 in Greenfield, MA.
  clock = manualClock('2026-11-26T23:00:10Z');
  app = await createTestApp({}, { clock });
  await importFeed(app.importDeps, {
    source: 'intergroup',
    location: 'test:rows',
    rows: [mgOnlineRow({ slug: 'one', name: 'One Online', day: 4, time: '19:00' })],
  });
});
afterEach(async () => app.close());

const home = async () => {
  const page = await app.server.inject({ method: 'GET', url: '/en/' });
  expect(page.statusCode).toBe(200);
  return page.body;
};
const withoutStamp = (html: string) => html.replace(/ data-rendered-at="[^"]*"/, '');
const listed = (html: string) => /data-slug="([^"]+)"/g.exec(html)?.[1];

describe('the default view', () => {
  it('searches once a minute for everyone, not once per visitor', async () => {
    const searches = vi.spyOn(app.search, 'search');
    const first = await home();
    const asked = searches.mock.calls.length;
    expect(asked).toBeGreaterThan(0);
    clock.advance(30_000);
    expect(withoutStamp(await home())).toBe(withoutStamp(first));
    expect(searches.mock.calls.length).toBe(asked);
    clock.advance(30_000); // the next minute
    await home();
    expect(searches.mock.calls.length).toBe(2 * asked);
  });

  it('shows a change to the directory at once, within the same minute', async () => {
    expect(listed(await home())).toBe('one');
    await importFeed(app.importDeps, {
      source: 'intergroup',
      location: 'test:rows',
      rows: [
        mgOnlineRow({ slug: 'one', name: 'One Online', day: 4, time: '19:00' }),
        mgOnlineRow({ slug: 'two', name: 'Two Online', day: 4, time: '18:30' }),
      ],
    });
    expect(listed(await home())).toBe('two');
  });

  it('searches again for a search someone asked for once the minute is over', async () => {
    const searches = vi.spyOn(app.search, 'search');
    await app.server.inject({ method: 'GET', url: '/en/?near=01301' });
    const asked = searches.mock.calls.length;
    clock.advance(60_000);
    await app.server.inject({ method: 'GET', url: '/en/?near=01301' });
    expect(searches.mock.calls.length).toBe(2 * asked);
  });
});

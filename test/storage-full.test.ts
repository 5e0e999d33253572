/**
 * The disk fills while the server is serving: a SQLite file capped with `max_page_count` (the
 * page count SQLite may grow the file to, per connection), through the real server on a loopback
 * port. A refused write answers 507 PL_STORAGE_FULL in the JSON API and on the pages, in the
 * reader's language; reads keep working; once there is room the same server writes again.
 */
import { Buffer } from 'node:buffer';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { importFeed } from '../src/sources/import-feed.js';
import { mgRow } from './factories/meeting-guide.js';
import { createTestApp } from './support/app.js';

let app: App;
let base: string;

const report = (language: 'en' | 'es') =>
  fetch(`${base}/${language}/meetings/greenfield-big-book/report`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // The longest message a report takes: a few fill a page of the table.
    body: new URLSearchParams({ kind: 'other', message: 'm'.repeat(1000), website: '' }),
  });

/** A personal space's encrypted blob (150 KB unless said): a write of the JSON API. */
let blobs = 0;
const putBlob = (bytes = 150_000) =>
  fetch(`${base}/api/v1/space/A1b2C3d4E5f6G7h8I9j0Kl/blobs/b${++blobs}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${'T'.repeat(43)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      expectedVersion: 0,
      ciphertext: Buffer.alloc(bytes, blobs).toString('base64'),
    }),
  });

async function pageCount(): Promise<number> {
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(app.database.db);
  return rows[0]!.page_count;
}
const capAt = (pages: number) =>
  sql.raw(`pragma max_page_count = ${pages}`).execute(app.database.db);

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'porchlight-full-')), 'porchlight.db');
  app = await createTestApp({ databaseUrl: `sqlite:${file}` });
  await importFeed(app.importDeps, {
    source: 'full',
    location: 'rows',
    rows: [mgRow(), mgRow({ slug: 'second', name: 'Second' })],
  });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
});
afterAll(async () => app.close());

describe('the database runs out of room while serving', { timeout: 60_000 }, () => {
  it('refuses writes with 507 PL_STORAGE_FULL, keeps reading, and writes again once there is room', async () => {
    expect((await putBlob()).status).toBe(200);
    const meeting = await app.repos.meetings.findBySlug('greenfield-big-book');
    const reportsBefore = (await app.repos.problemReports.forMeeting(meeting!.id)).length;
    await capAt((await pageCount()) + 60);

    // Blobs fill the room left; the first one that does not fit is refused, whole. Smaller
    // ones then fill what is left of it (free pages included), to the last few hundred bytes.
    let refused: Response | undefined;
    for (let i = 0; i < 40 && refused === undefined; i++) {
      const res = await putBlob();
      if (res.status !== 200) refused = res;
    }
    expect(refused?.status).toBe(507);
    expect(await refused!.json()).toMatchObject({ error: { code: 'PL_STORAGE_FULL' } });
    for (const bytes of [20_000, 2_000]) {
      for (let i = 0; i < 100; i++) if ((await putBlob(bytes)).status === 507) break;
    }

    // The pages say it too, in the reader's language. Reports fit in the room their table's
    // pages have left (at most 6 sent: the per-address limit is 10); the first that needs a
    // new page is refused, and so is the next, in Spanish.
    let english: Response | undefined;
    let stored = reportsBefore;
    for (let i = 0; i < 6 && english === undefined; i++) {
      const res = await report('en');
      if (res.status === 303) stored++;
      else english = res;
    }
    expect(english?.status).toBe(507);
    const englishPage = await english!.text();
    expect(englishPage).toContain('Nothing was saved');
    expect(englishPage).toContain('PL_STORAGE_FULL');
    const spanish = await report('es');
    expect(spanish.status).toBe(507);
    expect(await spanish.text()).toContain('No se guardó nada');
    expect(await app.repos.problemReports.forMeeting(meeting!.id)).toHaveLength(stored);

    // Reads carry on: the API, the pages, the feed, the health check.
    const meetings = await fetch(`${base}/api/v1/meetings?limit=10`);
    expect(meetings.status).toBe(200);
    expect(((await meetings.json()) as { meetings: unknown[] }).meetings).toHaveLength(2);
    expect((await fetch(`${base}/en/meetings/second`)).status).toBe(200);
    expect((await fetch(`${base}/meeting-guide.json`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    // Room again (the operator freed the disk): the same server writes.
    await capAt(1_000_000);
    expect((await report('en')).status).toBe(303);
    expect(await app.repos.problemReports.forMeeting(meeting!.id)).toHaveLength(stored + 1);
    expect((await putBlob()).status).toBe(200);
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
      app.database.db,
    );
    expect(rows[0]!.integrity_check).toBe('ok');
  });
});

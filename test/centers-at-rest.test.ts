/**
 * What a copy of the database holds about a member: nothing readable. After a member is created
 * with a distinctive chosen name, contact and encounter note through the API, the raw SQLite
 * file (and its write-ahead log), and the PostgreSQL rows as text, hold none of them; the API
 * still reads them back to the member's coach, and each read is in the access log.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createTokenFor } from '../src/centers/center-tokens.js';
import { createCenter } from '../src/centers/centers.js';
import { fixedClock } from '../src/platform/clock.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { expectNoneIn } from './support/at-rest.js';
import { testDialects } from './support/databases.js';

const clock = fixedClock('2026-03-02T15:00:00.000Z');
const keyring = createKeyring(Buffer.alloc(32, 9));
const secrets = {
  name: 'Zephyrine Quillfeather',
  phone: '413-555-0199',
  email: 'zq.distinct@example.net',
  note: 'spoke about the heron pond relapse',
  county: 'Hampshirecountyx',
};
const needles = [
  secrets.name,
  'Zephyrine',
  'Quillfeather',
  'zephyrine',
  secrets.phone,
  '4135550199',
  secrets.email,
  secrets.note,
  'heron pond',
  secrets.county,
];

/** Creates a center, a coach's token, and the member with a note; returns the member id. */
async function createMember(app: App): Promise<{ token: string; memberId: string }> {
  const deps = { repos: app.repos, clock };
  await createCenter(deps, { slug: 'valley', name: 'Valley Center', adminEmail: 'c@example.org' });
  const { token } = await createTokenFor(deps, { email: 'c@example.org' });
  const auth = { authorization: `Bearer ${token}` };
  const made = await app.server.inject({
    method: 'POST',
    url: '/api/v1/centers/valley/members',
    headers: auth,
    payload: {
      chosenName: secrets.name,
      engagement: 'full',
      contact: { phone: secrets.phone, email: secrets.email, preferredChannel: 'text' },
      demographics: { county: secrets.county, veteran: true },
      pathways: ['smart'],
    },
  });
  expect(made.statusCode).toBe(201);
  const memberId = made.json<{ id: string }>().id;
  const encounter = await app.server.inject({
    method: 'POST',
    url: `/api/v1/centers/valley/members/${memberId}/encounters`,
    headers: auth,
    payload: { type: 'follow_up_engagement', note: secrets.note },
  });
  expect(encounter.statusCode).toBe(201);
  const barc = await app.server.inject({
    method: 'POST',
    url: `/api/v1/centers/valley/members/${memberId}/assessments`,
    headers: auth,
    payload: { instrument: 'barc-10', answers: [6, 5, 4, 3, 2, 1, 2, 3, 4, 5] },
  });
  expect(barc.json().total).toBe(35);
  return { token, memberId };
}

describe('member records at rest in the SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-at-rest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no chosen name, contact, county or note in plaintext', async () => {
    const app = await createTestApp(
      { dataDir: dir, databaseUrl: `sqlite:${join(dir, 'porchlight.db')}` },
      { clock, keyring },
    );
    let memberId: string;
    try {
      const made = await createMember(app);
      memberId = made.memberId;
      // Read back through the API: the coach sees it all.
      const read = await app.server.inject({
        method: 'GET',
        url: `/api/v1/centers/valley/members/${memberId}`,
        headers: { authorization: `Bearer ${made.token}` },
      });
      expect(read.json()).toMatchObject({
        chosenName: secrets.name,
        contact: { phone: secrets.phone, email: secrets.email, doNotContact: false },
        demographics: { county: secrets.county, veteran: true },
      });
      // Check the file with the log still beside it, then after the close checkpoints it.
      expectNoneIn(dir, needles);
    } finally {
      await app.close();
    }
    expectNoneIn(dir, needles);
    // The control: the file is readable as bytes, and the center's own name is there.
    expect(readFileSync(join(dir, 'porchlight.db')).includes('Valley Center')).toBe(true);
  });
});

describe.each(testDialects.filter((d) => d.name !== 'sqlite'))(
  'member records at rest on $name',
  ({ url }) => {
    it('holds none of them in any center table’s rows as text', async () => {
      const app = await createTestApp({ databaseUrl: url }, { clock, keyring });
      try {
        const { memberId } = await createMember(app);
        const db = app.database.db;
        let rowsSeen = 0;
        for (const table of [
          'center_members',
          'center_member_keys',
          'center_member_terms',
          'center_encounters',
          'center_assessments',
          'center_access_log',
          'people',
        ]) {
          const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(
            table,
          )} t`.execute(db);
          rowsSeen += rows.length;
          const text = rows.map((r) => r.row).join('\n');
          for (const needle of needles)
            expect({ table, needle, found: text.includes(needle) }).toEqual({
              table,
              needle,
              found: false,
            });
        }
        expect(rowsSeen).toBeGreaterThan(5);
        const { rows } = await sql<{ row: string }>`select t::text as row from centers t`.execute(
          db,
        );
        expect(rows[0]?.row).toContain('Valley Center');
        expect(memberId).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await app.close();
      }
    });
  },
);

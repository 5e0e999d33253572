/**
 * Volunteers signed up for a shift are mailed the day before it, through the delivery queue, on
 * the Clock: nothing earlier, once only however often the job runs, and a late sign-up still
 * reminded before the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { createCenter, putStaffByEmail } from '../src/centers/centers.js';
import { createCenterDesk } from '../src/centers/desk.js';
import type { CenterAccess } from '../src/centers/model.js';
import { scheduleShiftReminders } from '../src/centers/shifts/shift-reminders.js';
import { createKeyring } from '../src/platform/crypto/keyring.js';
import { createTestApp } from './support/app.js';
import { manualClock } from './support/manual-clock.js';
import { outboxMessages } from './support/outbox.js';

const HOUR = 3_600_000;

describe('shift reminders', () => {
  // Monday 2 March 2026, 10:00 in Greenfield (15:00 UTC).
  const clock = manualClock('2026-03-02T15:00:00.000Z');
  const keyring = createKeyring(Buffer.alloc(32, 5));
  let app: App;
  let dataDir: string;
  const access: Record<string, CenterAccess> = {};
  let frontDesk: string;

  /** Runs what is due twice: the reminder job, then the deliveries it queued. */
  const runDue = async () => {
    await app.jobs.runDue();
    await app.jobs.runDue();
  };
  const reminders = () => outboxMessages(dataDir).filter((m) => m.includes('Reminder:'));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'porchlight-shifts-'));
    app = await createTestApp(
      { dataDir, publicUrl: 'https://desk.example.org' },
      { clock, keyring, sendDeliveriesAtOnce: false },
    );
    const deps = { repos: app.repos, clock, keyring: () => keyring };
    const { center } = await createCenter(deps, {
      slug: 'franklin',
      name: 'Franklin Recovery Center',
      adminEmail: 'admin@example.org',
      timeZone: 'America/New_York',
    });
    for (const email of ['ana@example.org', 'ben@example.org'])
      await putStaffByEmail(deps, center, { email, role: 'volunteer' });
    const desk = createCenterDesk(deps);
    for (const who of ['admin', 'ana', 'ben']) {
      const person = await app.repos.accounts.personByEmail(`${who}@example.org`);
      access[who] = await desk.open({ personId: person!.id }, 'franklin');
    }
    // Tuesday 9:00 to 12:00 in Greenfield: 23 hours ahead.
    const shift = await desk.createShift(access.admin!, {
      title: 'Front desk',
      date: '2026-03-03',
      start: '09:00',
      end: '12:00',
      capacity: 3,
    });
    await desk.signUpForShift(access.ana!, shift.id);
    // Thursday: beyond the day ahead.
    const later = await desk.createShift(access.admin!, {
      title: 'Kitchen',
      date: '2026-03-05',
      start: '09:00',
      end: '11:00',
      capacity: 2,
    });
    await desk.signUpForShift(access.ana!, later.id);
    await scheduleShiftReminders(
      { repos: app.repos, clock, queue: app.deliveries, publicUrl: 'https://desk.example.org' },
      app.repos.jobs,
    );
    frontDesk = shift.id;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('mails who signed up for a shift within the day, with the center’s time', async () => {
    await runDue();
    const sent = reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('To: ana@example.org');
    expect(sent[0]).toContain('Subject: Reminder: Front desk at Franklin Recovery Center');
    expect(sent[0]).toContain('Mar 3, 2026, 9:00 AM to 12:00 PM (America/New_York)');
    expect(sent[0]).toContain('https://desk.example.org/en/center/franklin/shifts');
    expect(sent[0]).not.toContain('Kitchen');
  });

  it('sends each reminder once, and reminds a later sign-up at the next pass', async () => {
    clock.advance(HOUR);
    await runDue();
    expect(reminders()).toHaveLength(1);
    const desk = createCenterDesk({ repos: app.repos, clock, keyring: () => keyring });
    await desk.signUpForShift(access.ben!, frontDesk);
    clock.advance(HOUR);
    await runDue();
    const sent = reminders();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('To: ben@example.org');
  });

  it('reminds of the later shift when it comes within the day', async () => {
    clock.set('2026-03-04T15:00:00.000Z');
    await runDue();
    const kitchen = reminders().filter((m) => m.includes('Kitchen'));
    expect(kitchen).toHaveLength(1);
    expect(kitchen[0]).toContain('To: ana@example.org');
  });

  it('writes the reminder in the language of the sign-up', async () => {
    const desk = createCenterDesk({ repos: app.repos, clock, keyring: () => keyring });
    const shift = await desk.createShift(access.admin!, {
      title: 'Cocina',
      date: '2026-03-06',
      start: '09:00',
      end: '11:00',
      capacity: 2,
    });
    await desk.signUpForShift(access.ben!, shift.id, 'es');
    clock.set('2026-03-05T15:00:00.000Z');
    await runDue();
    const sent = outboxMessages(dataDir).filter((m) => m.includes('Cocina'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('To: ben@example.org');
    expect(sent[0]).toContain('Usted se anot');
    expect(sent[0]).toContain('https://desk.example.org/es/center/franklin/shifts');
  });
});

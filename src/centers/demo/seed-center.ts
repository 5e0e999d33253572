/**
 * A demo center for a fresh server, so a person trying Porchlight finds a desk with a few
 * members, their check-ins, encounters and BARC-10s. The members are invented pseudonyms; the
 * records go through the same services (and the same encryption) as real ones.
 */
import { createRandom } from '../../demo/random.js';
import { recordAssessment } from '../assessments/assessments.js';
import { createCenter, putStaffByEmail } from '../centers.js';
import type { DeskDeps } from '../deps.js';
import { recordEncounter } from '../encounters/encounters.js';
import type { EncounterType } from '../encounters/model.js';
import { registerMember } from '../members/members.js';
import type { Pathway } from '../members/model.js';
import type { CenterAccess } from '../model.js';
import { createEvent, setCenterPlace, type EventInput } from '../events/events.js';
import { localDateIn } from '../../meetings/time-zone.js';
import { parseIsoDate, isoDateText, weekdayOf } from '../../search/week-math.js';

export const DEMO_CENTER = {
  slug: 'franklin',
  name: 'Franklin County Recovery Center',
  adminEmail: 'admin@franklin-center.example',
  coachEmail: 'coach@franklin-center.example',
  timeZone: 'America/New_York',
} as const;

/** The demo calendar: weekday (0 = Sunday) and the rest of each series. */
const calendar: (Omit<EventInput, 'startsOn'> & { weekday: number })[] = [
  { title: 'All Recovery Meeting', kind: 'group', weekday: 2, start: '18:00', durationMinutes: 60 },
  {
    title: 'SMART Recovery',
    kind: 'group',
    program: 'smart-recovery',
    weekday: 4,
    start: '17:30',
    durationMinutes: 90,
  },
  { title: 'Recovery yoga', kind: 'class', weekday: 6, start: '10:00', durationMinutes: 60 },
  {
    title: 'Family potluck',
    kind: 'event',
    repeat: 'monthly',
    weekOfMonth: 'last',
    weekday: 5,
    start: '18:00',
    durationMinutes: 120,
  },
  {
    title: 'Staff meeting',
    kind: 'event',
    weekday: 1,
    start: '09:00',
    durationMinutes: 60,
    visibility: 'staff',
  },
].map((e) => ({
  repeat: 'weekly',
  visibility: 'public',
  description: 'Free, and free of alcohol and drugs. All are welcome.',
  ...e,
}));

const names = [
  'Sunny',
  'River J.',
  'Mo',
  'Kestrel',
  'Dee B.',
  'Ash',
  'Lupe',
  'T.J.',
  'Wren',
  'Sam R.',
];
const pathwayChoices: Pathway[] = ['twelve_step', 'smart', 'medication', 'faith_based', 'natural'];
const followUps: EncounterType[] = [
  'follow_up_engagement',
  'care_coordination',
  'group_session',
  'phone_text_outreach',
];
const DAY = 86_400_000;

/** Creates the demo center and its members; returns what it made. */
export async function seedDemoCenter(
  deps: DeskDeps,
  seed = 1,
): Promise<{ slug: string; members: number }> {
  const random = createRandom(seed).fork('center');
  const { center, adminId } = await createCenter(deps, {
    slug: DEMO_CENTER.slug,
    name: DEMO_CENTER.name,
    adminEmail: DEMO_CENTER.adminEmail,
    timeZone: DEMO_CENTER.timeZone,
  });
  const { personId: coachId } = await putStaffByEmail(deps, center, {
    email: DEMO_CENTER.coachEmail,
    role: 'coach',
  });
  const admin: CenterAccess = { center, personId: adminId, role: 'admin' };
  const coach: CenterAccess = { center, personId: coachId, role: 'coach' };
  const now = deps.clock.now().getTime();
  for (const chosenName of names) {
    const full = random.chance(0.6);
    const startedDaysAgo = random.int(20, 200);
    // The member joined the day of their first visit, so intake dates and follow-ups line up.
    const joined = { ...deps, clock: { now: () => new Date(now - startedDaysAgo * DAY) } };
    const member = await registerMember(joined, admin, {
      chosenName,
      engagement: full ? 'full' : 'brief',
      pathways: random.sample(pathwayChoices, random.int(1, 2)),
      ...(full ? { contact: { doNotContact: random.chance(0.3), preferredChannel: 'text' } } : {}),
    });
    for (let day = startedDaysAgo; day > 0; day -= random.int(3, 21)) {
      const at = new Date(now - day * DAY + random.int(0, 6) * 3_600_000).toISOString();
      await recordEncounter(deps, coach, member.id, {
        type: full && random.chance(0.5) ? random.pick(followUps) : 'brief_check_in',
        occurredAt: at,
        ...(full ? { durationMinutes: random.pick([15, 30, 45, 60]) } : {}),
      });
    }
    if (full) {
      // An intake BARC-10 and, for most, a later one showing some change.
      let base = random.int(24, 44);
      for (let day = startedDaysAgo - 1; day > 0; day -= random.int(60, 120)) {
        const answers = Array.from({ length: 10 }, () =>
          Math.max(1, Math.min(6, Math.round(base / 10 + random.gaussian(0, 0.8)))),
        );
        await recordAssessment(deps, coach, member.id, {
          instrument: 'barc-10',
          answers,
          takenAt: new Date(now - day * DAY).toISOString(),
        });
        base += random.int(0, 8);
      }
    }
  }
  await seedDemoCalendar(deps, admin);
  return { slug: center.slug, members: names.length };
}

/** The center's address and a few weekly and monthly events, from this week on. */
async function seedDemoCalendar(given: DeskDeps, admin: CenterAccess): Promise<void> {
  // A made-up street address is never sent to the operator's geocoder: the demo center is
  // placed offline, at its ZIP code's centre.
  const { addressGeocoder: _unasked, ...listing } = given.listing ?? {};
  const deps: DeskDeps = { ...given, listing };
  await setCenterPlace(deps, admin, {
    street: '100 Main Street',
    city: 'Greenfield',
    region: 'MA',
    postalCode: '01301',
  });
  const today = parseIsoDate(localDateIn(deps.clock.now().getTime(), admin.center.timeZone))!;
  for (const { weekday, ...event } of calendar) {
    const startsOn = isoDateText(today + ((weekday - weekdayOf(today) + 7) % 7));
    await createEvent(deps, admin, { ...event, startsOn });
  }
}

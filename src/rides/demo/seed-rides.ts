/**
 * The demo's ride program: Franklin County Recovery Center's volunteer drivers around
 * Greenfield, with evening and weekend hours that leave some of the week uncovered (what a
 * coordinator works on). Numbers are in the 555-01xx range, which is never assigned.
 */
import type { RideDeps } from '../deps.js';
import { enrolDriver } from '../drivers.js';
import type { RideProgram } from '../model.js';
import { createProgram } from '../programs.js';
import { parseWeeklyHours } from '../weekly-hours.js';

export const DEMO_RIDE_PROGRAM = 'franklin-rides';

const drivers = [
  {
    name: 'Dale',
    phone: '+14135550141',
    town: { latitude: 42.5261, longitude: -72.7883 },
    hours: 'Mon-Fri 17:00-22:00',
    wheelchair: false,
  },
  {
    name: 'Rosa',
    phone: '+14135550142',
    town: { latitude: 42.5876, longitude: -72.5995 },
    hours: 'Sat,Sun 08:00-21:00',
    wheelchair: true,
  },
  {
    name: 'Ken',
    phone: '+14135550143',
    town: { latitude: 42.6106, longitude: -72.6884 },
    hours: 'Tue,Thu 09:00-21:00; Fri 18:00-23:00',
    wheelchair: false,
  },
  {
    name: 'June',
    phone: '+14135550144',
    town: { latitude: 42.5973, longitude: -72.5009 },
    hours: 'Mon,Wed 06:00-12:00',
    wheelchair: false,
  },
] as const;

/** Makes the demo program at the given center, with four approved drivers. */
export async function seedDemoRides(
  deps: Pick<RideDeps, 'repos' | 'clock' | 'keyring'>,
  centerId: string,
): Promise<RideProgram> {
  const program = await createProgram(deps, {
    slug: DEMO_RIDE_PROGRAM,
    name: 'Franklin Rides',
    owner: { kind: 'center', centerId },
    timeZone: 'America/New_York',
    area: { latitude: 42.58, longitude: -72.62, radiusKm: 40 },
    rules: { peerEscort: true, backgroundCheckRequired: false, maxDaysAhead: 14, minHoursAhead: 2 },
  });
  const today = deps.clock.now().toISOString().slice(0, 10);
  for (const d of drivers) {
    const driver = await enrolDriver(deps, program, {
      contact: { channel: 'sms', phone: d.phone, name: d.name },
      home: d.town,
      radiusKm: 30,
      onCall: parseWeeklyHours(d.hours)!,
      seats: 3,
      wheelchair: d.wheelchair,
    });
    // Approved without a message: the demo's drivers have no phone to receive their link.
    await deps.repos.rides.updateDriver(
      {
        ...driver,
        status: 'approved',
        vetting: { licenceCheckedOn: today, insuranceCheckedOn: today, checkedBy: 'demo' },
      },
      deps.clock.now().toISOString(),
    );
  }
  return program;
}

/**
 * Offering a confirmed ride to the drivers who fit, smallest detour first (matching.ts), each
 * told through their page's link; when nobody fits, the ride is unmet at once and the rider is
 * told, rather than left waiting. Used again when a driver gives a ride back.
 */
import { randomUUID } from 'node:crypto';
import type { Meeting } from '../meetings/model.js';
import type { RideDeps } from './deps.js';
import { driverLink, driverSecrets } from './drivers.js';
import { matchDrivers } from './matching.js';
import type { RideProgram } from './model.js';
import type { StoredRide } from './ride-repository.js';
import { riderDetails, riderLink } from './rider-records.js';
import { driverMessage, riderMessage, whenText } from './ride-words.js';

/** What messages and pages say of a ride's meeting; a meeting since removed keeps its time. */
export interface RideMeeting {
  name: string;
  slug?: string;
  timeZone: string;
  town?: string;
}

/** The ride's program (which lives as long as its rides) and meeting. */
export async function rideContext(
  deps: Pick<RideDeps, 'repos'>,
  ride: StoredRide,
): Promise<{ program: RideProgram; meeting: RideMeeting }> {
  const program = await deps.repos.rides.programById(ride.programId);
  if (program === undefined) throw new Error(`ride ${ride.id} lost its program`);
  const [found] = await deps.repos.meetings.byIds([ride.meetingId]);
  return { program, meeting: rideMeeting(found, program) };
}

function rideMeeting(meeting: Meeting | undefined, program: RideProgram): RideMeeting {
  if (meeting === undefined) return { name: 'the meeting', timeZone: program.timeZone };
  const town = meeting.place.address.city;
  return {
    name: meeting.name,
    slug: meeting.slug,
    timeZone: meeting.timeZone,
    ...(town !== undefined ? { town } : {}),
  };
}

/** Offers an open ride; returns it as it now stands (open, or unmet when nobody fits). */
export async function offerRide(deps: RideDeps, ride: StoredRide): Promise<StoredRide> {
  const { program, meeting } = await rideContext(deps, ride);
  const now = deps.clock.now().toISOString();
  const drivers = await deps.repos.rides.driversOf(program.id, 'approved');
  const earlier = new Map(
    (await deps.repos.rides.offersOfRide(ride.id)).map((o) => [o.driverId, o]),
  );
  const matches =
    ride.pickupArea === undefined
      ? []
      : matchDrivers(
          drivers,
          {
            pickup: ride.pickupArea,
            meeting: ride.meetingPoint,
            start: Date.parse(ride.occurrenceStart),
            end: Date.parse(ride.occurrenceEnd),
            returnTrip: ride.returnTrip,
            wheelchair: ride.wheelchair,
            passengers: ride.passengers,
          },
          program.timeZone,
        ).filter((m) => earlier.get(m.driverId)?.state !== 'declined');
  const details = riderDetails(deps, ride);
  const locale = details?.locale ?? 'en';
  if (matches.length === 0) {
    await deps.repos.rides.updateRide(ride.id, { status: 'unmet', closedAt: now });
    if (details !== undefined)
      await deps.messenger.send(
        details.contact,
        riderMessage('unmet', locale, {
          program: program.name,
          meeting: meeting.name,
          when: whenText(ride.occurrenceStart, meeting.timeZone, locale),
          link: riderLink(deps, details.link, locale),
        }),
        `ride-unmet:${ride.id}:${now}`,
      );
    return { ...ride, status: 'unmet', closedAt: now };
  }
  const fresh = matches.filter((m) => !earlier.has(m.driverId));
  const rankBase = earlier.size;
  await deps.repos.rides.insertOffers(
    fresh.map((m, i) => ({
      id: randomUUID(),
      requestId: ride.id,
      driverId: m.driverId,
      rank: rankBase + i,
      detourKm: m.detourKm,
      state: 'offered' as const,
      createdAt: now,
    })),
  );
  for (const m of matches)
    if (earlier.has(m.driverId))
      await deps.repos.rides.answerOffers(ride.id, 'offered', now, { driverId: m.driverId });
  for (const m of matches) {
    const driver = drivers.find((d) => d.id === m.driverId)!;
    const secrets = driverSecrets(deps, driver);
    if (secrets.link === undefined) continue;
    await deps.messenger.send(
      secrets.contact,
      driverMessage('offered', {
        program: program.name,
        meeting: meeting.name,
        when: whenText(ride.occurrenceStart, meeting.timeZone, 'en'),
        link: driverLink(deps, secrets),
        detourKm: m.detourKm,
      }),
      `ride-offer:${ride.id}:${m.driverId}:${now}`,
    );
  }
  return ride;
}

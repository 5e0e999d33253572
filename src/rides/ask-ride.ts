/**
 * A rider asks for a ride to one occurrence of a meeting, without an account, and confirms it
 * with the six-digit code sent to the contact they gave; then the ride is offered to the
 * drivers who fit (decision 0116). Until a driver accepts, only the pickup rounded to about
 * 1 km is in the clear; the exact pickup and the contact are sealed.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken, sameSecret } from '../accounts/tokens.js';
import type { Meeting } from '../meetings/model.js';
import { isValidCoordinate } from '../meetings/time-zone.js';
import { PorchlightError } from '../platform/errors.js';
import { indexedOccurrencesBetween } from '../search/occurrences.js';
import type { RideDeps } from './deps.js';
import { kmBetween, roundToKm } from './detour.js';
import type { Contact, Point, RideProgram, RiderDetails } from './model.js';
import { offerRide } from './offer-ride.js';
import type { StoredRide } from './ride-repository.js';
import { riderMessage, whenText, type RideLocale } from './ride-words.js';
import { rideByLink, riderLink } from './rider-records.js';
import { newConfirmCode, newRecordKey, sealRiderDetails } from './sealed.js';

/** Wrong codes allowed before the request must be made again. */
export const MAX_CODE_ATTEMPTS = 5;

export interface RideAsk {
  meetingSlug: string;
  /** The occurrence's start, ISO 8601. */
  occurrenceStart: string;
  pickup: Point & { text?: string };
  contact: Contact;
  returnTrip: boolean;
  wheelchair: boolean;
  passengers: number;
  note?: string;
  locale: RideLocale;
}

/** Where a meeting is, when a ride can go there (in person or hybrid, with a place). */
export function meetingPoint(meeting: Meeting): Point | undefined {
  const { latitude, longitude } = meeting.place;
  if (meeting.attendance === 'online' || latitude === undefined || longitude === undefined)
    return undefined;
  return { latitude, longitude };
}

/** The program that serves a meeting (and a pickup, when given): the nearest whose area covers it. */
export function programFor(
  programs: readonly RideProgram[],
  meeting: Point,
  pickup?: Point,
): RideProgram | undefined {
  return programs
    .filter(
      (p) =>
        kmBetween(p.area, meeting) <= p.area.radiusKm &&
        (pickup === undefined || kmBetween(p.area, pickup) <= p.area.radiusKm),
    )
    .sort((a, b) => kmBetween(a.area, meeting) - kmBetween(b.area, meeting))[0];
}

/**
 * Stores the request (unconfirmed) and sends the code with the link to the ride's page.
 * Returns the ride and the link secret (the page the rider is sent to next).
 */
export async function askRide(
  deps: RideDeps,
  ask: RideAsk,
): Promise<{ ride: StoredRide; link: string }> {
  const invalid = (reason: string) => new PorchlightError('PL_RIDE_INVALID', { reason });
  const meeting = await deps.repos.meetings.findBySlug(ask.meetingSlug);
  if (meeting === undefined)
    throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug: ask.meetingSlug });
  const point = meetingPoint(meeting);
  if (point === undefined) throw new PorchlightError('PL_RIDE_NOT_OFFERED');
  if (!isValidCoordinate(ask.pickup.latitude, ask.pickup.longitude))
    throw invalid('the pickup place was not found');
  if (!Number.isInteger(ask.passengers) || ask.passengers < 1 || ask.passengers > 4)
    throw invalid('1 to 4 people may ride');
  const start = Date.parse(ask.occurrenceStart);
  const occurrence = Number.isFinite(start)
    ? indexedOccurrencesBetween(meeting.schedule, meeting.timeZone, start - 1, start + 1).find(
        (o) => o.start === start,
      )
    : undefined;
  if (occurrence === undefined) throw invalid('the meeting does not meet at that time');
  const program = programFor(await deps.repos.rides.programs(), point, ask.pickup);
  if (program === undefined) throw new PorchlightError('PL_RIDE_NOT_OFFERED');
  const now = deps.clock.now().getTime();
  const { minHoursAhead, maxDaysAhead } = program.rules;
  if (start < now + minHoursAhead * 3_600_000 || start > now + maxDaysAhead * 86_400_000)
    throw new PorchlightError('PL_RIDE_TOO_SOON', {
      minHours: String(minHoursAhead),
      maxDays: String(maxDaysAhead),
    });

  const id = randomUUID();
  const link = newToken();
  const code = newConfirmCode();
  const key = newRecordKey(deps.keyring(), 'ride', id);
  const details: RiderDetails = {
    contact: ask.contact,
    pickup: ask.pickup,
    ...(ask.note !== undefined && ask.note.trim() !== ''
      ? { note: ask.note.trim().slice(0, 500) }
      : {}),
    locale: ask.locale,
    link,
  };
  const ride: StoredRide = {
    id,
    programId: program.id,
    meetingId: meeting.id,
    occurrenceStart: new Date(occurrence.start).toISOString(),
    occurrenceEnd: new Date(occurrence.end).toISOString(),
    pickupArea: roundToKm(ask.pickup),
    meetingPoint: point,
    returnTrip: ask.returnTrip,
    wheelchair: ask.wheelchair,
    passengers: ask.passengers,
    status: 'unconfirmed',
    createdAt: new Date(now).toISOString(),
    sealedDetails: sealRiderDetails(key.dataKey, id, details),
    wrappedKey: key.wrappedKey,
    keyId: key.keyId,
    linkHash: hashToken(link),
    codeHash: hashToken(code),
    codeAttempts: 0,
  };
  await deps.repos.rides.insertRide(ride);
  await deps.messenger.send(
    ask.contact,
    riderMessage(
      'code',
      ask.locale,
      {
        program: program.name,
        meeting: meeting.name,
        when: whenText(ride.occurrenceStart, meeting.timeZone, ask.locale),
        link: riderLink(deps, link, ask.locale),
      },
      code,
    ),
    `ride-code:${id}`,
  );
  return { ride, link };
}

/**
 * Confirms a ride with the code sent to the rider, then offers it. A ride already confirmed
 * stays as it is; five wrong codes end the request.
 */
export async function confirmRide(deps: RideDeps, link: string, code: string): Promise<StoredRide> {
  const ride = await rideByLink(deps, link);
  if (ride.status !== 'unconfirmed') return ride;
  if (ride.codeHash === undefined || ride.codeAttempts >= MAX_CODE_ATTEMPTS)
    throw new PorchlightError('PL_RIDE_CODE_EXHAUSTED');
  if (!sameSecret(hashToken(code.replace(/\s+/g, '')), ride.codeHash)) {
    const attempts = ride.codeAttempts + 1;
    await deps.repos.rides.updateRide(ride.id, {
      codeAttempts: attempts,
      ...(attempts >= MAX_CODE_ATTEMPTS
        ? { status: 'cancelled', closedAt: deps.clock.now().toISOString(), clearCode: true }
        : {}),
    });
    throw new PorchlightError(
      attempts >= MAX_CODE_ATTEMPTS ? 'PL_RIDE_CODE_EXHAUSTED' : 'PL_RIDE_CODE_WRONG',
    );
  }
  const confirmedAt = deps.clock.now().toISOString();
  await deps.repos.rides.updateRide(ride.id, { status: 'open', confirmedAt, clearCode: true });
  return offerRide(deps, { ...ride, status: 'open', confirmedAt });
}

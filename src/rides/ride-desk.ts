/**
 * The ride use cases bound to their ports: what the pages and the API are handed. Coordinators
 * are known by the site's session (the actor); riders and drivers by the secret in their link.
 */
import type { Actor } from '../accounts/model.js';
import { askRide, confirmRide, type RideAsk } from './ask-ride.js';
import {
  acceptRide,
  cancelByRider,
  declineRide,
  giveRideBack,
  recordNoShow,
  type CancelReason,
} from './answer-ride.js';
import type { RideDeps } from './deps.js';
import { driverView } from './driver-view.js';
import {
  approveDriver,
  driversWithContacts,
  enrolDriver,
  setDriverStatus,
  type DriverInput,
  type VettingInput,
} from './drivers.js';
import { openProgram, programsOf } from './programs.js';
import { rideByLink } from './rider-records.js';
import { askableOccurrences, ridesOffered } from './rides-offered.js';
import { rideContext } from './offer-ride.js';
import { tripLog } from './trip-log.js';
import { uncoveredHours } from './weekly-hours.js';
import type { Meeting } from '../meetings/model.js';
import { PorchlightError } from '../platform/errors.js';

export function createRideDesk(deps: RideDeps) {
  return {
    meeting: async (slug: string) => {
      const meeting = await deps.repos.meetings.findBySlug(slug);
      if (meeting === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug });
      return meeting;
    },
    offered: (meeting: Meeting) => ridesOffered(deps, meeting),
    askable: async (meeting: Meeting) => {
      const program = await ridesOffered(deps, meeting);
      return program === undefined
        ? undefined
        : { program, occurrences: askableOccurrences(deps, program, meeting) };
    },
    ask: (ask: RideAsk) => askRide(deps, ask),
    confirm: (link: string, code: string) => confirmRide(deps, link, code),
    riderRide: async (link: string) => {
      const ride = await rideByLink(deps, link);
      return { ride, ...(await rideContext(deps, ride)) };
    },
    cancelByRider: (link: string, reason: CancelReason) => cancelByRider(deps, link, reason),
    driverView: (link: string) => driverView(deps, link),
    accept: (link: string, rideId: string) => acceptRide(deps, link, rideId),
    decline: (link: string, rideId: string) => declineRide(deps, link, rideId),
    giveBack: (link: string, rideId: string, reason: CancelReason) =>
      giveRideBack(deps, link, rideId, reason),
    noShow: (link: string, rideId: string) => recordNoShow(deps, link, rideId),
    programs: (actor: Actor) => programsOf(deps, actor),
    program: (actor: Actor | undefined, slug: string) => openProgram(deps, actor, slug),
    coordinatorView: async (actor: Actor | undefined, slug: string) => {
      const program = await openProgram(deps, actor, slug);
      const drivers = await driversWithContacts(deps, program);
      const uncovered = uncoveredHours(
        drivers.filter((d) => d.status === 'approved').flatMap((d) => d.onCall),
      );
      return { program, drivers, uncovered };
    },
    enrol: async (actor: Actor | undefined, slug: string, input: DriverInput) =>
      enrolDriver(deps, await openProgram(deps, actor, slug), input),
    approve: async (actor: Actor | undefined, slug: string, id: string, vetting: VettingInput) =>
      approveDriver(deps, await openProgram(deps, actor, slug), id, vetting, actor!.personId),
    setStatus: async (
      actor: Actor | undefined,
      slug: string,
      id: string,
      status: 'paused' | 'approved',
    ) => setDriverStatus(deps, await openProgram(deps, actor, slug), id, status),
    tripLog: async (actor: Actor | undefined, slug: string, from: string, to: string) =>
      tripLog(deps, await openProgram(deps, actor, slug), from, to),
  };
}

export type RideDesk = ReturnType<typeof createRideDesk>;

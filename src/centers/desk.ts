/**
 * The desk's services bound to their ports: what routes and the command line are handed (they
 * never see storage). Each method is one use case of its own module.
 */
import { authenticateBearer } from '../accounts/api-tokens.js';
import { openCenter, requirePermission, type DeskCaller } from './access.js';
import { recordAssessment, type AssessmentInput } from './assessments/assessments.js';
import type { DeskDeps } from './deps.js';
import { recordCheckIn, recordEncounter, type EncounterInput } from './encounters/encounters.js';
import { eraseMember, exportMember } from './members/export-erase.js';
import type { MemberInput } from './members/member-input.js';
import { findMembers, readMember, registerMember } from './members/members.js';
import type { CenterAccess, DeskAction } from './model.js';
import { parseDay, parsePeriod } from './reports/period.js';
import { summarise } from './reports/summary.js';
import { suprtCsv, suprtRows } from './reports/suprt.js';
import { memberTimeline } from './timeline.js';
import { checkInsBetween } from './front-desk.js';
import { updateMember } from './members/update-member.js';
import { readMemberRecord } from './member-record.js';
import {
  createShift,
  signUpForShift,
  upcomingShifts,
  withdrawFromShift,
  type ShiftInput,
} from './shifts/shifts.js';
import { addGoal, completeGoal, memberPlan, type GoalInput } from './plans/plans.js';
import { listCenterTokens, revokeCenterToken } from './staff-tokens.js';
import {
  createEvent,
  deleteEvent,
  eventOf,
  publicCalendar,
  setCenterPlace,
  staffCalendar,
  updateEvent,
  type EventInput,
} from './events/events.js';
import type { CenterAddressField } from './model.js';
import { dayBounds } from './reports/period.js';

/** The desk's use cases, ready to call. */
export function createCenterDesk(deps: DeskDeps) {
  return {
    /** The caller behind an `Authorization` header (an API token). */
    caller: async (authorization: string | undefined): Promise<DeskCaller> => {
      const holder = await authenticateBearer(deps, authorization);
      return {
        personId: holder.personId,
        ...(holder.centerId !== undefined ? { centerId: holder.centerId } : {}),
      };
    },
    open: (caller: DeskCaller, slug: string) => openCenter(deps, caller, slug),
    /** PL_FORBIDDEN unless the role allows the action (before any member is looked up). */
    requirePermission: (access: CenterAccess, action: DeskAction) =>
      requirePermission(access, action),
    /** The centers a signed-in person is staff of, with their role. */
    centersOf: (personId: string) => deps.repos.centers.centersOf(personId),
    updateMember: (access: CenterAccess, id: string, input: MemberInput) =>
      updateMember(deps, access, id, input),
    /** Today's check-ins at the front desk. */
    checkInsToday: (access: CenterAccess) => {
      const { start, end } = dayBounds(deps.clock.now(), access.center.timeZone);
      return checkInsBetween(deps, access, start, end);
    },
    plan: (access: CenterAccess, memberId: string) => memberPlan(deps, access, memberId),
    /** Profile, timeline and plan together, logged in one write (the member page). */
    memberRecord: (access: CenterAccess, memberId: string) =>
      readMemberRecord(deps, access, memberId),
    addGoal: (access: CenterAccess, memberId: string, input: GoalInput) =>
      addGoal(deps, access, memberId, input),
    /** Marks a goal completed, or one of its steps done. */
    completeGoal: (access: CenterAccess, memberId: string, goalId: string, step?: number) =>
      completeGoal(deps, access, memberId, goalId, step),
    shifts: (access: CenterAccess) => upcomingShifts(deps, access),
    createShift: (access: CenterAccess, input: ShiftInput) => createShift(deps, access, input),
    signUpForShift: (access: CenterAccess, shiftId: string, locale?: string) =>
      signUpForShift(deps, access, shiftId, locale),
    withdrawFromShift: (access: CenterAccess, shiftId: string) =>
      withdrawFromShift(deps, access, shiftId),
    /** The next four weeks of the calendar, and its series (every visibility). */
    calendar: (access: CenterAccess) => staffCalendar(deps, access),
    event: (access: CenterAccess, id: string) => eventOf(deps, access, id),
    createEvent: (access: CenterAccess, input: EventInput) => createEvent(deps, access, input),
    updateEvent: (access: CenterAccess, id: string, input: EventInput) =>
      updateEvent(deps, access, id, input),
    deleteEvent: (access: CenterAccess, id: string) => deleteEvent(deps, access, id),
    /** A center's public calendar, for anyone; PL_CENTER_NOT_FOUND when it has none. */
    publicCalendar: (slug: string) => publicCalendar(deps, slug),
    setPlace: (access: CenterAccess, place: Partial<Record<CenterAddressField, string>>) =>
      setCenterPlace(deps, access, place),
    tokens: (access: CenterAccess) => listCenterTokens(deps, access),
    revokeToken: (access: CenterAccess, tokenId: string) =>
      revokeCenterToken(deps, access, tokenId),
    registerMember: (access: CenterAccess, input: MemberInput) =>
      registerMember(deps, access, input),
    readMember: (access: CenterAccess, id: string) => readMember(deps, access, id),
    findMembers: (access: CenterAccess, query: string, limit?: number) =>
      findMembers(deps, access, query, limit),
    recordEncounter: (access: CenterAccess, memberId: string, input: EncounterInput) =>
      recordEncounter(deps, access, memberId, input),
    recordCheckIn: (access: CenterAccess, memberId: string) =>
      recordCheckIn(deps, access, memberId),
    recordAssessment: (access: CenterAccess, memberId: string, input: AssessmentInput) =>
      recordAssessment(deps, access, memberId, input),
    timeline: (access: CenterAccess, memberId: string) => memberTimeline(deps, access, memberId),
    exportMember: (access: CenterAccess, memberId: string) => exportMember(deps, access, memberId),
    eraseMember: (access: CenterAccess, memberId: string) => eraseMember(deps, access, memberId),
    summary: (access: CenterAccess, from: string, to: string) =>
      summarise(deps, access, parsePeriod(from, to, access.center.timeZone)),
    suprtCsv: async (access: CenterAccess, on?: string) =>
      suprtCsv(
        await suprtRows(deps, access, parseDay(on, deps.clock.now(), 'on', access.center.timeZone)),
      ),
  };
}

export type CenterDesk = ReturnType<typeof createCenterDesk>;

/**
 * Recovery plans: a coach and a member set goals in a life domain, with small steps, and mark
 * steps and goals done. The goal's words and steps are sealed under the member's key; every read
 * and write is in the access log like the rest of the record.
 */
import { randomUUID } from 'node:crypto';
import { openJson, sealJson } from '../../platform/crypto/envelope.js';
import { PorchlightError } from '../../platform/errors.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import { checkFutureOrPastDate } from './plan-dates.js';
import { memberKey } from '../members/members.js';
import { sealContext } from '../members/member-key.js';
import type { CenterAccess } from '../model.js';
import type { StoredGoal } from './plan-repository.js';
import {
  planDomains,
  planOrder,
  type GoalContent,
  type PlanDomain,
  type PlanGoal,
} from './model.js';

export interface GoalInput {
  domain: string;
  title: string;
  dueDate?: string;
  /** The steps' words, in order; blank ones are dropped. */
  steps?: string[];
}

const MAX_STEPS = 20;

/** Adds a goal to a member's plan. */
export async function addGoal(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  input: GoalInput,
): Promise<PlanGoal> {
  requirePermission(access, 'member.write');
  if (!(planDomains as readonly string[]).includes(input.domain))
    throw new PorchlightError('PL_INVALID_GOAL', 'domain is not a plan domain.', {
      field: 'domain',
    });
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title === '' || title.length > 500)
    throw new PorchlightError('PL_INVALID_GOAL', 'title must have 1-500 characters.', {
      field: 'title',
    });
  const steps = (input.steps ?? []).map((s) => s.trim()).filter((s) => s !== '');
  if (steps.length > MAX_STEPS || steps.some((s) => s.length > 500))
    throw new PorchlightError(
      'PL_INVALID_GOAL',
      `steps: at most ${MAX_STEPS}, 500 characters each.`,
      {
        field: 'steps',
      },
    );
  const dueDate =
    input.dueDate === undefined || input.dueDate.trim() === ''
      ? undefined
      : checkFutureOrPastDate(input.dueDate.trim(), 'dueDate');
  const dataKey = await memberKey(deps, access, memberId);
  const now = deps.clock.now().toISOString();
  const id = randomUUID();
  const content: GoalContent = { title, steps: steps.map((text) => ({ text })) };
  const goal: PlanGoal = {
    id,
    memberId,
    domain: input.domain as PlanDomain,
    ...content,
    ...(dueDate !== undefined ? { dueDate } : {}),
    recordedBy: access.personId,
    createdAt: now,
    updatedAt: now,
  };
  await deps.repos.transaction(async (repos) => {
    await repos.centerPlans.insert({
      id,
      centerId: access.center.id,
      memberId,
      domain: goal.domain,
      content: sealJson(dataKey, content, sealContext('goal', id, 'content')),
      ...(dueDate !== undefined ? { dueDate } : {}),
      recordedBy: access.personId,
      createdAt: now,
      updatedAt: now,
    });
    await logMemberAccess({ repos, clock: deps.clock }, access, 'plan.create', [memberId]);
  });
  return goal;
}

/** A member's plan, open goals first; the read is logged. */
export async function memberPlan(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
): Promise<PlanGoal[]> {
  requirePermission(access, 'member.read');
  const goals = await planGoals(deps, access, memberId, await memberKey(deps, access, memberId));
  await logMemberAccess(deps, access, 'plan.read', [memberId]);
  return goals;
}

/** The plan opened with the member's data key; neither checked nor logged (callers do). */
export async function planGoals(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  dataKey: Buffer,
): Promise<PlanGoal[]> {
  const stored = await deps.repos.centerPlans.ofMember(access.center.id, memberId);
  return planOrder(stored.map((g) => openGoal(dataKey, g)));
}

/**
 * Marks a goal done (`step` undefined) or one of its steps done. Done stays done: a mistaken tap
 * is rare, and a plan that silently un-completes would undo what reports have counted.
 */
export async function completeGoal(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  goalId: string,
  step?: number,
): Promise<PlanGoal> {
  requirePermission(access, 'member.write');
  const dataKey = await memberKey(deps, access, memberId);
  const centerId = access.center.id;
  const stored = await deps.repos.centerPlans.byId(centerId, memberId, goalId);
  if (stored === undefined) throw new PorchlightError('PL_NOT_FOUND', undefined, { field: 'goal' });
  const goal = openGoal(dataKey, stored);
  const now = deps.clock.now().toISOString();
  if (step === undefined) goal.completedAt ??= now;
  else {
    const target = goal.steps[step];
    if (target === undefined)
      throw new PorchlightError('PL_INVALID_GOAL', 'step is not a step of this goal.', {
        field: 'step',
      });
    target.doneAt ??= now;
  }
  goal.updatedAt = now;
  await deps.repos.transaction(async (repos) => {
    await repos.centerPlans.update({
      id: goal.id,
      centerId,
      memberId,
      content: sealJson(
        dataKey,
        { title: goal.title, steps: goal.steps } satisfies GoalContent,
        sealContext('goal', goal.id, 'content'),
      ),
      ...(goal.completedAt !== undefined ? { completedAt: goal.completedAt } : {}),
      updatedAt: now,
    });
    await logMemberAccess({ repos, clock: deps.clock }, access, 'plan.update', [memberId]);
  });
  return goal;
}

function openGoal(dataKey: Buffer, g: StoredGoal): PlanGoal {
  const content = openJson<GoalContent>(dataKey, g.content, sealContext('goal', g.id, 'content'));
  return {
    id: g.id,
    memberId: g.memberId,
    domain: g.domain,
    title: content.title,
    steps: content.steps,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    ...(g.dueDate !== undefined ? { dueDate: g.dueDate } : {}),
    ...(g.completedAt !== undefined ? { completedAt: g.completedAt } : {}),
    ...(g.recordedBy !== undefined ? { recordedBy: g.recordedBy } : {}),
  };
}

/**
 * A member's recovery plan: goals in the life domains recovery coaching works across, each with
 * the small steps toward it. Completed goals (with follow-up engagements) are what predicts gains
 * in recovery capital, so the desk shows them first.
 */

export const planDomains = [
  'recovery_support',
  'housing',
  'employment_education',
  'health',
  'family_social',
  'legal',
] as const;
export type PlanDomain = (typeof planDomains)[number];

export interface PlanStep {
  text: string;
  /** When the step was marked done; absent while open. */
  doneAt?: string;
}

/** What is sealed under the member's key. */
export interface GoalContent {
  title: string;
  steps: PlanStep[];
}

export interface PlanGoal extends GoalContent {
  id: string;
  memberId: string;
  domain: PlanDomain;
  /** YYYY-MM-DD, when the member set one. */
  dueDate?: string;
  completedAt?: string;
  recordedBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** Goals in the order the desk shows them: open ones by due date, then the completed. */
export function planOrder(goals: readonly PlanGoal[]): PlanGoal[] {
  const key = (g: PlanGoal) =>
    `${g.completedAt === undefined ? '0' : '1'}|${g.dueDate ?? '9999-99-99'}|${g.createdAt}|${g.id}`;
  return [...goals].sort((a, b) => key(a).localeCompare(key(b)));
}

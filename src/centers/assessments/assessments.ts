/** Recording assessments; answers and total are sealed under the member's key. */
import { randomUUID } from 'node:crypto';
import { sealJson } from '../../platform/crypto/envelope.js';
import { PorchlightError } from '../../platform/errors.js';
import { logMemberAccess, requirePermission } from '../access.js';
import type { DeskDeps } from '../deps.js';
import type { CenterAccess } from '../model.js';
import { pastInstant } from '../moments.js';
import { memberKey } from '../members/members.js';
import { sealContext } from '../members/member-key.js';
import { barc10Total, isBarc10Answers } from './barc10.js';
import { instruments, type Assessment, type Instrument } from './model.js';

export interface AssessmentInput {
  instrument: string;
  answers: unknown[];
  takenAt?: string;
}

/** Records an assessment of a member of the caller's center; returns it with its total. */
export async function recordAssessment(
  deps: DeskDeps,
  access: CenterAccess,
  memberId: string,
  input: AssessmentInput,
): Promise<Assessment> {
  requirePermission(access, 'assessment.write');
  if (!(instruments as readonly string[]).includes(input.instrument))
    throw new PorchlightError('PL_UNKNOWN_INSTRUMENT', undefined, { field: 'instrument' });
  const instrument = input.instrument as Instrument;
  const answers = input.answers;
  if (!isBarc10Answers(answers)) {
    const bad = answers.findIndex(
      (a) => typeof a !== 'number' || !Number.isInteger(a) || a < 1 || a > 6,
    );
    throw new PorchlightError(
      'PL_INVALID_ANSWERS',
      bad >= 0
        ? `answers.${bad} must be a whole number from 1 to 6.`
        : `answers must hold 10 answers; it holds ${answers.length}.`,
      { field: bad >= 0 ? `answers.${bad}` : 'answers' },
    );
  }
  const now = deps.clock.now();
  const takenAt = pastInstant(input.takenAt, now, 'takenAt', 'PL_INVALID_ANSWERS');
  const dataKey = await memberKey(deps, access, memberId);
  const id = randomUUID();
  const total = barc10Total(answers);
  const assessment: Assessment = {
    id,
    memberId,
    instrument,
    takenAt,
    answers: [...answers],
    total,
    recordedBy: access.personId,
    createdAt: now.toISOString(),
  };
  await deps.repos.transaction(async (repos) => {
    await repos.centerAssessments.insert({
      id,
      centerId: access.center.id,
      memberId,
      instrument,
      takenAt,
      result: sealJson(dataKey, { answers, total }, sealContext('assessment', id, 'result')),
      recordedBy: access.personId,
      createdAt: assessment.createdAt,
    });
    await logMemberAccess({ repos, clock: deps.clock }, access, 'assessment.create', [memberId]);
  });
  return assessment;
}

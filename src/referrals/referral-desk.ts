/**
 * The referral use cases bound to their ports, with the desk's own way of knowing the caller
 * (an API token) and the center they act in: what the routes are handed.
 */
import { authenticateBearer } from '../accounts/api-tokens.js';
import { openCenter } from '../centers/access.js';
import type { DeskDeps } from '../centers/deps.js';
import type { CenterAccess } from '../centers/model.js';
import { referralBundle } from './fhir.js';
import { referralReport } from './referral-report.js';
import {
  answerReferralLink,
  createReferral,
  openReferralLink,
  readReferral,
  revokeConsent,
  type ReferralInput,
} from './referrals.js';

export function createReferralDesk(deps: DeskDeps, publicUrl: string) {
  return {
    access: async (authorization: string | undefined, slug: string): Promise<CenterAccess> => {
      const holder = await authenticateBearer(deps, authorization);
      return openCenter(
        deps,
        {
          personId: holder.personId,
          ...(holder.centerId !== undefined ? { centerId: holder.centerId } : {}),
        },
        slug,
      );
    },
    create: (access: CenterAccess, input: ReferralInput) => createReferral(deps, access, input),
    read: (access: CenterAccess, id: string) => readReferral(deps, access, id),
    revokeConsent: (access: CenterAccess, id: string) => revokeConsent(deps, access, id),
    fhir: async (access: CenterAccess, id: string) =>
      referralBundle(await readReferral(deps, access, id), access.center, publicUrl),
    report: (access: CenterAccess, from: string, to: string) =>
      referralReport(deps, access, from, to),
    openLink: (token: string) => openReferralLink(deps, token),
    answerLink: (token: string, answer: { status?: unknown; note?: unknown }) =>
      answerReferralLink(deps, token, answer),
  };
}

export type ReferralDesk = ReturnType<typeof createReferralDesk>;

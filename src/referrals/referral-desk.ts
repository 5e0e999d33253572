/**
 * The referral use cases bound to their ports, with the desk's own way of knowing the caller
 * (an API token) and the center they act in: what the routes are handed.
 */
import { authenticateBearer } from '../accounts/api-tokens.js';
import { openCenter } from '../centers/access.js';
import type { DeskDeps } from '../centers/deps.js';
import type { CenterAccess } from '../centers/model.js';
import { PorchlightError } from '../platform/errors.js';
import { referralBundle } from './fhir.js';
import { referralReport } from './referral-report.js';
import {
  answerReferralLink,
  consentEventHappened,
  createReferral,
  linkOfReferral,
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
    /** A service of the directory with the name of the organization offering it. */
    service: async (id: string) => {
      const found = await deps.repos.resources.serviceById(id);
      if (found === undefined)
        throw new PorchlightError('PL_RESOURCE_NOT_FOUND', undefined, { field: 'serviceId' });
      return { service: found.service, organization: found.organization?.name ?? '' };
    },
    read: (access: CenterAccess, id: string) => readReferral(deps, access, id),
    revokeConsent: (access: CenterAccess, id: string) => revokeConsent(deps, access, id),
    consentEventHappened: (access: CenterAccess, id: string) =>
      consentEventHappened(deps, access, id),
    fhir: async (access: CenterAccess, id: string) =>
      referralBundle(await readReferral(deps, access, id), access.center, publicUrl),
    report: (access: CenterAccess, from: string, to: string) =>
      referralReport(deps, access, from, to),
    /** The link of a referral, as it was handed out when it was made (same secret, same expiry). */
    linkOf: (access: CenterAccess, id: string) => linkOfReferral(deps, access, id),
    openLink: (token: string) => openReferralLink(deps, token),
    answerLink: (token: string, answer: { status?: unknown; note?: unknown }) =>
      answerReferralLink(deps, token, answer),
  };
}

export type ReferralDesk = ReturnType<typeof createReferralDesk>;

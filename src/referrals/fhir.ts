/**
 * A referral as FHIR R4 for partners whose systems speak it: a `collection` Bundle of a
 * ServiceRequest (what is asked, for whom, of whom, why) and the Task that tracks it, its
 * status the referral's own (the SDOH Clinical Care guide's Task codes). Nothing the consent
 * does not share leaves: the patient is named only when the consent shares the name, and a
 * revoked consent exports nothing (the caller refuses first).
 */
import type { Center } from '../centers/model.js';
import { PorchlightError } from '../platform/errors.js';
import { needByCode } from '../resources/needs.js';
import type { ReferralView } from './referrals.js';

const needSystem = 'https://openeligibility.org/taxonomy';

function serviceRequestStatus(view: ReferralView): string {
  if (view.consentState !== 'active') return 'revoked';
  if (view.status === 'completed') return 'completed';
  if (view.status === 'entered-in-error') return 'entered-in-error';
  if (['rejected', 'cancelled', 'failed'].includes(view.status)) return 'revoked';
  if (view.status === 'on-hold') return 'on-hold';
  return 'active';
}

export function referralBundle(view: ReferralView, center: Center, publicUrl: string) {
  if (view.consentState === 'revoked') throw new PorchlightError('PL_CONSENT_REVOKED');
  if (view.consentState === 'expired') throw new PorchlightError('PL_CONSENT_EXPIRED');
  const base = `${publicUrl.replace(/\/$/, '')}/fhir`;
  const patient = {
    reference: `Patient/${view.memberId}`,
    ...(view.shared.name !== undefined ? { display: view.shared.name } : {}),
  };
  const need = view.need === undefined ? undefined : needByCode(view.need);
  const serviceRequest = {
    resourceType: 'ServiceRequest',
    id: view.id,
    status: serviceRequestStatus(view),
    intent: 'order',
    ...(need !== undefined
      ? {
          code: {
            coding: [{ system: needSystem, code: need.code, display: need.name }],
            text: need.name,
          },
        }
      : {}),
    subject: patient,
    authoredOn: view.createdAt,
    requester: { display: center.name },
    performer: [
      { reference: `HealthcareService/${view.serviceId}`, display: view.consent.recipient },
    ],
    ...(view.shared.reason !== undefined ? { note: [{ text: view.shared.reason }] } : {}),
  };
  const task = {
    resourceType: 'Task',
    id: view.id,
    status: view.status,
    intent: 'order',
    focus: { reference: `ServiceRequest/${view.id}` },
    for: patient,
    authoredOn: view.createdAt,
    lastModified: view.updatedAt,
    requester: { display: center.name },
    owner: { display: view.consent.recipient },
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: view.updatedAt,
    entry: [
      { fullUrl: `${base}/ServiceRequest/${view.id}`, resource: serviceRequest },
      { fullUrl: `${base}/Task/${view.id}`, resource: task },
    ],
  };
}

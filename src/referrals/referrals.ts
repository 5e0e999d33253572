/**
 * The referral use cases: a coach refers a member to a service under a consent; the receiving
 * organization opens its signed link and answers; the coach sees every change, revokes the
 * consent, or exports the referral as FHIR. Whatever a referral says about the member is sealed
 * under the member's data key; every read of it by staff is logged like a member read.
 */
import { randomUUID } from 'node:crypto';
import { openJson, sealJson } from '../platform/crypto/envelope.js';
import { PorchlightError } from '../platform/errors.js';
import { logMemberAccess, requirePermission } from '../centers/access.js';
import type { DeskDeps } from '../centers/deps.js';
import { openMember } from '../centers/members/members.js';
import { openMemberKey, sealContext } from '../centers/members/member-key.js';
import type { CenterAccess } from '../centers/model.js';
import { isNeedCode } from '../resources/needs.js';
import type { Service } from '../resources/model.js';
import {
  legacyLinkKey,
  linkExpiry,
  linkSignedWith,
  linkWithSecret,
  newLinkSecret,
  readReferralLink,
  signReferralLink,
  type LinkSecret,
} from './link-token.js';
import {
  finalStatuses,
  readConsent,
  recipientMayMove,
  recipientStatuses,
  type Consent,
  type RecipientStatus,
  type Referral,
  type ReferralEvent,
  type SharedWithRecipient,
} from './model.js';
import type { StoredReferral } from './referral-repository.js';

export interface ReferralInput {
  memberId?: unknown;
  serviceId?: unknown;
  need?: unknown;
  /** Why the member is referred, in the coach's words (shared only if the consent allows). */
  reason?: unknown;
  consent?: unknown;
  /** The language the coach works in (`en`, `es`): reminders about the referral use it. */
  locale?: unknown;
}

export interface ReferralView extends Referral {
  serviceName: string;
  consent: Consent;
  shared: SharedWithRecipient;
  events: ReferralEvent[];
}

/** What the receiving organization sees through its link. */
export interface RecipientView {
  id: string;
  status: Referral['status'];
  center: string;
  service: string;
  need?: string;
  member: SharedWithRecipient;
  consent: Pick<Consent, 'purpose' | 'expiry' | 'redisclosureNotice' | 'recipient' | 'discloser'>;
  createdAt: string;
  updatedAt: string;
}

function text(value: unknown, field: string, max = 2000): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max) {
    throw new PorchlightError(
      'PL_INVALID_BODY',
      `${field} must be text of at most ${max} characters.`,
      { field },
    );
  }
  return value.trim() === '' ? undefined : value.trim();
}

function memberKey(deps: DeskDeps, centerId: string, memberId: string) {
  return deps.repos.centerMembers
    .keyOf(centerId, memberId)
    .then((stored) => openMemberKey(deps.keyring(), stored));
}

/** The service a referral names, read alone by its id (never the directory around it). */
async function serviceOf(deps: DeskDeps, serviceId: string): Promise<Service> {
  const found = await deps.repos.resources.serviceById(serviceId);
  if (found === undefined)
    throw new PorchlightError('PL_RESOURCE_NOT_FOUND', undefined, { field: 'serviceId' });
  return found.service;
}

/** Records a referral (status `requested`) and the link for the receiving organization. */
export async function createReferral(
  deps: DeskDeps,
  access: CenterAccess,
  input: ReferralInput,
): Promise<{ referral: ReferralView; link: string }> {
  requirePermission(access, 'member.write');
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const memberId = text(input.memberId, 'memberId', 100);
  if (memberId === undefined)
    throw new PorchlightError('PL_INVALID_BODY', 'memberId is required.', { field: 'memberId' });
  const serviceId = text(input.serviceId, 'serviceId', 100);
  if (serviceId === undefined)
    throw new PorchlightError('PL_INVALID_BODY', 'serviceId is required.', { field: 'serviceId' });
  const need = text(input.need, 'need', 200);
  if (need !== undefined && !isNeedCode(need)) {
    throw new PorchlightError('PL_INVALID_BODY', `"${need.slice(0, 40)}" is not a need code.`, {
      field: 'need',
    });
  }
  const reason = text(input.reason, 'reason');
  const consent = readConsent(input.consent, today);
  const member = await openMember(deps, access, memberId);
  const service = await serviceOf(deps, serviceId);

  // Only what the consent allows; never a way to reach a member who asked not to be contacted.
  const reachable = member.contact?.doNotContact !== true;
  const allows = (item: string) => consent.information.shares.includes(item as never);
  const shared: SharedWithRecipient = {
    ...(allows('name') ? { name: consent.memberName } : {}),
    ...(allows('phone') && reachable && member.contact?.phone
      ? { phone: member.contact.phone }
      : {}),
    ...(allows('email') && reachable && member.contact?.email
      ? { email: member.contact.email }
      : {}),
    ...(allows('reason') && reason !== undefined ? { reason } : {}),
  };
  const id = randomUUID();
  const at = now.toISOString();
  const key = await memberKey(deps, access.center.id, memberId);
  const linkSecret = newLinkSecret();
  const referral: StoredReferral = {
    id,
    centerId: access.center.id,
    memberId,
    serviceId,
    ...(need !== undefined ? { need } : {}),
    status: 'requested',
    consentState: 'active',
    ...(consent.expiry.date !== undefined ? { consentExpiresOn: consent.expiry.date } : {}),
    createdBy: access.personId,
    createdAt: at,
    updatedAt: at,
    sealedConsent: sealJson(key, consent, sealContext('referral', id, 'consent')),
    sealedShared: sealJson(key, shared, sealContext('referral', id, 'shared')),
    sealedLinkSecret: sealJson(key, linkSecret, sealContext('referral', id, 'link')),
    ...(input.locale === 'es' || input.locale === 'en' ? { locale: input.locale } : {}),
  };
  await deps.repos.transaction(async (repos) => {
    await repos.referrals.insert(referral);
    await repos.referrals.addEvent({
      id: randomUUID(),
      referralId: id,
      at,
      actor: 'staff',
      actorId: access.personId,
      status: 'requested',
    });
  });
  await logMemberAccess(deps, access, 'referral.create', [memberId]);
  return {
    referral: await viewOf(deps, referral, service.name),
    link: linkWithSecret(linkSecret, id, at),
  };
}

/** A referral's link secret: its own, or the legacy key links were signed with before. */
async function linkSecretOf(
  deps: DeskDeps,
  stored: Pick<StoredReferral, 'id' | 'centerId' | 'memberId' | 'sealedLinkSecret'>,
): Promise<LinkSecret | Buffer> {
  if (stored.sealedLinkSecret === undefined) return legacyLinkKey(deps.keyring());
  const key = await memberKey(deps, stored.centerId, stored.memberId);
  return openJson<LinkSecret>(
    key,
    stored.sealedLinkSecret,
    sealContext('referral', stored.id, 'link'),
  );
}

/**
 * The link of one of the center's referrals, for the coach to send again: as it was handed out
 * when it was made (same secret, same expiry).
 */
export async function linkOfReferral(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
): Promise<string> {
  requirePermission(access, 'member.read');
  const stored = await ofCenter(deps, access, id);
  const secret = await linkSecretOf(deps, stored);
  return Buffer.isBuffer(secret)
    ? signReferralLink(secret, stored.id, linkExpiry(stored.createdAt))
    : linkWithSecret(secret, stored.id, stored.createdAt);
}

async function viewOf(
  deps: DeskDeps,
  stored: StoredReferral,
  serviceName?: string,
): Promise<ReferralView> {
  const key = await memberKey(deps, stored.centerId, stored.memberId);
  const events = await deps.repos.referrals.events(stored.id);
  const {
    sealedConsent,
    sealedShared,
    sealedLinkSecret: _secret,
    locale: _locale,
    ...referral
  } = stored;
  return {
    ...referral,
    serviceName:
      serviceName ??
      (await serviceOf(deps, stored.serviceId).then(
        (s) => s.name,
        () => '(no longer listed)',
      )),
    consent: openJson<Consent>(key, sealedConsent, sealContext('referral', stored.id, 'consent')),
    shared: openJson<SharedWithRecipient>(
      key,
      sealedShared,
      sealContext('referral', stored.id, 'shared'),
    ),
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      ...(e.actorId !== undefined ? { actorId: e.actorId } : {}),
      status: e.status,
      ...(e.sealedNote !== undefined
        ? { note: openJson<string>(key, e.sealedNote, sealContext('referral-event', e.id, 'note')) }
        : {}),
    })),
  };
}

async function ofCenter(deps: DeskDeps, access: CenterAccess, id: string): Promise<StoredReferral> {
  const stored = await deps.repos.referrals.byId(id, access.center.id);
  if (stored === undefined) throw new PorchlightError('PL_REFERRAL_NOT_FOUND');
  return stored;
}

/** A referral with its consent and every change, for the coach. */
export async function readReferral(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
): Promise<ReferralView> {
  requirePermission(access, 'member.read');
  const stored = await ofCenter(deps, access, id);
  await logMemberAccess(deps, access, 'referral.read', [stored.memberId]);
  return viewOf(deps, stored);
}

/** Revokes the consent: every further disclosure stops at once, and the referral is cancelled. */
export async function revokeConsent(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
): Promise<ReferralView> {
  return endConsent(deps, access, id, 'revoked');
}

/**
 * The ending event the consent names has happened ("when I finish treatment"): the consent
 * expires now, as a dated one does on its date. Only the center can know the event happened;
 * from then on the link answers 410 PL_CONSENT_EXPIRED and the referral is cancelled.
 */
export async function consentEventHappened(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
): Promise<ReferralView> {
  requirePermission(access, 'member.write');
  const stored = await ofCenter(deps, access, id);
  const key = await memberKey(deps, stored.centerId, stored.memberId);
  const consent = openJson<Consent>(
    key,
    stored.sealedConsent,
    sealContext('referral', id, 'consent'),
  );
  if (consent.expiry.event === undefined) {
    throw new PorchlightError('PL_INVALID_BODY', 'This consent names no ending event.', {
      field: 'consent.expiry.event',
    });
  }
  return endConsent(deps, access, id, 'expired');
}

async function endConsent(
  deps: DeskDeps,
  access: CenterAccess,
  id: string,
  how: 'revoked' | 'expired',
): Promise<ReferralView> {
  requirePermission(access, 'member.write');
  const stored = await ofCenter(deps, access, id);
  if (stored.consentState === 'active') {
    const at = deps.clock.now().toISOString();
    const status = finalStatuses.includes(stored.status) ? stored.status : 'cancelled';
    await deps.repos.transaction(async (repos) => {
      await repos.referrals.update(id, {
        consentState: how,
        revokedAt: at,
        updatedAt: at,
        status,
      });
      await repos.referrals.addEvent({
        id: randomUUID(),
        referralId: id,
        at,
        actor: 'staff',
        actorId: access.personId,
        status,
      });
    });
  }
  await logMemberAccess(
    deps,
    access,
    how === 'revoked' ? 'referral.revoke-consent' : 'referral.consent-event',
    [stored.memberId],
  );
  return viewOf(deps, (await deps.repos.referrals.byId(id))!);
}

/**
 * The referral a link names, while its consent stands: an altered or expired link is a 404
 * (PL_REFERRAL_LINK_INVALID); a revoked or expired consent a 410, with nothing of the member.
 */
async function referralOfLink(deps: DeskDeps, token: string): Promise<StoredReferral> {
  const now = deps.clock.now();
  const parts = readReferralLink(token, now.getTime());
  const stored = parts === undefined ? undefined : await deps.repos.referrals.byId(parts.id);
  // An erased member's key is gone, and the link's secret with it: the link names nothing.
  const secret =
    stored === undefined ? undefined : await linkSecretOf(deps, stored).catch(() => undefined);
  if (stored === undefined || secret === undefined || !linkSignedWith(parts!, secret))
    throw new PorchlightError('PL_REFERRAL_LINK_INVALID');
  if (stored.consentState === 'revoked') throw new PorchlightError('PL_CONSENT_REVOKED');
  if (stored.consentState === 'expired') throw new PorchlightError('PL_CONSENT_EXPIRED');
  if (
    stored.consentExpiresOn !== undefined &&
    stored.consentExpiresOn < now.toISOString().slice(0, 10)
  ) {
    throw new PorchlightError('PL_CONSENT_EXPIRED');
  }
  return stored;
}

async function recipientView(deps: DeskDeps, stored: StoredReferral): Promise<RecipientView> {
  const key = await memberKey(deps, stored.centerId, stored.memberId);
  const consent = openJson<Consent>(
    key,
    stored.sealedConsent,
    sealContext('referral', stored.id, 'consent'),
  );
  const center = (await deps.repos.centers.list()).find((c) => c.id === stored.centerId);
  const service = await serviceOf(deps, stored.serviceId).then(
    (s) => s.name,
    () => '(no longer listed)',
  );
  return {
    id: stored.id,
    status: stored.status,
    center: center?.name ?? '',
    service,
    ...(stored.need !== undefined ? { need: stored.need } : {}),
    member: openJson<SharedWithRecipient>(
      key,
      stored.sealedShared,
      sealContext('referral', stored.id, 'shared'),
    ),
    consent: {
      purpose: consent.purpose,
      expiry: consent.expiry,
      redisclosureNotice: consent.redisclosureNotice,
      recipient: consent.recipient,
      discloser: consent.discloser,
    },
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

export async function openReferralLink(deps: DeskDeps, token: string): Promise<RecipientView> {
  return recipientView(deps, await referralOfLink(deps, token));
}

/** The receiving organization accepts, declines, schedules (in progress) or completes. */
export async function answerReferralLink(
  deps: DeskDeps,
  token: string,
  answer: { status?: unknown; note?: unknown },
): Promise<RecipientView> {
  const stored = await referralOfLink(deps, token);
  const status = answer.status;
  if (typeof status !== 'string' || !(recipientStatuses as readonly string[]).includes(status)) {
    throw new PorchlightError(
      'PL_INVALID_BODY',
      `status must be one of ${recipientStatuses.join(', ')}.`,
      { field: 'status' },
    );
  }
  if (!recipientMayMove(stored.status, status as RecipientStatus)) {
    throw new PorchlightError(
      'PL_REFERRAL_STATUS',
      `A ${stored.status} referral cannot become ${status}.`,
      { field: 'status' },
    );
  }
  const note = text(answer.note, 'note');
  const at = deps.clock.now().toISOString();
  const eventId = randomUUID();
  const key = await memberKey(deps, stored.centerId, stored.memberId);
  await deps.repos.transaction(async (repos) => {
    await repos.referrals.update(stored.id, {
      status: status as RecipientStatus,
      updatedAt: at,
      ...(stored.firstAnswerAt === undefined ? { firstAnswerAt: at } : {}),
    });
    await repos.referrals.addEvent({
      id: eventId,
      referralId: stored.id,
      at,
      actor: 'recipient',
      status: status as RecipientStatus,
      ...(note !== undefined
        ? { sealedNote: sealJson(key, note, sealContext('referral-event', eventId, 'note')) }
        : {}),
    });
  });
  return recipientView(deps, (await deps.repos.referrals.byId(stored.id))!);
}

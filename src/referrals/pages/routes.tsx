/**
 * The referral pages' routes. The desk's under `/center/{slug}/...`, for signed-in staff, open
 * the center through the same service as the API (tenancy, roles, the access log), post with
 * the session's CSRF token and redirect. The receiving organization's at `/referral/{link}`:
 * the signed link is the only key (no account, no session), and a revoked or expired consent
 * answers the 410 page with nothing of the member.
 */
import { Type } from 'typebox';
import type { CenterDesk } from '../../centers/desk.js';
import type { CenterAccess } from '../../centers/model.js';
import { deskEntrance, type DeskDoor } from '../../centers/http/desk-entrance.js';
import { centerPath } from '../../centers/pages/center-frame.js';
import type { HttpServer } from '../../platform/http/server.js';
import { readResourceForm, resourceQueryString } from '../../resources/pages/finder-params.js';
import { findResources } from '../../resources/pages/routes.js';
import type { ResourceFinder } from '../../resources/search/resource-finder.js';
import type { StewardshipGuard } from '../../stewardship/http/guard.js';
import { guardCsrf } from '../../stewardship/http/guard.js';
import { refusedForm } from '../../web/kit/filled-form.js';
import { registerPageScope, type FormFields, type PageKit } from '../../web/kit/page-scope.js';
import { languageHeaders } from '../../web/kit/send.js';
import type { PageVisit } from '../../web/kit/page-visit.js';
import { link } from '../../web/page-context.js';
import type { ReferralDesk } from '../referral-desk.js';
import { renderConsentForm } from './consent-form.js';
import {
  ConsentPage,
  RecipientPage,
  ReferralPage,
  ReferSearchPage,
  consentDefaults,
} from './referral-pages.js';

export interface ReferralPageDeps {
  centers: CenterDesk;
  referrals: ReferralDesk;
  guard: StewardshipGuard;
  /** The desk's finder: every source, published or not. */
  finder: ResourceFinder;
  publicUrl: string;
  now: () => Date;
}

const id = Type.String({ minLength: 1, maxLength: 100 });
const slug = Type.String({ minLength: 1, maxLength: 63 });
const memberParams = Type.Object({ slug, id });
const serviceParams = Type.Object({ slug, id, serviceId: id });
const referralParams = Type.Object({ slug, id });
const tokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/** The form's input of a field the service refused (`consent.expiry.date` is `expiryDate`). */
const formFields: Record<string, string> = {
  'consent.memberName': 'memberName',
  'consent.discloser': 'discloser',
  'consent.information': 'information',
  'consent.information.description': 'information',
  'consent.information.shares': 'shares',
  'consent.recipient': 'recipient',
  'consent.purpose': 'purpose',
  'consent.revocation': 'revocation',
  'consent.expiry': 'expiryDate',
  'consent.expiry.date': 'expiryDate',
  'consent.signature': 'signedBy',
  'consent.signature.signedBy': 'signedBy',
  'consent.signature.signedAt': 'signedBy',
  'consent.signature.method': 'electronic',
  'consent.redisclosureNotice': 'signedBy',
};

const one = (form: FormFields, name: string) => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};
const many = (form: FormFields, name: string) => {
  const v = form[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
};

/** The API's referral body from the consent form; the signature is dated as it is posted. */
function referralInput(memberId: string, form: FormFields, signedAt: string) {
  return {
    memberId,
    serviceId: one(form, 'serviceId'),
    need: one(form, 'need'),
    reason: one(form, 'reason'),
    consent: {
      memberName: one(form, 'memberName'),
      discloser: one(form, 'discloser'),
      information: { description: one(form, 'information'), shares: many(form, 'shares') },
      recipient: one(form, 'recipient'),
      purpose: one(form, 'purpose'),
      revocation: one(form, 'revocation'),
      expiry: { date: one(form, 'expiryDate'), event: one(form, 'expiryEvent') },
      signature: {
        signedBy: one(form, 'signedBy'),
        signedAt,
        ...(one(form, 'electronic') === '1' ? { method: 'electronic' } : {}),
      },
      redisclosureNotice: one(form, 'redisclosureNotice'),
    },
  };
}

export function registerReferralPages(server: HttpServer, deps: ReferralPageDeps): void {
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, formLimit: 16_384, csrf: guardCsrf(deps.guard) },
    (scope, kit) => registerDeskPages(scope, kit, deps),
  );
  registerPageScope(server, { publicUrl: deps.publicUrl, formLimit: 8_192 }, (scope, kit) =>
    registerRecipientPages(scope, kit, deps),
  );
}

function registerDeskPages(scope: HttpServer, kit: PageKit, deps: ReferralPageDeps): void {
  const { centers, referrals } = deps;
  const enter = deskEntrance(kit, centers, deps.guard);
  const memberName = async (access: CenterAccess, memberId: string) =>
    (await centers.readMember(access, memberId)).chosenName;
  const post = { preHandler: kit.csrf };

  scope.get(
    '/center/:slug/members/:id/refer',
    { schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const { ctx, access, view, send, query } = await enter(
        request,
        reply,
        request.params.slug,
        'member.write',
      );
      const name = await memberName(access, request.params.id);
      const params = readResourceForm(query);
      const outcome = await findResources(deps, ctx, params);
      const page = (
        <ReferSearchPage
          view={view()}
          memberId={request.params.id}
          memberName={name}
          outcome={outcome}
        />
      );
      return send(page, { ...(outcome.problem !== undefined ? { status: 400 } : {}) });
    },
  );

  const consentPage = async (
    { query, ctx, access, view }: PageVisit & DeskDoor,
    memberId: string,
    serviceId: string,
    filled?: { values: FormFields; problem: { field: string; message: string } },
  ) => {
    const name = await memberName(access, memberId);
    const { service, organization } = await referrals.service(serviceId);
    const values =
      filled?.values ??
      consentDefaults(
        ctx,
        { member: name, center: access.center.name, organization },
        deps.now().toISOString().slice(0, 10),
      );
    const search = readResourceForm(query);
    return (
      <ConsentPage
        view={view()}
        memberId={memberId}
        memberName={name}
        service={service}
        organization={organization}
        values={values}
        {...(filled !== undefined ? { problem: filled.problem } : {})}
        back={`${link(ctx, centerPath(access, `/members/${memberId}/refer`))}${resourceQueryString(search)}`}
      />
    );
  };

  scope.get(
    '/center/:slug/members/:id/refer/:serviceId',
    { schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const visit = await enter(request, reply, request.params.slug, 'member.write');
      return visit.send(await consentPage(visit, request.params.id, request.params.serviceId));
    },
  );

  scope.get(
    '/center/:slug/members/:id/refer/:serviceId/consent.pdf',
    { schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const { ctx, access } = await enter(request, reply, request.params.slug, 'member.write');
      const name = await memberName(access, request.params.id);
      const { service, organization } = await referrals.service(request.params.serviceId);
      const now = deps.now();
      const bytes = await renderConsentForm({
        ctx,
        service: service.name,
        values: consentDefaults(
          ctx,
          { member: name, center: access.center.name, organization },
          now.toISOString().slice(0, 10),
        ),
        createdAt: now,
      });
      return languageHeaders(reply, ctx, { cache: 'no-store' })
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="consent.pdf"')
        .send(bytes);
    },
  );

  scope.post(
    '/center/:slug/members/:id/referrals',
    { schema: { hide: true, params: memberParams }, ...post },
    async (request, reply) => {
      const visit = await enter(request, reply, request.params.slug);
      const { ctx, access, form } = visit;
      const memberId = request.params.id;
      try {
        const { referral } = await referrals.create(access, {
          ...referralInput(memberId, form, deps.now().toISOString()),
          locale: ctx.locale,
        });
        return visit.redirect(centerPath(access, `/referrals/${referral.id}?said=sent`));
      } catch (error) {
        const filled = refusedForm(
          error,
          ctx,
          form,
          (apiField) => formFields[apiField] ?? apiField,
        );
        if (filled?.problem === undefined) throw error;
        const { field, message } = filled.problem;
        const page = await consentPage(visit, memberId, one(form, 'serviceId'), {
          values: form,
          problem: { field, message },
        });
        return visit.send(page, { status: 400 });
      }
    },
  );

  scope.get(
    '/center/:slug/referrals/:id',
    { schema: { hide: true, params: referralParams } },
    async (request, reply) => {
      const { ctx, access, view, send, query } = await enter(request, reply, request.params.slug);
      const referral = await referrals.read(access, request.params.id);
      const said = query.said;
      return send(
        <ReferralPage
          view={view()}
          referral={referral}
          link={`${deps.publicUrl}${link(ctx, `/referral/${await referrals.linkOf(access, referral.id)}`)}`}
          {...(said === 'sent' || said === 'revoked' || said === 'ended' ? { said } : {})}
        />,
      );
    },
  );

  /** A button on a referral: act, then back to its page saying what was done. */
  const action = (
    path: string,
    said: string,
    act: (access: CenterAccess, id: string) => Promise<unknown>,
  ) =>
    scope.post(
      `/center/:slug/referrals/:id/${path}`,
      { schema: { hide: true, params: referralParams }, ...post },
      async (request, reply) => {
        const { access, redirect } = await enter(request, reply, request.params.slug);
        await act(access, request.params.id);
        return redirect(centerPath(access, `/referrals/${request.params.id}?said=${said}`));
      },
    );
  action('revoke-consent', 'revoked', referrals.revokeConsent);
  action('consent-event', 'ended', referrals.consentEventHappened);
}

function registerRecipientPages(scope: HttpServer, kit: PageKit, deps: ReferralPageDeps): void {
  const { referrals } = deps;
  scope.get(
    '/referral/:token',
    { schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { ctx, send, query } = kit.enter(request, reply);
      const referral = await referrals.openLink(request.params.token);
      const page = (
        <RecipientPage
          ctx={ctx}
          token={request.params.token}
          referral={referral}
          answered={query.answered === '1'}
        />
      );
      return send(page, { cache: 'no-store' });
    },
  );

  // The link is the key: a form posted here without it cannot name a referral, so there is no
  // session to forge and no CSRF token to check.
  scope.post(
    '/referral/:token',
    { schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { form, redirect } = kit.enter(request, reply);
      const note = one(form, 'note');
      await referrals.answerLink(request.params.token, {
        status: one(form, 'status'),
        ...(note !== '' ? { note } : {}),
      });
      return redirect(`/referral/${request.params.token}?answered=1`);
    },
  );
}

/**
 * The supporter's pages (and under `/en/`, `/es/`): the invitation at `/space/support/{secret}`
 * and their own page at `/space/supporting/{secret}`. The secret in the link is the credential
 * (no session to forge a request with); every form posts and redirects. Never cached.
 */
import { Type } from 'typebox';
import { isPorchlightError } from '../platform/errors.js';
import type { HttpServer } from '../platform/http/server.js';
import { readContact } from '../rides/contact.js';
import { registerPageScope, type FormFields } from '../web/kit/page-scope.js';
import type { PageVisit } from '../web/kit/page-visit.js';
import type { SupporterContact } from './supporter-model.js';
import { InvitationPage, StoppedPage, SupportingPage } from './supporter-pages.js';
import type { Supporters } from './supporters.js';

export interface SupporterPageDeps {
  supporters: Supporters;
  publicUrl: string;
  /** The VAPID public key, when this server sends web push. */
  pushKey?: string;
}

const params = Type.Object({ secret: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });

const field = (form: FormFields, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** Registers the supporter's pages. */
export function registerSupporterPages(server: HttpServer, deps: SupporterPageDeps): void {
  const { supporters } = deps;
  registerPageScope(
    server,
    { publicUrl: deps.publicUrl, formLimit: 8_192, cache: 'no-store' },
    (scope, kit) => {
      // Each answer may send a code: a few an hour from one address is plenty for a person.
      const answerLimit = kit.limit('space-supporter-answer', {
        max: 10,
        timeWindowMs: 60 * 60_000,
      });

      /** The invitation; with a problem (no consent, a wrong code), a 400 that says it. */
      const invitationPage = async ({ ctx, send }: PageVisit, secret: string, problem?: string) => {
        const view = await supporters.invitation(secret);
        const push = deps.pushKey !== undefined ? { pushKey: deps.pushKey } : {};
        const said = problem !== undefined ? { problem } : {};
        return send(
          <InvitationPage ctx={ctx} invite={secret} view={view} {...push} {...said} />,
          problem !== undefined ? { status: 400 } : {},
        );
      };

      scope.get('/space/support/:secret', { schema: { hide: true, params } }, (request, reply) =>
        invitationPage(kit.enter(request, reply), request.params.secret),
      );

      scope.post(
        '/space/support/:secret',
        { schema: { hide: true, params }, onRequest: answerLimit },
        async (request, reply) => {
          const visit = kit.enter(request, reply);
          const { ctx, form, redirect } = visit;
          const { secret } = request.params;
          if (field(form, 'consent') !== '1')
            return invitationPage(visit, secret, ctx.t('space.supporter.invite.needConsent'));
          const contact = contactOf(form);
          if (contact === undefined)
            return invitationPage(visit, secret, ctx.t('space.supporter.invite.badContact'));
          const answer = await supporters.answer(request.params.secret, contact, ctx.locale);
          if (answer.state === 'active')
            return redirect(`/space/supporting/${answer.manage}?welcome=1`);
          return redirect(`/space/support/${request.params.secret}`);
        },
      );

      scope.post(
        '/space/support/:secret/confirm',
        // Wrong codes are counted on the invitation itself, five at most.
        { schema: { hide: true, params } },
        async (request, reply) => {
          const visit = kit.enter(request, reply);
          try {
            const manage = await supporters.confirm(
              request.params.secret,
              field(visit.form, 'code'),
            );
            return visit.redirect(`/space/supporting/${manage}?welcome=1`);
          } catch (error) {
            if (isPorchlightError(error) && error.code === 'PL_SUPPORTER_CODE_WRONG')
              return invitationPage(
                visit,
                request.params.secret,
                visit.ctx.t('space.supporter.code.wrong'),
              );
            throw error;
          }
        },
      );

      scope.get(
        '/space/supporting/:secret',
        { schema: { hide: true, params } },
        async (request, reply) => {
          const { ctx, send, query } = kit.enter(request, reply);
          const { channel } = await supporters.supporting(request.params.secret);
          const welcome = query.welcome === '1';
          return send(
            <SupportingPage
              ctx={ctx}
              manage={request.params.secret}
              channel={channel}
              welcome={welcome}
            />,
          );
        },
      );

      scope.post(
        '/space/supporting/:secret/stop',
        { schema: { hide: true, params } },
        async (request, reply) => {
          const { ctx, send } = kit.enter(request, reply);
          await supporters.stop(request.params.secret);
          return send(<StoppedPage ctx={ctx} />);
        },
      );
    },
  );
}

/** The contact of the chosen channel, or undefined when it does not read as one. */
function contactOf(form: FormFields): SupporterContact | undefined {
  const channel = field(form, 'channel');
  if (channel === 'push') return pushContact(field(form, 'subscription'));
  const contact = readContact(channel, field(form, 'contact'));
  if (contact === undefined) return undefined;
  return contact.channel === 'sms'
    ? { channel: 'sms', phone: contact.phone }
    : { channel: 'email', email: contact.email };
}

/** A browser's push subscription, as its script posted it (`PushSubscription.toJSON()`). */
function pushContact(text: string): SupporterContact | undefined {
  try {
    const value = JSON.parse(text) as {
      endpoint?: unknown;
      keys?: { p256dh?: unknown; auth?: unknown };
    };
    const { endpoint, keys } = value;
    if (
      typeof endpoint !== 'string' ||
      !endpoint.startsWith('https://') ||
      endpoint.length > 1000 ||
      typeof keys?.p256dh !== 'string' ||
      typeof keys.auth !== 'string' ||
      !/^[A-Za-z0-9_-]{20,200}={0,2}$/.test(keys.p256dh) ||
      !/^[A-Za-z0-9_-]{8,100}={0,2}$/.test(keys.auth)
    )
      return undefined;
    return {
      channel: 'push',
      subscription: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } },
    };
  } catch {
    return undefined;
  }
}

/**
 * The referral pages. On the desk (staff, signed in): find a service for a member, the consent
 * form with every 42 CFR 2.31 element, and the referral with every change, its link and the
 * revocation. For the receiving organization (no account, the signed link): what the consent
 * allows it to see, and its answer. Plain forms; no script needed.
 */
import { CenterFrame, Csrf, centerPath, type DeskView } from '../../centers/pages/center-frame.js';
import type { MessageId } from '../../web/i18n/translator.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { needName } from '../../resources/need-names.js';
import type { Service } from '../../resources/model.js';
import {
  ResourceForm,
  ResourceItem,
  type ResourceOutcome,
} from '../../resources/pages/resource-finder-page.js';
import { resourceQueryString } from '../../resources/pages/finder-params.js';
import {
  REDISCLOSURE_NOTICE,
  recipientMayMove,
  recipientStatuses,
  shareableItems,
  type ReferralStatus,
} from '../model.js';
import type { RecipientView, ReferralView } from '../referrals.js';
import type { FormFields } from '../../web/kit/page-scope.js';
import { Field, Notice } from '../../web/kit/form-parts.js';

const statusWord = (ctx: PageContext, status: ReferralStatus) =>
  ctx.t(`referral.status.${status}` as MessageId);

function when(iso: string, ctx: PageContext, timeZone: string): string {
  return new Intl.DateTimeFormat(ctx.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** Finding a service for a member: the finder's form, every source, a "refer" link on each. */
export function ReferSearchPage(props: {
  view: DeskView;
  memberId: string;
  memberName: string;
  outcome: ResourceOutcome;
}) {
  const { view, memberId, memberName, outcome } = props;
  const { ctx, access } = view;
  const { t } = ctx;
  const base = centerPath(access, `/members/${memberId}/refer`);
  const units = outcome.params.units === 'km' ? 'km' : 'mi';
  return (
    <CenterFrame view={view} title={t('referral.referTitle', { member: memberName })}>
      <h1>{t('referral.referTitle', { member: memberName })}</h1>
      <ResourceForm
        ctx={ctx}
        params={outcome.params}
        problem={outcome.problem}
        action={link(ctx, base)}
      />
      <section id="results" aria-labelledby="results-h">
        <h2 id="results-h">
          {outcome.params.near === undefined
            ? t('resources.results', { count: outcome.total })
            : t('resources.resultsNear', { count: outcome.total, place: outcome.params.near })}
        </h2>
        <ol class="list">
          {outcome.results.map((result) => (
            <ResourceItem ctx={ctx} result={result} units={units}>
              <p>
                <a
                  class="button"
                  href={`${link(ctx, `${base}/${result.id}`)}${resourceQueryString(outcome.params)}`}
                  aria-label={t('referral.referTo', { member: memberName, service: result.name })}
                >
                  {t('referral.choose')}
                </a>
              </p>
            </ResourceItem>
          ))}
        </ol>
      </section>
    </CenterFrame>
  );
}

/** The consent form's starting values: the center's words, the member's name, the service's. */
export function consentDefaults(
  ctx: PageContext,
  names: { member: string; center: string; organization: string },
  today: string,
): FormFields {
  const { t } = ctx;
  const inAYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return {
    memberName: names.member,
    discloser: names.center,
    information: t('referral.defaultInformation', { member: names.member }),
    shares: ['name', 'phone'],
    recipient: names.organization,
    purpose: t('referral.defaultPurpose', { member: names.member }),
    revocation: t('referral.defaultRevocation', { member: names.member, center: names.center }),
    expiryDate: inAYear,
    expiryEvent: '',
    signedBy: '',
    reason: '',
    need: '',
  };
}

const value = (form: FormFields, name: string) => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};

/** The consent form, every element of 42 CFR 2.31 a field; a refused one is named beside it. */
export function ConsentPage(props: {
  view: DeskView;
  memberId: string;
  memberName: string;
  service: Service;
  organization: string;
  values: FormFields;
  problem?: { field: string; message: string };
  back: string;
}) {
  const { view, memberId, memberName, service, values, problem } = props;
  const { ctx, access } = view;
  const { t } = ctx;
  const shares = new Set(
    Array.isArray(values.shares) ? values.shares : values.shares ? [values.shares] : [],
  );
  const field = (name: string) =>
    problem?.field === name
      ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'consent-problem' }
      : {};
  /** A field of the consent: required unless `optional`; a long one is a text area. */
  const text = (
    name: string,
    label: MessageId,
    shape: { long?: boolean; optional?: boolean; type?: 'date' } = {},
  ) => (
    <Field id={`c-${name}`} label={t(label)}>
      {shape.long === true ? (
        <textarea id={`c-${name}`} name={name} rows={3} required {...field(name)}>
          {value(values, name)}
        </textarea>
      ) : (
        <input
          id={`c-${name}`}
          name={name}
          {...(shape.type !== undefined ? { type: shape.type } : {})}
          value={value(values, name)}
          required={shape.optional !== true}
          {...field(name)}
        />
      )}
    </Field>
  );
  const pdf = `${link(ctx, centerPath(access, `/members/${memberId}/refer/${service.id}/consent.pdf`))}`;
  return (
    <CenterFrame view={view} title={t('referral.consentTitle')}>
      <h1>{t('referral.referTo', { member: memberName, service: service.name })}</h1>
      <p>
        <a href={props.back}>{t('referral.refer')}</a>
      </p>
      <h2>{t('referral.consentTitle')}</h2>
      <p>{t('referral.consentIntro', { member: memberName })}</p>
      <p>
        <a href={pdf} download>
          {t('referral.printConsent')}
        </a>
      </p>
      {problem !== undefined && (
        <p id="consent-problem" class="notice problem" role="alert">
          {problem.message}
        </p>
      )}
      <form method="post" action={link(ctx, centerPath(access, `/members/${memberId}/referrals`))}>
        <Csrf view={view} />
        <input type="hidden" name="serviceId" value={service.id} />
        <p class="field">
          <label for="c-need">{t('referral.need')}</label>
          <select id="c-need" name="need" {...field('need')}>
            <option value="">{t('referral.need.none')}</option>
            {service.needs.map((code) => (
              <option value={code} selected={value(values, 'need') === code}>
                {needName(code, ctx.locale) ?? code}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="c-reason">{t('referral.reason')}</label>
          <textarea id="c-reason" name="reason" rows={2} {...field('reason')}>
            {value(values, 'reason')}
          </textarea>
        </p>
        {text('memberName', 'referral.memberName')}
        {text('discloser', 'referral.discloser')}
        {text('information', 'referral.information', { long: true })}
        <fieldset {...field('shares')}>
          <legend>{t('referral.shares')}</legend>
          {shareableItems.map((item) => (
            <label>
              <input type="checkbox" name="shares" value={item} checked={shares.has(item)} />{' '}
              {t(`referral.share.${item}` as MessageId)}
            </label>
          ))}
        </fieldset>
        {text('recipient', 'referral.recipient')}
        {text('purpose', 'referral.purpose', { long: true })}
        {text('revocation', 'referral.revocation', { long: true })}
        {text('expiryDate', 'referral.expiryDate', { type: 'date', optional: true })}
        {text('expiryEvent', 'referral.expiryEvent', { optional: true })}
        <h3>{t('referral.notice')}</h3>
        <p>{REDISCLOSURE_NOTICE}</p>
        <input type="hidden" name="redisclosureNotice" value={REDISCLOSURE_NOTICE} />
        {text('signedBy', 'referral.signedBy')}
        <label>
          <input type="checkbox" name="electronic" value="1" required {...field('electronic')} />{' '}
          {t('referral.signElectronically')}
        </label>
        <button type="submit">{t('referral.send')}</button>
      </form>
    </CenterFrame>
  );
}

/** A referral as the coach follows it: status, consent, link, every change, revocation. */
export function ReferralPage(props: {
  view: DeskView;
  referral: ReferralView;
  link: string;
  said?: 'sent' | 'revoked' | 'ended';
}) {
  const { view, referral } = props;
  const { ctx, access, timeZone } = view;
  const { t } = ctx;
  const revoked = referral.consentState !== 'active';
  const expiry = [referral.consent.expiry.date, referral.consent.expiry.event]
    .filter(Boolean)
    .join('; ');
  return (
    <CenterFrame view={view} title={t('referral.title', { service: referral.serviceName })}>
      <h1>{t('referral.title', { service: referral.serviceName })}</h1>
      {props.said !== undefined && <Notice>{t(`referral.${props.said}` as MessageId)}</Notice>}
      <dl>
        <dt>{t('referral.status')}</dt>
        <dd data-status={referral.status}>{statusWord(ctx, referral.status)}</dd>
        <dt>{t('referral.consentState')}</dt>
        <dd data-consent={referral.consentState}>
          {t(`referral.consent.${referral.consentState}` as MessageId)} ·{' '}
          {t('referral.consentEnds', { expiry })}
        </dd>
      </dl>
      {referral.status === 'completed' && <p class="notice">{t('referral.loopClosed')}</p>}
      {!revoked && (
        <section aria-labelledby="link-h">
          <h2 id="link-h">{t('referral.link')}</h2>
          <p>{t('referral.linkHelp')}</p>
          <p>
            <a href={props.link} data-referral-link>
              {props.link}
            </a>
          </p>
        </section>
      )}
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">{t('referral.changes')}</h2>
        <ol>
          {referral.events.map((event) => (
            <li data-event={event.status}>
              {t('referral.change', {
                when: when(event.at, ctx, timeZone),
                status: statusWord(ctx, event.status),
                who: t(`referral.by.${event.actor}` as MessageId),
              })}
              {event.note !== undefined && <> {t('referral.noteSaid', { note: event.note })}</>}
            </li>
          ))}
        </ol>
      </section>
      {!revoked && referral.consent.expiry.event !== undefined && (
        <form
          method="post"
          action={link(ctx, centerPath(access, `/referrals/${referral.id}/consent-event`))}
        >
          <Csrf view={view} />
          <p>{t('referral.eventHelp', { event: referral.consent.expiry.event })}</p>
          <button type="submit">{t('referral.eventHappened')}</button>
        </form>
      )}
      {!revoked && (
        <form
          method="post"
          action={link(ctx, centerPath(access, `/referrals/${referral.id}/revoke-consent`))}
        >
          <Csrf view={view} />
          <p>{t('referral.revokeHelp')}</p>
          <button type="submit">{t('referral.revoke')}</button>
        </form>
      )}
    </CenterFrame>
  );
}

/** What the receiving organization sees through its link, and its answer. */
export function RecipientPage(props: {
  ctx: PageContext;
  token: string;
  referral: RecipientView;
  answered: boolean;
}) {
  const { ctx, referral, token } = props;
  const { t } = ctx;
  const moves = recipientStatuses.filter((to) => recipientMayMove(referral.status, to));
  const { member } = referral;
  const expiry = [referral.consent.expiry.date, referral.consent.expiry.event]
    .filter(Boolean)
    .join('; ');
  return (
    <Layout ctx={ctx} title={t('referral.incoming', { center: referral.center })}>
      <h1>{t('referral.incoming', { center: referral.center })}</h1>
      {props.answered && (
        <p role="status" class="notice">
          {t('referral.answered')}
        </p>
      )}
      <p>{t('referral.incomingIntro', { center: referral.center, service: referral.service })}</p>
      <dl>
        <dt>{t('referral.status')}</dt>
        <dd data-status={referral.status}>{statusWord(ctx, referral.status)}</dd>
        {referral.need !== undefined && (
          <>
            <dt>{t('referral.need')}</dt>
            <dd>{needName(referral.need, ctx.locale) ?? referral.need}</dd>
          </>
        )}
        <dt>{t('referral.purpose')}</dt>
        <dd>{referral.consent.purpose}</dd>
        <dt>{t('referral.consentState')}</dt>
        <dd>{t('referral.consentEnds', { expiry })}</dd>
      </dl>
      <h2>{t('referral.person')}</h2>
      {member.name === undefined && member.phone === undefined && member.email === undefined ? (
        <p>{t('referral.nothingShared')}</p>
      ) : (
        <dl>
          {member.name !== undefined && (
            <>
              <dt>{t('referral.share.name')}</dt>
              <dd>{member.name}</dd>
            </>
          )}
          {member.phone !== undefined && (
            <>
              <dt>{t('referral.share.phone')}</dt>
              <dd>
                <a href={`tel:${member.phone.replace(/[^\d+]/g, '')}`}>{member.phone}</a>
              </dd>
            </>
          )}
          {member.email !== undefined && (
            <>
              <dt>{t('referral.share.email')}</dt>
              <dd>{member.email}</dd>
            </>
          )}
        </dl>
      )}
      {member.reason !== undefined && (
        <p>
          <strong>{t('referral.share.reason')}:</strong> {member.reason}
        </p>
      )}
      <h2>{t('referral.notice')}</h2>
      <p>{referral.consent.redisclosureNotice}</p>
      {moves.length === 0 ? (
        <p>{t('referral.final')}</p>
      ) : (
        <form method="post" action={link(ctx, `/referral/${token}`)}>
          <fieldset>
            <legend>{t('referral.answer')}</legend>
            <p class="field">
              <label for="r-note">{t('referral.note')}</label>
              <textarea id="r-note" name="note" rows={2} />
            </p>
            {moves.map((to) => (
              <button type="submit" name="status" value={to}>
                {t(`referral.move.${to}` as MessageId)}
              </button>
            ))}
          </fieldset>
        </form>
      )}
    </Layout>
  );
}

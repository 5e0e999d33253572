/**
 * The rider's pages, no account needed: the form asking for a ride to one occurrence of a
 * meeting, and the ride's own page (reached by the secret link sent with the code), where the
 * code is entered, the state is read and the ride can be cancelled.
 */
import type { Meeting } from '../../meetings/model.js';
import { CodeForm, Field, hintId, Notice } from '../../web/kit/form-parts.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { cancelReasons } from '../answer-ride.js';
import type { RideProgram, RideRequest } from '../model.js';
import type { RideMeeting } from '../offer-ride.js';
import { whenText } from '../ride-words.js';
import { ContactFields } from './contact-fields.js';

export function RideAskPage(props: {
  ctx: PageContext;
  meeting: Meeting;
  program: RideProgram;
  occurrences: readonly string[];
  problem?: string;
}) {
  const { ctx, meeting, program, occurrences } = props;
  const { t, locale } = ctx;
  const title = t('rides.ask.title', { name: meeting.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('rides.ask.intro', { program: program.name })}</p>
      <ul>
        <li>{t('rides.rules.noCash')}</li>
        {program.rules.peerEscort && <li>{t('rides.rules.escort')}</li>}
        <li>
          {t('rides.rules.ahead', {
            hours: program.rules.minHoursAhead,
            days: program.rules.maxDaysAhead,
          })}
        </li>
      </ul>
      <Notice role="alert">{props.problem}</Notice>
      {occurrences.length === 0 ? (
        <p>{t('rides.ask.noDates')}</p>
      ) : (
        <form method="post" action={link(ctx, `/meetings/${meeting.slug}/ride`)}>
          <fieldset>
            <legend>{t('rides.ask.when')}</legend>
            {occurrences.map((iso, i) => (
              <label>
                <input type="radio" name="occurrence" value={iso} required checked={i === 0} />{' '}
                {whenText(iso, meeting.timeZone, locale)}
              </label>
            ))}
          </fieldset>
          <Field id="ride-town" label={t('rides.ask.town')}>
            <input id="ride-town" name="town" required maxLength={100} autoComplete="postal-code" />
          </Field>
          <Field id="ride-street" label={t('rides.ask.street')} hint={t('rides.ask.streetHint')}>
            <input
              id="ride-street"
              name="street"
              maxLength={200}
              aria-describedby={hintId('ride-street')}
            />
          </Field>
          <ContactFields ctx={ctx} id="ride-contact" />
          <Field id="ride-name" label={t('rides.ask.name')}>
            <input id="ride-name" name="name" maxLength={80} autoComplete="given-name" />
          </Field>
          <Field id="ride-passengers" label={t('rides.ask.passengers')}>
            <select id="ride-passengers" name="passengers">
              {[1, 2, 3, 4].map((n) => (
                <option value={String(n)}>{n}</option>
              ))}
            </select>
          </Field>
          <label>
            <input type="checkbox" name="returnTrip" value="1" checked /> {t('rides.ask.return')}
          </label>
          <label>
            <input type="checkbox" name="wheelchair" value="1" /> {t('rides.ask.wheelchair')}
          </label>
          <Field id="ride-note" label={t('rides.ask.note')}>
            <textarea id="ride-note" name="note" rows={3} maxLength={500} />
          </Field>
          <p class="muted">{t('rides.ask.privacy')}</p>
          <button type="submit">{t('rides.ask.submit')}</button>
        </form>
      )}
      <BackToMeeting ctx={ctx} slug={meeting.slug} name={meeting.name} />
    </Layout>
  );
}

export function RidePage(props: {
  ctx: PageContext;
  link: string;
  ride: RideRequest;
  meeting: RideMeeting;
  programName: string;
  problem?: string;
}) {
  const { ctx, ride, meeting } = props;
  const { t, locale } = ctx;
  const when = whenText(ride.occurrenceStart, meeting.timeZone, locale);
  const base = `/rides/${props.link}`;
  const live =
    ride.status === 'unconfirmed' || ride.status === 'open' || ride.status === 'accepted';
  return (
    <Layout ctx={ctx} title={t('rides.ride.title')}>
      <h1>{t('rides.ride.title')}</h1>
      <p>{t('rides.ride.what', { meeting: meeting.name, when, program: props.programName })}</p>
      <p role="status" data-ride-status={ride.status}>
        <strong>{t(`rides.status.${ride.status}`)}</strong>
      </p>
      <Notice role="alert">{props.problem}</Notice>
      {ride.status === 'unconfirmed' && (
        <CodeForm
          ctx={ctx}
          action={`${base}/confirm`}
          id="ride-code"
          label={t('rides.ride.code')}
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          submit={t('rides.ride.confirm')}
        />
      )}
      {live && (
        <form method="post" action={link(ctx, `${base}/cancel`)}>
          <Field id="ride-reason" label={t('rides.cancel.reason')}>
            <select id="ride-reason" name="reason">
              {cancelReasons.map((r) => (
                <option value={r}>{t(`rides.reason.${r}`)}</option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('rides.cancel.submit')}</button>
        </form>
      )}
      <p class="muted">{t('rides.ride.keepLink')}</p>
      {meeting.slug !== undefined && (
        <BackToMeeting ctx={ctx} slug={meeting.slug} name={meeting.name} />
      )}
    </Layout>
  );
}

/** The way back to the meeting's page. */
function BackToMeeting({ ctx, slug, name }: { ctx: PageContext; slug: string; name: string }) {
  return (
    <p>
      <a href={link(ctx, `/meetings/${slug}`)}>{ctx.t('rides.back', { name })}</a>
    </p>
  );
}

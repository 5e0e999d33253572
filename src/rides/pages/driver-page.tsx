/**
 * The driver's page (their secret link): rides offered to them, to accept or decline; rides
 * they took, with the rider's contact and exact pickup (until a day after the meeting), to give
 * back with a reason or mark as a no-show.
 */
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import { KM_PER_MILE } from '../../search/distance.js';
import { cancelReasons } from '../answer-ride.js';
import { contactText } from '../contact.js';
import type { DriverRide } from '../driver-view.js';
import { whenText } from '../ride-words.js';
import { Notice } from '../../web/kit/form-parts.js';

export function DriverPage(props: {
  ctx: PageContext;
  link: string;
  programName: string;
  rides: readonly DriverRide[];
  now: number;
  notice?: string;
}) {
  const { ctx, rides } = props;
  const { t, locale } = ctx;
  const base = `/rides/driver/${props.link}`;
  const title = t('rides.driver.title', { program: props.programName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('rides.driver.intro')}</p>
      <Notice>{props.notice}</Notice>
      {rides.length === 0 && <p>{t('rides.driver.none')}</p>}
      <ul class="list">
        {rides.map(({ ride, meeting, offer, detourKm, rider }) => {
          const when = whenText(ride.occurrenceStart, meeting.timeZone, locale);
          const mine = offer === 'accepted' && ride.driverId !== undefined;
          const action = (verb: string) => link(ctx, `${base}/rides/${ride.id}/${verb}`);
          return (
            <li class="result" data-ride={ride.id} data-offer={offer}>
              <h2>{t('rides.driver.to', { meeting: meeting.name, when })}</h2>
              <p>
                {t('rides.driver.facts', {
                  miles: Math.round(detourKm / KM_PER_MILE),
                  passengers: ride.passengers,
                })}
                {ride.returnTrip && ` ${t('rides.driver.return')}`}
                {ride.wheelchair && ` ${t('rides.driver.wheelchair')}`}
              </p>
              <p>
                <strong>
                  {mine ? t(`rides.status.${ride.status}`) : t(`rides.status.offer_${offer}`)}
                </strong>
              </p>
              {rider !== undefined && (
                <dl data-rider>
                  <dt>{t('rides.driver.pickup')}</dt>
                  <dd>
                    {rider.pickup.text ?? `${rider.pickup.latitude}, ${rider.pickup.longitude}`}
                  </dd>
                  <dt>{t('rides.driver.contact')}</dt>
                  <dd>{contactText(rider.contact)}</dd>
                  {rider.note !== undefined && (
                    <>
                      <dt>{t('rides.driver.note')}</dt>
                      <dd>{rider.note}</dd>
                    </>
                  )}
                </dl>
              )}
              {offer === 'offered' && ride.status === 'open' && (
                <>
                  <form method="post" action={action('accept')}>
                    <button type="submit">
                      {t('rides.driver.accept', { meeting: meeting.name, when })}
                    </button>
                  </form>
                  <form method="post" action={action('decline')}>
                    <button type="submit" class="fav">
                      {t('rides.driver.decline')}
                    </button>
                  </form>
                </>
              )}
              {mine && ride.status === 'accepted' && (
                <>
                  <form method="post" action={action('give-back')}>
                    <p class="field">
                      <label for={`reason-${ride.id}`}>{t('rides.cancel.reason')}</label>
                      <select id={`reason-${ride.id}`} name="reason">
                        {cancelReasons.map((r) => (
                          <option value={r}>{t(`rides.reason.${r}`)}</option>
                        ))}
                      </select>
                    </p>
                    <button type="submit" class="fav">
                      {t('rides.driver.giveBack')}
                    </button>
                  </form>
                  {props.now >= Date.parse(ride.occurrenceStart) - 3_600_000 && (
                    <form method="post" action={action('no-show')}>
                      <button type="submit" class="fav">
                        {t('rides.driver.noShow')}
                      </button>
                    </form>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
      <p class="muted">{t('rides.driver.keepLink')}</p>
    </Layout>
  );
}

/**
 * The coordinator's page of a ride program: drivers (contact, area, hours, seats, vetting) with
 * the approval form, a form to enrol a driver, the hours of the week no driver covers, and the
 * trip log for a period with its CSV. The log holds no rider identity.
 */
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { Weekday } from '../../meetings/model.js';
import { weekdayName } from '../../web/intl-format.js';
import { contactText } from '../contact.js';
import type { Contact, Driver, RideProgram } from '../model.js';
import type { TripLog } from '../trip-log.js';
import { formatWeeklyHours } from '../weekly-hours.js';

function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** Uncovered hours as runs per day: "Mon 00:00-18:00". */
export function hourRuns(hours: readonly number[]): { day: number; from: number; to: number }[] {
  const runs: { day: number; from: number; to: number }[] = [];
  for (const h of hours) {
    const day = Math.floor(h / 24);
    const hour = h % 24;
    const last = runs.at(-1);
    if (last !== undefined && last.day === day && last.to === hour) last.to = hour + 1;
    else runs.push({ day, from: hour, to: hour + 1 });
  }
  return runs;
}

const two = (n: number) => `${String(n).padStart(2, '0')}:00`;

export function CoordinatorPage(props: {
  ctx: PageContext;
  csrf: string;
  program: RideProgram;
  drivers: readonly (Driver & { contact: Contact })[];
  uncovered: readonly number[];
  log: TripLog;
  notice?: string;
}) {
  const { ctx, program, drivers, log } = props;
  const { t, locale } = ctx;
  const base = `/rides/programs/${program.slug}`;
  const period = new URLSearchParams({ from: log.from, to: log.to }).toString();
  return (
    <Layout ctx={ctx} title={program.name}>
      <h1>{program.name}</h1>
      {props.notice !== undefined && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <section aria-labelledby="drivers">
        <h2 id="drivers">{t('rides.coord.drivers')}</h2>
        {drivers.length === 0 && <p>{t('rides.coord.noDrivers')}</p>}
        <ul class="list">
          {drivers.map((d) => (
            <li class="result" data-driver={d.id} data-status={d.status}>
              <h3>{contactText(d.contact)}</h3>
              <p>
                <strong>{t(`rides.driverStatus.${d.status}`)}</strong> ·{' '}
                {t('rides.coord.area', { km: d.home.radiusKm, seats: d.seats })}
                {d.wheelchair && ` · ${t('rides.coord.wheelchair')}`}
              </p>
              <p>
                {t('rides.coord.hours')} {formatWeeklyHours(d.onCall) || t('rides.coord.noHours')}
              </p>
              {d.vetting !== undefined && (
                <p>
                  {t('rides.coord.vetted', {
                    licence: d.vetting.licenceCheckedOn,
                    insurance: d.vetting.insuranceCheckedOn,
                    background: d.vetting.backgroundCheckedOn ?? '-',
                  })}
                </p>
              )}
              {d.status !== 'approved' ? (
                <form method="post" action={link(ctx, `${base}/drivers/${d.id}/approve`)}>
                  <Csrf token={props.csrf} />
                  <p class="field">
                    <label for={`licence-${d.id}`}>{t('rides.coord.licence')}</label>
                    <input id={`licence-${d.id}`} name="licence" type="date" required />
                  </p>
                  <p class="field">
                    <label for={`insurance-${d.id}`}>{t('rides.coord.insurance')}</label>
                    <input id={`insurance-${d.id}`} name="insurance" type="date" required />
                  </p>
                  <p class="field">
                    <label for={`background-${d.id}`}>{t('rides.coord.background')}</label>
                    <input
                      id={`background-${d.id}`}
                      name="background"
                      type="date"
                      required={program.rules.backgroundCheckRequired}
                    />
                  </p>
                  <button type="submit">{t('rides.coord.approve')}</button>
                </form>
              ) : (
                <form method="post" action={link(ctx, `${base}/drivers/${d.id}/pause`)}>
                  <Csrf token={props.csrf} />
                  <button type="submit" class="fav">
                    {t('rides.coord.pause')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="enrol">
        <h2 id="enrol">{t('rides.coord.enrol')}</h2>
        <form method="post" action={link(ctx, `${base}/drivers`)}>
          <Csrf token={props.csrf} />
          <p class="field">
            <label for="enrol-name">{t('rides.coord.name')}</label>
            <input id="enrol-name" name="name" required maxLength={80} />
          </p>
          <fieldset>
            <legend>{t('rides.ask.reach')}</legend>
            <label>
              <input type="radio" name="channel" value="sms" required checked />{' '}
              {t('rides.ask.sms')}
            </label>
            <label>
              <input type="radio" name="channel" value="email" /> {t('rides.ask.email')}
            </label>
          </fieldset>
          <p class="field">
            <label for="enrol-contact">{t('rides.ask.contact')}</label>
            <input id="enrol-contact" name="contact" required maxLength={120} />
          </p>
          <p class="field">
            <label for="enrol-town">{t('rides.coord.home')}</label>
            <input id="enrol-town" name="town" required maxLength={100} />
          </p>
          <p class="field">
            <label for="enrol-radius">{t('rides.coord.radius')}</label>
            <input
              id="enrol-radius"
              name="radius"
              type="number"
              min={1}
              max={200}
              value="25"
              required
            />
          </p>
          <p class="field">
            <label for="enrol-hours">{t('rides.coord.onCall')}</label>
            <input
              id="enrol-hours"
              name="hours"
              required
              maxLength={300}
              aria-describedby="enrol-hours-hint"
            />
            <span id="enrol-hours-hint" class="muted">
              {t('rides.coord.onCallHint')}
            </span>
          </p>
          <p class="field">
            <label for="enrol-seats">{t('rides.coord.seats')}</label>
            <input id="enrol-seats" name="seats" type="number" min={1} max={8} value="3" required />
          </p>
          <label>
            <input type="checkbox" name="wheelchair" value="1" /> {t('rides.coord.wheelchair')}
          </label>
          <p>
            <button type="submit">{t('rides.coord.enrolSubmit')}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="uncovered">
        <h2 id="uncovered">{t('rides.coord.uncovered')}</h2>
        {props.uncovered.length === 0 ? (
          <p>{t('rides.coord.allCovered')}</p>
        ) : (
          <ul data-uncovered={props.uncovered.length}>
            {hourRuns(props.uncovered).map((run) => (
              <li>
                {weekdayName(run.day as Weekday, locale)} {two(run.from)}-{two(run.to)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="trips">
        <h2 id="trips">{t('rides.log.title')}</h2>
        <form method="get" action={link(ctx, base)}>
          <p>
            <label for="log-from">{t('demand.from')}</label>{' '}
            <input id="log-from" name="from" type="date" value={log.from} />{' '}
            <label for="log-to">{t('demand.to')}</label>{' '}
            <input id="log-to" name="to" type="date" value={log.to} />{' '}
            <button type="submit">{t('demand.show')}</button>
          </p>
        </form>
        <table data-trip-log>
          <caption>{t('rides.log.caption', { from: log.from, to: log.to })}</caption>
          <tbody>
            {(
              [
                ['requested', log.requested],
                ['completed', log.completed],
                ['noShows', log.noShows],
                ['cancelled', log.cancelled],
                ['unmet', log.unmet],
                ['pending', log.pending],
                ['miles', log.miles],
                ['hoursCovered', log.hoursCovered],
              ] as const
            ).map(([key, value]) => (
              <tr>
                <th scope="row">{t(`rides.log.${key}`)}</th>
                <td data-count={key}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href={`${base}/trips.csv?${period}`} download>
            {t('demand.csv')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The programs a person coordinates. */
export function ProgramsPage({
  ctx,
  programs,
}: {
  ctx: PageContext;
  programs: readonly RideProgram[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('rides.programs.title')}>
      <h1>{t('rides.programs.title')}</h1>
      {programs.length === 0 ? (
        <p>{t('rides.programs.none')}</p>
      ) : (
        <ul>
          {programs.map((p) => (
            <li>
              <a href={link(ctx, `/rides/programs/${p.slug}`)}>{p.name}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

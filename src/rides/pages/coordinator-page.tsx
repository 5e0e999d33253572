/**
 * The coordinator's page of a ride program: drivers (contact, area, hours, seats, vetting) with
 * the approval form, a form to enrol a driver, the hours of the week no driver covers, and the
 * trip log for a period with its CSV. The log holds no rider identity.
 */
import { CsrfField, Field, hintId, Notice, PeriodFields } from '../../web/kit/form-parts.js';
import { Layout } from '../../web/layout.js';
import { link, type PageContext } from '../../web/page-context.js';
import type { Weekday } from '../../meetings/model.js';
import { weekdayName } from '../../web/intl-format.js';
import { contactText } from '../contact.js';
import type { Contact, Driver, RideProgram } from '../model.js';
import type { TripLog } from '../trip-log.js';
import { formatWeeklyHours } from '../weekly-hours.js';
import { ContactFields } from './contact-fields.js';

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
      <Notice>{props.notice}</Notice>
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
                  <CsrfField token={props.csrf} />
                  <Field id={`licence-${d.id}`} label={t('rides.coord.licence')}>
                    <input id={`licence-${d.id}`} name="licence" type="date" required />
                  </Field>
                  <Field id={`insurance-${d.id}`} label={t('rides.coord.insurance')}>
                    <input id={`insurance-${d.id}`} name="insurance" type="date" required />
                  </Field>
                  <Field id={`background-${d.id}`} label={t('rides.coord.background')}>
                    <input
                      id={`background-${d.id}`}
                      name="background"
                      type="date"
                      required={program.rules.backgroundCheckRequired}
                    />
                  </Field>
                  <button type="submit">{t('rides.coord.approve')}</button>
                </form>
              ) : (
                <form method="post" action={link(ctx, `${base}/drivers/${d.id}/pause`)}>
                  <CsrfField token={props.csrf} />
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
          <CsrfField token={props.csrf} />
          <Field id="enrol-name" label={t('rides.coord.name')}>
            <input id="enrol-name" name="name" required maxLength={80} />
          </Field>
          <ContactFields ctx={ctx} id="enrol-contact" />
          <Field id="enrol-town" label={t('rides.coord.home')}>
            <input id="enrol-town" name="town" required maxLength={100} />
          </Field>
          <Field id="enrol-radius" label={t('rides.coord.radius')}>
            <input
              id="enrol-radius"
              name="radius"
              type="number"
              min={1}
              max={200}
              value="25"
              required
            />
          </Field>
          <Field
            id="enrol-hours"
            label={t('rides.coord.onCall')}
            hint={t('rides.coord.onCallHint')}
          >
            <input
              id="enrol-hours"
              name="hours"
              required
              maxLength={300}
              aria-describedby={hintId('enrol-hours')}
            />
          </Field>
          <Field id="enrol-seats" label={t('rides.coord.seats')}>
            <input id="enrol-seats" name="seats" type="number" min={1} max={8} value="3" required />
          </Field>
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
            <PeriodFields ctx={ctx} idPrefix="log" from={log.from} to={log.to} />
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

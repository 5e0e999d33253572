/** The center's volunteer shifts for the next four weeks: sign up, withdraw, add a shift. */
import { link } from '../../web/page-context.js';
import { roleMay } from '../model.js';
import type { ShiftView } from '../shifts/model.js';
import { formatDay, formatTime } from './center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import { Field } from '../../web/kit/form-parts.js';

/** The new shift form's fields: name, words, and the input's attributes. */
const shiftFields: readonly [
  string,
  'shiftTitle' | 'date' | 'start' | 'end' | 'capacity',
  Record<string, unknown>,
][] = [
  ['title', 'shiftTitle', { required: true, maxLength: 200 }],
  ['date', 'date', { type: 'date', required: true }],
  ['start', 'start', { type: 'time', required: true }],
  ['end', 'end', { type: 'time', required: true }],
  ['capacity', 'capacity', { type: 'number', min: 1, max: 100, value: '2', required: true }],
];

export function ShiftsPage({ view, shifts }: { view: DeskView; shifts: readonly ShiftView[] }) {
  const { ctx, access } = view;
  const { t } = ctx;
  const zone = view.timeZone;
  const day = (iso: string) => formatDay(iso, ctx.locale, zone);
  const time = (iso: string) => formatTime(iso, ctx.locale, zone);
  const mayManage = roleMay(access.role, 'shift.manage');
  return (
    <CenterFrame view={view} title={t('center.shifts.title')}>
      <h1>{t('center.shifts.title')}</h1>
      <p>{t('center.shifts.intro')}</p>
      {shifts.length === 0 ? (
        <p>{t('center.shifts.none')}</p>
      ) : (
        <ul class="list">
          {shifts.map((shift) => {
            const when = day(shift.startsAt);
            const full = shift.signedUp.length >= shift.capacity;
            return (
              <li class="result" data-shift={shift.id}>
                <h2>{shift.title}</h2>
                <p>
                  {t('center.shifts.when', {
                    day: when,
                    start: time(shift.startsAt),
                    end: time(shift.endsAt),
                  })}
                </p>
                <p>
                  {t('center.shifts.filled', {
                    count: shift.signedUp.length,
                    capacity: shift.capacity,
                  })}
                  {mayManage && shift.signedUp.length > 0 && `: ${shift.signedUp.join(', ')}`}
                </p>
                {shift.mine ? (
                  <form
                    method="post"
                    action={link(ctx, centerPath(access, `/shifts/${shift.id}/withdraw`))}
                  >
                    <Csrf view={view} />
                    <p>{t('center.shifts.you')}</p>
                    <button type="submit" class="fav">
                      {t('center.shifts.withdraw', { title: shift.title, day: when })}
                    </button>
                  </form>
                ) : full ? (
                  <p>
                    <strong>{t('center.shifts.full')}</strong>
                  </p>
                ) : (
                  <form
                    method="post"
                    action={link(ctx, centerPath(access, `/shifts/${shift.id}/sign-up`))}
                  >
                    <Csrf view={view} />
                    <button type="submit">
                      {t('center.shifts.signUp', { title: shift.title, day: when })}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {mayManage && (
        <section aria-labelledby="add-shift">
          <h2 id="add-shift">{t('center.shifts.add')}</h2>
          <form method="post" action={link(ctx, centerPath(access, '/shifts'))}>
            <Csrf view={view} />
            {shiftFields.map(([name, label, attributes]) => (
              <Field id={`shift-${name}`} label={t(`center.shifts.${label}`)}>
                <input id={`shift-${name}`} name={name} {...attributes} />
              </Field>
            ))}
            <p>
              <button type="submit">{t('center.shifts.save')}</button>
            </p>
          </form>
        </section>
      )}
    </CenterFrame>
  );
}

/** The center's volunteer shifts for the next four weeks: sign up, withdraw, add a shift. */
import { link } from '../../web/page-context.js';
import { roleMay } from '../model.js';
import type { ShiftView } from '../shifts/model.js';
import { formatDay, formatTime } from './center-dates.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';

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
            <p class="field">
              <label for="shift-title">{t('center.shifts.shiftTitle')}</label>
              <input id="shift-title" name="title" required maxLength={200} />
            </p>
            <p class="field">
              <label for="shift-date">{t('center.shifts.date')}</label>
              <input id="shift-date" name="date" type="date" required />
            </p>
            <p class="field">
              <label for="shift-start">{t('center.shifts.start')}</label>
              <input id="shift-start" name="start" type="time" required />
            </p>
            <p class="field">
              <label for="shift-end">{t('center.shifts.end')}</label>
              <input id="shift-end" name="end" type="time" required />
            </p>
            <p class="field">
              <label for="shift-capacity">{t('center.shifts.capacity')}</label>
              <input
                id="shift-capacity"
                name="capacity"
                type="number"
                min={1}
                max={100}
                value="2"
                required
              />
            </p>
            <p>
              <button type="submit">{t('center.shifts.save')}</button>
            </p>
          </form>
        </section>
      )}
    </CenterFrame>
  );
}

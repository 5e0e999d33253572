/**
 * Adding or changing a calendar event: a plain form (no script), shown again with what was typed
 * and the reason beside the field when the service refuses one. A change applies to every
 * occurrence of the series.
 */
import { programs } from '../../meetings/programs.js';
import { link } from '../../web/page-context.js';
import { eventKinds, eventRepeats, eventVisibilities, type CenterEvent } from '../events/model.js';
import { DEFAULT_GROUP_PROGRAM } from '../events/listing.js';
import { CenterFrame, Csrf, centerPath, type DeskView } from './center-frame.js';
import {
  FieldProblem,
  FormProblem,
  problemAttributes,
  typed,
  type FilledForm,
} from './form-problem.js';

const formFields = [
  'title',
  'kind',
  'program',
  'description',
  'repeat',
  'startsOn',
  'endsOn',
  'weekOfMonth',
  'start',
  'durationMinutes',
  'visibility',
];
const weeks = ['1', '2', '3', '4', '5', 'last'] as const;

export function EventFormPage({
  view,
  event,
  filled,
}: {
  view: DeskView;
  /** The event being changed; absent for a new one. */
  event?: CenterEvent | undefined;
  filled?: FilledForm | undefined;
}) {
  const { ctx, access } = view;
  const { t } = ctx;
  const title =
    event === undefined
      ? t('center.eventForm.newTitle')
      : t('center.eventForm.editTitle', { title: event.title });
  const action = centerPath(access, event === undefined ? '/calendar' : `/calendar/${event.id}`);
  const value = (name: string, fallback: string) => typed(filled, name, fallback);
  const week =
    event?.weekOfMonth === undefined
      ? ''
      : event.weekOfMonth === -1
        ? 'last'
        : String(event.weekOfMonth);
  const choice = <T extends string>(
    name: 'kind' | 'repeat' | 'visibility',
    options: readonly T[],
    chosen: T,
    label: (o: T) => string,
  ) => (
    <fieldset {...problemAttributes(filled, name)}>
      <legend>{t(`center.eventForm.${name}`)}</legend>
      <FieldProblem filled={filled} name={name} />
      {options.map((o) => (
        <label>
          <input type="radio" name={name} value={o} required checked={value(name, chosen) === o} />{' '}
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
  const input = (
    name: 'title' | 'startsOn' | 'endsOn' | 'start' | 'durationMinutes',
    type: 'text' | 'date' | 'time' | 'number',
    fallback: string,
    extra: Record<string, unknown> = {},
  ) => {
    // One attribute bag: the input's type is chosen at run time.
    const attributes: Record<string, unknown> = {
      id: `event-${name}`,
      name,
      type,
      value: value(name, fallback),
      ...extra,
      ...problemAttributes(filled, name),
    };
    return (
      <p class="field">
        <label for={`event-${name}`}>
          {t(`center.eventForm.${name === 'durationMinutes' ? 'duration' : name}`)}
        </label>
        <input {...attributes} />
        <FieldProblem filled={filled} name={name} />
      </p>
    );
  };
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <form method="post" action={link(ctx, action)}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={formFields} />
        {input('title', 'text', event?.title ?? '', {
          required: true,
          maxLength: 200,
          autocomplete: 'off',
        })}
        {choice('kind', eventKinds, event?.kind ?? 'group', (k) => t(`center.event.kind.${k}`))}
        <p class="field">
          <label for="event-program">{t('center.eventForm.program')}</label>
          <select id="event-program" name="program" {...problemAttributes(filled, 'program')}>
            <option value="">{t('center.eventForm.programDefault')}</option>
            {programs
              .filter((p) => p.id !== DEFAULT_GROUP_PROGRAM)
              .map((p) => (
                <option value={p.id} selected={value('program', event?.program ?? '') === p.id}>
                  {p.names[ctx.locale] ?? p.name}
                </option>
              ))}
          </select>
          <FieldProblem filled={filled} name="program" />
        </p>
        <p class="field">
          <label for="event-description">{t('center.eventForm.description')}</label>
          <textarea
            id="event-description"
            name="description"
            rows={3}
            maxLength={2000}
            {...problemAttributes(filled, 'description')}
          >
            {value('description', event?.description ?? '')}
          </textarea>
          <FieldProblem filled={filled} name="description" />
        </p>
        {choice('repeat', eventRepeats, event?.repeat ?? 'weekly', (r) =>
          t(`center.event.repeat.${r}`),
        )}
        {input('startsOn', 'date', event?.startsOn ?? '', { required: true })}
        {input('endsOn', 'date', event?.endsOn ?? '')}
        <p class="field">
          <label for="event-weekOfMonth">{t('center.eventForm.weekOfMonth')}</label>
          <select
            id="event-weekOfMonth"
            name="weekOfMonth"
            {...problemAttributes(filled, 'weekOfMonth')}
          >
            <option value="">{t('center.eventForm.weekAsDate')}</option>
            {weeks.map((w) => (
              <option value={w} selected={value('weekOfMonth', week) === w}>
                {t(`center.eventForm.week.${w}`)}
              </option>
            ))}
          </select>
          <FieldProblem filled={filled} name="weekOfMonth" />
        </p>
        {input('start', 'time', event?.start ?? '', { required: true })}
        {input('durationMinutes', 'number', String(event?.durationMinutes ?? 60), {
          required: true,
          min: 5,
          max: 720,
          inputMode: 'numeric',
        })}
        {choice('visibility', eventVisibilities, event?.visibility ?? 'public', (v) =>
          t(`center.event.visibility.${v}`),
        )}
        <p>
          <button type="submit">{t('center.eventForm.save')}</button>
        </p>
      </form>
      {event !== undefined && (
        <form method="post" action={link(ctx, centerPath(access, `/calendar/${event.id}/delete`))}>
          <Csrf view={view} />
          <p>
            <button type="submit" class="fav">
              {t('center.eventForm.delete', { title: event.title })}
            </button>
          </p>
        </form>
      )}
    </CenterFrame>
  );
}

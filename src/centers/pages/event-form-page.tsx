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
  FormProblem,
  TypedChoice,
  TypedInput,
  TypedSelect,
  TypedTextArea,
  type FilledForm,
  type InputAttributes,
} from '../../web/kit/filled-form.js';

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
    <TypedChoice
      filled={filled}
      name={name}
      legend={t(`center.eventForm.${name}`)}
      options={options.map((o) => ({ value: o, label: label(o) }))}
      chosen={chosen}
    />
  );
  const input = (
    name: 'title' | 'startsOn' | 'endsOn' | 'start' | 'durationMinutes',
    type: 'text' | 'date' | 'time' | 'number',
    value: string,
    extra: Omit<InputAttributes, 'type'> = {},
  ) => (
    <TypedInput
      filled={filled}
      name={name}
      id={`event-${name}`}
      label={t(`center.eventForm.${name === 'durationMinutes' ? 'duration' : name}`)}
      type={type}
      value={value}
      {...extra}
    />
  );
  /** A menu whose first choice, the empty one, says what leaving it means. */
  const menu = (
    name: 'program' | 'weekOfMonth',
    none: string,
    options: { value: string; label: string }[],
    chosen: string,
  ) => (
    <TypedSelect
      filled={filled}
      name={name}
      id={`event-${name}`}
      label={t(`center.eventForm.${name}`)}
      options={[{ value: '', label: none }, ...options]}
      chosen={chosen}
    />
  );
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
        {menu(
          'program',
          t('center.eventForm.programDefault'),
          programs
            .filter((p) => p.id !== DEFAULT_GROUP_PROGRAM)
            .map((p) => ({ value: p.id, label: p.names[ctx.locale] ?? p.name })),
          event?.program ?? '',
        )}
        <TypedTextArea
          filled={filled}
          name="description"
          id="event-description"
          label={t('center.eventForm.description')}
          rows={3}
          maxLength={2000}
          value={event?.description ?? ''}
        />
        {choice('repeat', eventRepeats, event?.repeat ?? 'weekly', (r) =>
          t(`center.event.repeat.${r}`),
        )}
        {input('startsOn', 'date', event?.startsOn ?? '', { required: true })}
        {input('endsOn', 'date', event?.endsOn ?? '')}
        {menu(
          'weekOfMonth',
          t('center.eventForm.weekAsDate'),
          weeks.map((w) => ({ value: w, label: t(`center.eventForm.week.${w}`) })),
          week,
        )}
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

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
  return (
    <CenterFrame view={view} title={title}>
      <h1>{title}</h1>
      <form method="post" action={link(ctx, action)}>
        <Csrf view={view} />
        <FormProblem filled={filled} fields={formFields} />
        <TypedInput
          filled={filled}
          name="title"
          id="event-title"
          label={t('center.eventForm.title')}
          type="text"
          value={event?.title ?? ''}
          required
          maxLength={200}
          autocomplete="off"
        />
        {choice('kind', eventKinds, event?.kind ?? 'group', (k) => t(`center.event.kind.${k}`))}
        <TypedSelect
          filled={filled}
          name="program"
          id="event-program"
          label={t('center.eventForm.program')}
          options={[
            { value: '', label: t('center.eventForm.programDefault') },
            ...programs
              .filter((p) => p.id !== DEFAULT_GROUP_PROGRAM)
              .map((p) => ({ value: p.id, label: p.names[ctx.locale] ?? p.name })),
          ]}
          chosen={event?.program ?? ''}
        />
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
        <TypedInput
          filled={filled}
          name="startsOn"
          id="event-startsOn"
          label={t('center.eventForm.startsOn')}
          type="date"
          value={event?.startsOn ?? ''}
          required
        />
        <TypedInput
          filled={filled}
          name="endsOn"
          id="event-endsOn"
          label={t('center.eventForm.endsOn')}
          type="date"
          value={event?.endsOn ?? ''}
        />
        <TypedSelect
          filled={filled}
          name="weekOfMonth"
          id="event-weekOfMonth"
          label={t('center.eventForm.weekOfMonth')}
          options={[
            { value: '', label: t('center.eventForm.weekAsDate') },
            ...weeks.map((w) => ({ value: w, label: t(`center.eventForm.week.${w}`) })),
          ]}
          chosen={week}
        />
        <TypedInput
          filled={filled}
          name="start"
          id="event-start"
          label={t('center.eventForm.start')}
          type="time"
          value={event?.start ?? ''}
          required
        />
        <TypedInput
          filled={filled}
          name="durationMinutes"
          id="event-durationMinutes"
          label={t('center.eventForm.duration')}
          type="number"
          value={String(event?.durationMinutes ?? 60)}
          required
          min={5}
          max={720}
          inputMode="numeric"
        />
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

/**
 * The fields of the meeting form, shared by the edit, new-meeting, review and public suggestion
 * pages. Plain HTML controls that work without script; each problem is shown next to its field
 * and listed at the top with a link to it.
 */
import type { ComponentChildren } from 'preact';
import { languageFromWords, languageLabel } from '../../meetings/languages.js';
import { getProgram, programs, typeName, type Program } from '../../meetings/programs.js';
import { attendanceModes, meetingStatuses, type Weekday } from '../../meetings/model.js';
import type { FeedProblem } from '../../platform/errors.js';
import { weekdayName } from '../../web/intl-format.js';
import { problemMessage } from '../../web/i18n/error-messages.js';
import type { MessageId } from '../../web/i18n/translator.js';
import type { PageContext } from '../../web/page-context.js';
import {
  choosableTypes,
  formList,
  formText,
  scheduleKinds,
  scheduleRowCount,
  weeksOfMonth,
  type FormInput,
} from './meeting-form.js';

export interface MeetingFormFieldsProps {
  ctx: PageContext;
  values: FormInput;
  problems: readonly FeedProblem[];
}

/** The id of a field's control. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-z0-9]+/gi, '-')}`;
}

/** Labels of the form's fields, for the problem list. */
const labels: Record<string, MessageId> = {
  name: 'edit.name',
  program: 'edit.program',
  types: 'edit.types',
  languages: 'edit.languages',
  attendance: 'edit.attendance',
  status: 'edit.status',
  timezone: 'edit.timezone',
  location: 'edit.location',
  address: 'edit.address',
  city: 'edit.city',
  state: 'edit.state',
  postal_code: 'edit.postalCode',
  country: 'edit.country',
  latitude: 'edit.latitude',
  longitude: 'edit.longitude',
  location_notes: 'edit.locationNotes',
  conference_url: 'edit.conferenceUrl',
  conference_url_notes: 'edit.conferenceUrlNotes',
  conference_phone: 'edit.conferencePhone',
  conference_phone_notes: 'edit.conferencePhoneNotes',
  group: 'edit.group',
  group_notes: 'edit.groupNotes',
  notes: 'edit.notes',
  note: 'change.note',
  email: 'change.email',
};

/** A problem's field as the form names it. */
function labelOf(ctx: PageContext, field: string | undefined): string {
  if (field === undefined) return '';
  const row = /^s(\d+)\.(\w+)$/.exec(field);
  if (row !== null) return ctx.t('edit.schedule.row', { n: Number(row[1]) + 1 });
  const id = labels[field];
  return id === undefined ? field : ctx.t(id);
}

/** The list of problems at the top of a refused form, each a link to its field. */
export function ProblemSummary({
  ctx,
  problems,
}: {
  ctx: PageContext;
  problems: readonly FeedProblem[];
}) {
  if (problems.length === 0) return null;
  return (
    <div class="notice" role="alert" aria-labelledby="problems-heading" tabIndex={-1} id="problems">
      <h2 id="problems-heading">{ctx.t('edit.problems', { count: problems.length })}</h2>
      <ul>
        {problems.map((p) => (
          <li data-problem-code={p.code} data-field={p.field}>
            {p.field !== undefined ? (
              <a href={`#${fieldId(p.field)}`}>{labelOf(ctx, p.field)}</a>
            ) : null}
            {p.field !== undefined ? ': ' : ''}
            {problemMessage(ctx.locale, p)} <span class="muted">[{p.code}]</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every field of the meeting form. */
export function MeetingFormFields({ ctx, values, problems }: MeetingFormFieldsProps) {
  const { t } = ctx;
  const programId = formText(values, 'program') || 'aa';
  const program = getProgram(programId) ?? getProgram('aa')!;
  const chosen = new Set(formList(values, 'types'));
  const rows = Math.max(1, scheduleRowCount(values));
  const problemOf = (name: string) => problems.filter((p) => p.field === name);

  const text = textField(ctx, values, problemOf);

  return (
    <>
      <fieldset>
        <legend>{t('edit.section.what')}</legend>
        {text('name', 'edit.name', { required: true })}
        <ProgramField ctx={ctx} program={program} problems={problemOf('program')} />
        <TypesField ctx={ctx} program={program} chosen={chosen} problems={problemOf('types')} />
        {text('languages', 'edit.languages', { hint: t('edit.languages.hint') })}
        <AttendanceChoice ctx={ctx} values={values} problems={problemOf('attendance')} />
        <Choice
          ctx={ctx}
          name="status"
          legend={t('edit.status')}
          options={meetingStatuses.map((s) => [s, t(`edit.status.${s}`)])}
          value={formText(values, 'status')}
          problems={problemOf('status')}
        />
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.when')}</legend>
        <p class="muted">{t('edit.schedule.hint')}</p>
        {text('timezone', 'edit.timezone', { hint: t('edit.timezone.hint') })}
        {Array.from({ length: rows }, (_, i) => (
          <ScheduleRow ctx={ctx} index={i} values={values} problems={problems} />
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.where')}</legend>
        {text('location', 'edit.location')}
        {text('address', 'edit.address')}
        {text('city', 'edit.city')}
        {text('state', 'edit.state')}
        {text('postal_code', 'edit.postalCode')}
        {text('country', 'edit.country')}
        {/* A map island may enhance these two with a pin; without script they are plain numbers. */}
        <fieldset data-map-pin="latitude,longitude">
          <legend>{t('edit.pin')}</legend>
          <p class="muted">{t('edit.pin.hint')}</p>
          {text('latitude', 'edit.latitude', { inputMode: 'decimal' })}
          {text('longitude', 'edit.longitude', { inputMode: 'decimal' })}
        </fieldset>
        {text('location_notes', 'edit.locationNotes', { multiline: true })}
        <WheelchairBox ctx={ctx} values={values} />
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.online')}</legend>
        {text('conference_url', 'edit.conferenceUrl', { type: 'url', inputMode: 'url' })}
        {text('conference_url_notes', 'edit.conferenceUrlNotes', { multiline: true })}
        {text('conference_phone', 'edit.conferencePhone', { type: 'tel' })}
        {text('conference_phone_notes', 'edit.conferencePhoneNotes', { multiline: true })}
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.group')}</legend>
        {text('group', 'edit.group')}
        {text('group_notes', 'edit.groupNotes', { multiline: true })}
        {text('notes', 'edit.notes', { multiline: true })}
      </fieldset>
    </>
  );
}

/**
 * The public "add a meeting" form: what a person who goes to the meeting knows, in words. No
 * time zone (it follows from the town or ZIP code), no coordinates, no status; languages by name;
 * the meeting types and notes folded away as optional. Read with `zoneField: 'city'`.
 */
export function SuggestedMeetingFields({ ctx, values, problems }: MeetingFormFieldsProps) {
  const { t, locale } = ctx;
  const programId = formText(values, 'program') || 'aa';
  const program = getProgram(programId) ?? getProgram('aa')!;
  const chosen = new Set(formList(values, 'types'));
  const rows = Math.max(1, scheduleRowCount(values));
  const problemOf = (name: string) => problems.filter((p) => p.field === name);
  const text = textField(ctx, values, problemOf);
  const more = ['types', 'group', 'location_notes', 'notes'].some(
    (name) => problemOf(name).length > 0,
  );
  const languages = formText(values, 'languages')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    // Tags as the blank form holds them are shown as names; what a person typed stays as typed.
    .map((item) => (languageFromWords(item) === item ? languageLabel(item, locale) : item))
    .join(', ');

  return (
    <>
      <fieldset>
        <legend>{t('edit.section.what')}</legend>
        {text('name', 'edit.name', { required: true })}
        <ProgramField ctx={ctx} program={program} problems={problemOf('program')} />
        {text('languages', 'edit.languages', {
          hint: t('suggest.languages.hint'),
          value: languages,
          autoComplete: 'on',
        })}
        <AttendanceChoice ctx={ctx} values={values} problems={problemOf('attendance')} />
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.when')}</legend>
        <p class="muted">{t('suggest.when.hint')}</p>
        {Array.from({ length: rows }, (_, i) => (
          <ScheduleRow ctx={ctx} index={i} values={values} problems={problems} />
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.where')}</legend>
        {text('location', 'edit.location')}
        {text('address', 'edit.address', { autoComplete: 'street-address' })}
        {text('city', 'edit.city', { hint: t('suggest.city.hint') })}
        {text('state', 'edit.state')}
        {text('postal_code', 'edit.postalCode', { inputMode: 'text' })}
        <WheelchairBox ctx={ctx} values={values} />
      </fieldset>

      <fieldset>
        <legend>{t('edit.section.online')}</legend>
        {text('conference_url', 'edit.conferenceUrl', { type: 'url', inputMode: 'url' })}
        {text('conference_phone', 'edit.conferencePhone', { type: 'tel' })}
      </fieldset>

      <details class="more" open={more}>
        <summary>{t('suggest.more')}</summary>
        <TypesField ctx={ctx} program={program} chosen={chosen} problems={problemOf('types')} />
        {text('group', 'edit.group')}
        {text('location_notes', 'edit.locationNotes', { multiline: true })}
        {text('notes', 'edit.notes', { multiline: true })}
      </details>
    </>
  );
}

/** A text field of the meeting form, with its label, hint and problems. */
function textField(
  ctx: PageContext,
  values: FormInput,
  problemOf: (name: string) => FeedProblem[],
) {
  const { t } = ctx;
  return (name: string, label: MessageId, options: TextOptions = {}) => (
    <Field ctx={ctx} name={name} label={t(label)} problems={problemOf(name)} hint={options.hint}>
      {(describedBy) =>
        options.multiline === true ? (
          <textarea
            id={fieldId(name)}
            name={name}
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={problemOf(name).length > 0 ? 'true' : undefined}
          >
            {options.value ?? formText(values, name)}
          </textarea>
        ) : (
          <input
            id={fieldId(name)}
            name={name}
            // Preact types each input type as its own variant, which a union of types does not
            // match; each of these takes the same attributes.
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
            type={(options.type ?? 'text') as 'text'}
            value={options.value ?? formText(values, name)}
            required={options.required}
            inputMode={options.inputMode}
            autoComplete={options.autoComplete ?? 'off'}
            aria-describedby={describedBy}
            aria-invalid={problemOf(name).length > 0 ? 'true' : undefined}
          />
        )
      }
    </Field>
  );
}

function ProgramField(props: {
  ctx: PageContext;
  program: Program;
  problems: readonly FeedProblem[];
}) {
  const { ctx, program } = props;
  return (
    <Field ctx={ctx} name="program" label={ctx.t('edit.program')} problems={props.problems}>
      {(describedBy) => (
        <select id={fieldId('program')} name="program" aria-describedby={describedBy}>
          {programs.map((p) => (
            <option value={p.id} selected={p.id === program.id}>
              {p.names[ctx.locale] ?? p.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function TypesField(props: {
  ctx: PageContext;
  program: Program;
  chosen: ReadonlySet<string>;
  problems: readonly FeedProblem[];
}) {
  const { ctx, program } = props;
  const { t, locale } = ctx;
  return (
    <fieldset id={fieldId('types')}>
      <legend>{t('edit.types', { program: program.names[locale] ?? program.name })}</legend>
      <FieldProblems ctx={ctx} name="types" problems={props.problems} />
      {choosableTypes(program).map((def) => (
        <label>
          <input
            type="checkbox"
            name="types"
            value={def.code}
            checked={props.chosen.has(def.code)}
          />{' '}
          {typeName(program, def.code, locale)}
        </label>
      ))}
    </fieldset>
  );
}

/** How the meeting meets: in person, online or hybrid (both forms ask it the same way). */
function AttendanceChoice(props: {
  ctx: PageContext;
  values: FormInput;
  problems: readonly FeedProblem[];
}) {
  const { t } = props.ctx;
  return (
    <Choice
      ctx={props.ctx}
      name="attendance"
      legend={t('edit.attendance')}
      options={attendanceModes.map((a) => [a, t(`meeting.attendance.${a}`)])}
      value={formText(props.values, 'attendance')}
      problems={props.problems}
    />
  );
}

function WheelchairBox({ ctx, values }: { ctx: PageContext; values: FormInput }) {
  return (
    <label>
      <input
        type="checkbox"
        name="wheelchair"
        value="yes"
        checked={formText(values, 'wheelchair') !== ''}
      />{' '}
      {ctx.t('edit.wheelchair')}
    </label>
  );
}

interface TextOptions {
  hint?: string;
  /** The value shown, when it is not the form's own (languages by name). */
  value?: string;
  multiline?: boolean;
  required?: boolean;
  type?: 'text' | 'url' | 'tel' | 'email';
  inputMode?: 'decimal' | 'url' | 'email' | 'tel' | 'text';
  autoComplete?: string;
}

/** A labelled control with its hint and problems, tied together for screen readers. */
export function Field(props: {
  ctx: PageContext;
  name: string;
  label: string;
  problems: readonly FeedProblem[];
  hint?: string | undefined;
  children: (describedBy: string | undefined) => ComponentChildren;
}) {
  const id = fieldId(props.name);
  const described = [
    props.hint !== undefined ? `${id}-hint` : undefined,
    props.problems.length > 0 ? `${id}-problems` : undefined,
  ].filter((d) => d !== undefined);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint !== undefined && (
        <p class="muted" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldProblems ctx={props.ctx} name={props.name} problems={props.problems} />
      {props.children(described.length > 0 ? described.join(' ') : undefined)}
    </div>
  );
}

function FieldProblems(props: {
  ctx: PageContext;
  name: string;
  problems: readonly FeedProblem[];
}) {
  if (props.problems.length === 0) return null;
  return (
    <ul class="problem" id={`${fieldId(props.name)}-problems`}>
      {props.problems.map((p) => (
        <li data-problem-code={p.code}>{problemMessage(props.ctx.locale, p)}</li>
      ))}
    </ul>
  );
}

function Choice(props: {
  ctx: PageContext;
  name: string;
  legend: string;
  options: [string, string][];
  value: string;
  problems: readonly FeedProblem[];
}) {
  return (
    <fieldset id={fieldId(props.name)}>
      <legend>{props.legend}</legend>
      <FieldProblems ctx={props.ctx} name={props.name} problems={props.problems} />
      {props.options.map(([value, label]) => (
        <label>
          <input type="radio" name={props.name} value={value} checked={value === props.value} />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function ScheduleRow(props: {
  ctx: PageContext;
  index: number;
  values: FormInput;
  problems: readonly FeedProblem[];
}) {
  const { ctx, index, values } = props;
  const { t, locale } = ctx;
  const at = (name: string) => `s${index}.${name}`;
  const value = (name: string) => formText(values, at(name));
  const problemsOf = (name: string) => props.problems.filter((p) => p.field === at(name));
  const select = (name: string, label: string, options: [string, string][]) => (
    <Field ctx={ctx} name={at(name)} label={label} problems={problemsOf(name)}>
      {(describedBy) => (
        <select id={fieldId(at(name))} name={at(name)} aria-describedby={describedBy}>
          {options.map(([v, l]) => (
            <option value={v} selected={v === value(name)}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const input = (name: string, label: string, type: 'time' | 'date', hint?: string) => (
    <Field ctx={ctx} name={at(name)} label={label} problems={problemsOf(name)} hint={hint}>
      {(describedBy) => (
        <input
          id={fieldId(at(name))}
          name={at(name)}
          type={type}
          value={value(name)}
          aria-describedby={describedBy}
          aria-invalid={problemsOf(name).length > 0 ? 'true' : undefined}
        />
      )}
    </Field>
  );
  return (
    <fieldset data-schedule-row={index}>
      <legend>{t('edit.schedule.row', { n: index + 1 })}</legend>
      {select('kind', t('edit.schedule.kind'), [
        ['', t('edit.schedule.kind.none')],
        ...scheduleKinds.map((k): [string, string] => [k, t(`edit.schedule.kind.${k}`)]),
      ])}
      {select(
        'day',
        t('edit.schedule.day'),
        ([0, 1, 2, 3, 4, 5, 6] as Weekday[]).map((d) => [String(d), weekdayName(d, locale)]),
      )}
      {input('start', t('edit.schedule.start'), 'time')}
      {input('end', t('edit.schedule.end'), 'time')}
      {input('anchor', t('edit.schedule.anchor'), 'date', t('edit.schedule.anchor.hint'))}
      {select('week', t('edit.schedule.week'), [
        ['', '—'],
        ...weeksOfMonth.map((w): [string, string] => [
          String(w),
          w === -1 ? t('edit.schedule.week.last') : t('edit.schedule.week.nth', { n: w }),
        ]),
      ])}
    </fieldset>
  );
}

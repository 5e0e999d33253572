/**
 * The finder's GET form: a plain HTML form (no script needed) whose fields carry the search API's
 * parameter names, so submitting it yields a shareable search URL. The counts next to the choices
 * come from the answer's facets. Stable ids (`finder`, `f-near`, ...) let client islands enhance it.
 */
import { isClockTime } from '../../meetings/clock-time.js';
import { focusAreas } from '../../meetings/model.js';
import { groupTags } from '../../meetings/programs.js';
import {
  getProgram,
  programs,
  typeName,
  type Program,
  type TypeTag,
} from '../../meetings/programs.js';
import type { SearchParams } from '../../search/parse-params.js';
import type { SearchResponse } from '../../search/present-results.js';
import type { MessageId } from '../i18n/translator.js';
import { capitalise, clockTime, weekdayName } from '../intl-format.js';
import { link, type PageContext } from '../page-context.js';
import { formatDistance, orList } from './fallback-view.js';
import type { FinderProblem } from './find-meetings.js';
import {
  activeFilterCount,
  finderQueryString,
  offeredTags,
  timeOfDayOf,
  timesOfDay,
  type TimeOfDay,
} from './finder-params.js';
import { problemText } from './problem-view.js';
import { boundedMemo, groupedMemo } from '../bounded-memo.js';
import { escaped, htmlAttr, htmlNode } from '../markup.js';

type Facets = NonNullable<SearchResponse['facets']>;

interface FormProps {
  ctx: PageContext;
  params: SearchParams;
  facets: Facets;
  problem: FinderProblem | undefined;
  /** Offer the "Rides offered" filter (some ride program has drivers). */
  rides?: boolean;
}

interface Choice {
  value: string;
  label: string;
  count?: number | undefined;
}

const PROBLEM_ID = 'finder-problem';

/**
 * The form's words depend on the locale alone (weekday names, time windows, radii, language and
 * program names, the collation of their order): built once per locale and key, not per request.
 */
const words = boundedMemo<unknown>(2_000);
function perLocale<T>(key: string, make: () => T): T {
  return words(key, make) as T;
}

/**
 * A count as the locale writes it ("1,234"). A form shows forty counts, and Intl's formatting
 * was most of its cost: counts recur (the same search, the same directory), so they are kept.
 */
const counts = groupedMemo<number, string>(20_000);
function countText(count: number, locale: string): string {
  return counts(locale, count, () =>
    perLocale(`number:${locale}`, () => new Intl.NumberFormat(locale)).format(count),
  );
}

function collator(locale: string): Intl.Collator {
  return perLocale(`collator:${locale}`, () => new Intl.Collator(locale));
}

/** The search form with its filters; a refused field is named above it and marked invalid. */
export function FinderForm({ ctx, params: given, facets, problem, rides = false }: FormProps) {
  const { t, locale } = ctx;
  // A refused value is not offered again (a hidden field would resubmit it for ever); the text
  // boxes keep theirs so the person can correct what they typed.
  const params: SearchParams = { ...given };
  const refused = problem?.field;
  // The example is for a first search; once a place is found it only pushes the results down.
  const showHint = given.near === undefined || refused === 'near';
  if (refused === 'types' && problem?.value !== undefined) {
    // Only the unknown type is dropped; the others stay ticked.
    const kept = params.types?.split(',').filter((type) => type !== problem.value) ?? [];
    if (kept.length > 0) params.types = kept.join(',');
    else delete params.types;
  } else if (refused !== undefined && refused !== 'near' && refused !== 'q') {
    const names: (keyof SearchParams)[] =
      refused === 'time' || refused === 'from' || refused === 'to'
        ? ['from', 'to']
        : [refused as keyof SearchParams];
    for (const name of names) delete params[name];
  }
  const units = params.units === 'km' ? 'km' : 'mi';
  const invalid = (...fields: string[]) =>
    refused !== undefined && fields.includes(refused)
      ? { 'aria-invalid': 'true' as const, 'aria-describedby': PROBLEM_ID }
      : {};
  const filtersOn = activeFilterCount(params);
  const labelled = (c: Choice) =>
    c.count === undefined ? c.label : `${c.label} (${countText(c.count, locale)})`;

  // The menus and checkboxes are most of the form's elements: templates, not JSX (decision 0050).
  const select = (
    name: keyof SearchParams | 'time',
    label: MessageId,
    choices: Choice[],
    value: string | undefined,
    fields: string[] = [name],
  ) => {
    const chosen = value ?? '';
    const options = choices.map(
      (c) =>
        escaped`<option${htmlAttr('value', c.value)}${c.value === chosen && ' selected'}>${labelled(c)}</option>`,
    );
    const flagged =
      refused !== undefined &&
      fields.includes(refused) &&
      escaped` aria-invalid="true" aria-describedby="${PROBLEM_ID}"`;
    return htmlNode(
      escaped`<p class="field"><label for="f-${name}">${t(label)}</label><select id="f-${name}" name="${name}"${flagged}>${options}</select></p>`,
    );
  };

  const time = timeOfDayOf(params);
  const customWindow = time === undefined && (params.from !== undefined || params.to !== undefined);
  const hidden: { name: keyof SearchParams; value: string }[] = (
    ['tz', 'limit', 'nearest', 'in_progress', 'date', 'include_closed'] as const
  )
    .filter((name) => params[name] !== undefined)
    .map((name) => ({ name, value: params[name]! }));
  if (customWindow) {
    for (const name of ['from', 'to'] as const) {
      if (params[name] !== undefined) hidden.push({ name, value: params[name] });
    }
  }

  const menus = {
    day: dayChoices(ctx, params, facets),
    time: timeChoices(ctx, params, customWindow),
    soon: soonChoices(ctx, params),
    attendance: attendanceChoices(ctx, params, facets),
    program: programChoices(ctx, params, facets),
    focus: focusChoices(ctx, params, facets),
    lang: languageChoices(ctx, params, facets),
    radius: radiusChoices(ctx, params, units),
    units: [
      { value: '', label: t('finder.units.mi') },
      { value: 'km', label: t('finder.units.km') },
    ],
    sort: [
      { value: '', label: t('finder.sort.time') },
      { value: 'distance', label: t('finder.sort.distance') },
    ],
  };
  const types = typeChoices(ctx, params, facets);
  const wheelchair = isTrue(params.wheelchair);
  const withRides = isTrue(params.rides);
  // The folded filters' summary names what is set, so a person sees why the list is short
  // without opening them; the results stay on the first screen of a phone.
  const chosen = (choices: Choice[], value: string | undefined) =>
    value === undefined || value === ''
      ? []
      : choices.filter((c) => c.value === value).map((c) => c.label);
  const setFilters = [
    ...(params.q === undefined ? [] : [`“${params.q}”`]),
    ...chosen(menus.day, params.day),
    ...(time !== undefined ? [t(`finder.time.${time}`)] : []),
    ...(customWindow ? [menus.time[0]!.label] : []),
    ...chosen(menus.soon, params.starting_within),
    ...chosen(menus.attendance, params.attendance),
    ...chosen(menus.program, params.program),
    ...chosen(menus.focus, params.focus),
    ...chosen(menus.lang, params.lang),
    ...chosen(menus.radius, params.radius),
    ...chosen(menus.sort, params.sort === 'distance' ? 'distance' : undefined),
    ...types.filter((c) => c.checked).map((c) => c.label),
    ...(wheelchair ? [t('finder.wheelchair')] : []),
    ...(withRides ? [t('finder.rides')] : []),
  ];

  return (
    <form
      id="finder"
      class="finder"
      method="get"
      action={link(ctx, '/')}
      role="search"
      aria-label={t('finder.search')}
    >
      {problem !== undefined && (
        <div id={PROBLEM_ID} class="notice problem" data-error-code={problem.code}>
          <p>
            {problemText(problem, given, t)}{' '}
            <span class="muted">{t('error.code', { code: problem.code })}</span>
          </p>
          {problem.candidates !== undefined && (
            // Each choice is the same search from that place: one tap, no script needed.
            <ul class="choices">
              {problem.candidates.map((c) => (
                <li key={c.near}>
                  <a
                    href={`${link(ctx, '/')}${finderQueryString({ ...given, near: c.near, cursor: '' })}`}
                  >
                    {c.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="field">
        <label for="f-near">{t('finder.near')}</label>
        <div class="row">
          <input
            id="f-near"
            name="near"
            type="text"
            value={params.near ?? ''}
            enterKeyHint="search"
            aria-describedby={
              refused === 'near'
                ? `f-near-hint ${PROBLEM_ID}`
                : showHint
                  ? 'f-near-hint'
                  : undefined
            }
            aria-invalid={refused === 'near' ? 'true' : undefined}
          />
          <button type="submit">{t('finder.submit')}</button>
        </div>
        {showHint && (
          <span id="f-near-hint" class="hint">
            {t('finder.near.hint')}
          </span>
        )}
      </div>
      <details class="filters" open={refused !== undefined && refused !== 'near'}>
        <summary>
          <span class="name">{t('finder.filters', { count: filtersOn })}</span>
          {setFilters.length > 0 && <span class="set">{setFilters.join(' · ')}</span>}
        </summary>
        <div class="grid">
          <p class="field">
            <label for="f-q">{t('finder.q')}</label>
            <input id="f-q" name="q" type="search" value={params.q ?? ''} {...invalid('q')} />
          </p>
          {select('day', 'finder.day', menus.day, params.day)}
          {select('time', 'finder.time', menus.time, customWindow ? '' : time, [
            'time',
            'from',
            'to',
          ])}
          {select('starting_within', 'finder.soon', menus.soon, params.starting_within)}
          {select('attendance', 'finder.attendance', menus.attendance, params.attendance)}
          {select('program', 'finder.program', menus.program, params.program)}
          {select('focus', 'finder.focus', menus.focus, params.focus)}
          {select('lang', 'finder.lang', menus.lang, params.lang)}
          {select('radius', 'finder.radius', menus.radius, params.radius)}
          {select('units', 'finder.units', menus.units, params.units === 'km' ? 'km' : '')}
          {select('sort', 'finder.sort', menus.sort, params.sort === 'distance' ? 'distance' : '')}
        </div>
        <fieldset aria-describedby={refused === 'types' ? PROBLEM_ID : undefined}>
          <legend>{t('finder.types')}</legend>
          {htmlNode(
            escaped`${types.map(
              (c) =>
                escaped`<label><input type="checkbox" name="types"${htmlAttr('value', c.value)}${c.checked && ' checked'}/> ${labelled(c)}</label>`,
            )}`,
          )}
        </fieldset>
        <label>
          <input
            type="checkbox"
            name="wheelchair"
            value="true"
            checked={wheelchair}
            {...invalid('wheelchair')}
          />{' '}
          {labelled({
            value: 'true',
            label: t('finder.wheelchair'),
            count: facets.tags.wheelchair,
          })}
        </label>
        {(rides || withRides) && (
          <label>
            <input
              type="checkbox"
              name="rides"
              value="true"
              checked={withRides}
              {...invalid('rides')}
            />{' '}
            {t('finder.rides')}
          </label>
        )}
        <button type="submit">{t('finder.apply')}</button>
      </details>
      {hidden.map(({ name, value }) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </form>
  );
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value);
}

/** Adds the current value as a choice when a shared link carries one the menu does not offer. */
function withCurrent(choices: Choice[], value: string | undefined, label: () => string): Choice[] {
  if (value === undefined || choices.some((c) => c.value === value)) return choices;
  return [choices[0]!, { value, label: label() }, ...choices.slice(1)];
}

const WEEK = [0, 1, 2, 3, 4, 5, 6] as const;

function dayChoices({ t, locale }: PageContext, params: SearchParams, facets: Facets): Choice[] {
  const name = (day: number) =>
    perLocale(`weekday:${locale}:${day}`, () =>
      capitalise(weekdayName(day as (typeof WEEK)[number], locale), locale),
    );
  const choices = [
    { value: '', label: t('finder.day.any') },
    ...WEEK.map((day) => ({ value: String(day), label: name(day), count: facets.day[day] ?? 0 })),
  ];
  return withCurrent(choices, params.day, () =>
    orList(
      params.day!.split(',').map((d) => (/^[0-6]$/.test(d) ? name(Number(d)) : d)),
      locale,
    ),
  );
}

function timeChoices({ t, locale }: PageContext, params: SearchParams, custom: boolean): Choice[] {
  const choices: Choice[] = [{ value: '', label: t('finder.time.any') }];
  if (custom) {
    // The window a link brought along stays chosen until another is; "any" clears it.
    choices[0] = {
      value: '',
      label: t('finder.time.custom', {
        from: shownTime(params.from, locale),
        to: shownTime(params.to, locale),
      }),
    };
    choices.push({ value: 'any', label: t('finder.time.any') });
  }
  const windows = perLocale(`times:${locale}`, () =>
    Object.entries(timesOfDay).map(([part, window]) => ({
      value: part,
      label: t('finder.time.window', {
        part: t(`finder.time.${part as TimeOfDay}`),
        from: clockTime(window.from, locale),
        to: clockTime(window.to, locale),
      }),
    })),
  );
  return [...choices, ...windows];
}

/** A window's end as the locale writes it; a value from a hand-made link stays as it was. */
function shownTime(hhmm: string | undefined, locale: string): string {
  if (hhmm === undefined) return '…';
  return isClockTime(hhmm) ? clockTime(hhmm, locale) : hhmm;
}

function soonChoices({ t }: PageContext, params: SearchParams): Choice[] {
  const choices = [
    { value: '', label: t('finder.soon.any') },
    ...[30, 60, 120].map((minutes) => ({
      value: String(minutes),
      label: t('finder.soon.within', { minutes }),
    })),
  ];
  const current = Number(params.starting_within);
  return withCurrent(choices, params.starting_within, () =>
    Number.isInteger(current)
      ? t('finder.soon.within', { minutes: current })
      : params.starting_within!,
  );
}

const ways = ['in_person', 'online', 'hybrid', 'phone'] as const;

function attendanceChoices(
  { t, locale }: PageContext,
  params: SearchParams,
  facets: Facets,
): Choice[] {
  const word = (way: string) =>
    (ways as readonly string[]).includes(way)
      ? t(`meeting.attendance.${way as (typeof ways)[number]}`)
      : way;
  const choices = [
    { value: '', label: t('finder.attendance.any') },
    ...ways.map((way) => ({ value: way, label: word(way), count: facets.attendance[way] ?? 0 })),
  ];
  return withCurrent(choices, params.attendance, () =>
    orList(params.attendance!.split(',').map(word), locale),
  );
}

function programLabel(program: Program, locale: string): string {
  return program.names[locale] ?? program.name;
}

function programChoices(
  { t, locale }: PageContext,
  params: SearchParams,
  facets: Facets,
): Choice[] {
  const chosen = params.program?.split(',') ?? [];
  const listed = programs
    .filter((p) => (facets.program[p.id] ?? 0) > 0 || chosen.includes(p.id))
    .map((p) => ({ value: p.id, label: programLabel(p, locale), count: facets.program[p.id] ?? 0 }))
    .sort((a, b) => b.count - a.count || collator(locale).compare(a.label, b.label));
  return withCurrent(
    [{ value: '', label: t('finder.program.any') }, ...listed],
    params.program,
    () =>
      orList(
        chosen.map((id) => {
          const p = getProgram(id);
          return p === undefined ? id : programLabel(p, locale);
        }),
        locale,
      ),
  );
}

function focusChoices({ t, locale }: PageContext, params: SearchParams, facets: Facets): Choice[] {
  const chosen = params.focus?.split(',') ?? [];
  const word = (focus: string) =>
    (focusAreas as readonly string[]).includes(focus)
      ? t(`finder.focus.${focus as (typeof focusAreas)[number]}`)
      : focus;
  const listed = focusAreas
    .filter((f) => (facets.focus[f] ?? 0) > 0 || chosen.includes(f))
    .map((f) => ({ value: f, label: word(f), count: facets.focus[f] ?? 0 }));
  return withCurrent([{ value: '', label: t('finder.focus.any') }, ...listed], params.focus, () =>
    orList(chosen.map(word), locale),
  );
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the page's language ("Spanish", "español" -> "Español"). */
function languageName(tag: string, locale: string): string {
  return perLocale(`language:${locale}:${tag}`, () => nameOfLanguage(tag, locale));
}

function nameOfLanguage(tag: string, locale: string): string {
  let names = languageNames.get(locale);
  if (names === undefined) {
    names = new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' });
    languageNames.set(locale, names);
  }
  try {
    return capitalise(names.of(tag) ?? tag, locale);
  } catch {
    return tag;
  }
}

function languageChoices(
  { t, locale }: PageContext,
  params: SearchParams,
  facets: Facets,
): Choice[] {
  const listed = Object.entries(facets.language)
    .filter(([, count]) => count > 0)
    .map(([tag, count]) => ({ value: tag, label: languageName(tag, locale), count }))
    .sort((a, b) => b.count - a.count || collator(locale).compare(a.label, b.label));
  return withCurrent([{ value: '', label: t('finder.lang.any') }, ...listed], params.lang, () =>
    orList(
      params.lang!.split(',').map((tag) => languageName(tag, locale)),
      locale,
    ),
  );
}

/** Radius menus per unit; the first is the engine's default radius (40 km, about 25 miles). */
const radii = { mi: [25, 5, 10, 50, 100], km: [40, 10, 20, 80, 160] } as const;

function radiusChoices(
  { t, locale }: PageContext,
  params: SearchParams,
  units: 'mi' | 'km',
): Choice[] {
  const within = (n: number) =>
    perLocale(`radius:${locale}:${units}:${n}`, () =>
      t('finder.radius.within', { distance: formatDistance(n, units, locale, 'long') }),
    );
  const [fallback, ...others] = radii[units];
  const choices = [
    { value: '', label: within(fallback) },
    ...others.map((n) => ({ value: String(n), label: within(n) })),
  ];
  const current = Number(params.radius);
  return withCurrent(choices, params.radius, () =>
    Number.isFinite(current) ? within(current) : params.radius!,
  );
}

/** The offered tags whose counts the answer's facets carry. */
const countedTags = new Set<string>(groupTags);

/**
 * The type checkboxes. With one program chosen, its own types in plain words from its vocabulary
 * (values are its codes); otherwise tags that span programs ("women" finds AA's and NA's alike).
 */
function typeChoices(
  { t, locale }: PageContext,
  params: SearchParams,
  facets: Facets,
): (Choice & { checked: boolean })[] {
  const chosen = params.types?.split(',').filter((v) => v !== '') ?? [];
  const program =
    params.program !== undefined && !params.program.includes(',')
      ? getProgram(params.program)
      : undefined;
  const count = (tag: string) => (countedTags.has(tag) ? facets.tags[tag] : undefined);
  let choices: Choice[];
  if (program === undefined) {
    choices = offeredTags.map((tag) => ({
      value: tag,
      label: t(`finder.tag.${tag}`),
      count: count(tag),
    }));
  } else {
    choices = [];
    for (const tag of offeredTags) {
      const defs = [...program.types.values()].filter((d) => d.tags?.includes(tag as TypeTag));
      for (const def of defs) {
        choices.push({
          value: def.code,
          label: typeName(program, def.code, locale),
          // A tag's count stands for a type only when the program has one type with that tag.
          count: defs.length === 1 ? count(tag) : undefined,
        });
      }
    }
  }
  for (const value of chosen) {
    if (!choices.some((c) => c.value === value)) {
      choices.push({
        value,
        label: program === undefined ? value : typeName(program, value, locale),
      });
    }
  }
  return choices.map((c) => ({ ...c, checked: chosen.includes(c.value) }));
}

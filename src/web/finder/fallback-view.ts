/**
 * The rural fallback in plain words: how many rooms matched nearby, where the nearest one beyond
 * the distance is, which online and phone meetings keep the person's tailoring, and exactly which
 * constraint each suggestion list set aside. Built from the answer's `fallback` section.
 */
import { groupTags, programs, resolveTypeCode, type GroupTag } from '../../meetings/programs.js';
import type { SearchParams } from '../../search/parse-params.js';
import { roundDistance } from '../../search/distance.js';
import { remoteListed, type SearchResponse } from '../../search/present-results.js';
import type { MessageId, Translate } from '../i18n/translator.js';

export type PresentedFallback = NonNullable<SearchResponse['fallback']>;
type PresentedResult = SearchResponse['results'][number];

/** Who the search asked meetings to be for, when that is its one tailoring; else how tailored. */
export type FallbackKind = GroupTag | 'filtered' | 'plain';

/** Parameters that tailor a search beyond where it looks (the ones the sentence must cover). */
const tailoring: readonly (keyof SearchParams)[] = [
  'day',
  'from',
  'to',
  'starting_within',
  'date',
  'program',
  'focus',
  'lang',
  'wheelchair',
  'rides',
  'q',
];

/**
 * The kind of meeting the sentence names: "women's meeting" only when the search asked for
 * exactly that and nothing else; "meeting matching your search" when it was tailored otherwise.
 */
export function fallbackKind(params: SearchParams): FallbackKind {
  const otherwise = tailoring.some((name) => params[name] !== undefined);
  if (params.types === undefined) return otherwise ? 'filtered' : 'plain';
  const types = params.types.split(',').filter((t) => t !== '');
  const tag = types.length === 1 && !otherwise ? groupTagOf(types[0]!) : undefined;
  return tag ?? 'filtered';
}

/** The one group tag a type value stands for, in every program that knows it, if it is one. */
function groupTagOf(value: string): GroupTag | undefined {
  const folded = value.toLowerCase().replace(/[\s-]+/g, '_');
  if ((groupTags as readonly string[]).includes(folded)) return folded as GroupTag;
  const found = new Set<GroupTag>();
  for (const program of programs) {
    const code = resolveTypeCode(program, value);
    const tags = code === undefined ? [] : (program.types.get(code)?.tags ?? []);
    for (const tag of tags)
      if ((groupTags as readonly string[]).includes(tag)) found.add(tag as GroupTag);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

export interface FallbackView {
  /** "No women's meeting in person within 25 miles." */
  summary: string;
  /** "The nearest is 38 miles away, in Athol." */
  nearest?: string;
  /** "Also listed: 6 online meetings and 2 phone meetings for women, ..." */
  remote?: string;
  /** What the rooms further away were not held to. */
  relaxedBeyond?: string;
  /** What the online and phone meetings were not held to (or that every filter still holds). */
  relaxedRemote?: string;
}

interface Speech {
  t: Translate;
  locale: string;
}

/**
 * The fallback's sentences in the page's language. `results` are the matches the page lists
 * above the suggestions: the online and phone meetings among them are counted with the
 * fallback's own, so the sentence gives the number the page shows.
 */
export function fallbackView(
  fallback: PresentedFallback,
  params: SearchParams,
  units: 'mi' | 'km',
  { t, locale }: Speech,
  results: readonly PresentedResult[] = [],
): FallbackView {
  const kind = fallbackKind(params);
  const view: FallbackView = {
    summary: t('finder.fallback.summary', {
      found: fallback.inPersonWithinRadius,
      kind,
      distance: formatDistance(fallback.radius, units, locale, 'long'),
    }),
  };
  const nearest = fallback.nearestBeyond[0];
  if (nearest?.distance !== undefined) {
    const distance = formatDistance(nearest.distance, units, locale, 'long');
    const town = nearest.city ?? nearest.placeName;
    view.nearest =
      town === undefined
        ? t('finder.fallback.nearest', { distance })
        : t('finder.fallback.nearestIn', { distance, town });
    view.relaxedBeyond = relaxedSentence('finder.relaxed.beyond', fallback.relaxed.nearestBeyond, {
      t,
      locale,
    });
  }
  const listed = remoteListed(results, fallback.remote);
  if (listed.length > 0) {
    const phone = listed.filter((r) => !r.hasOnlineLink && r.hasPhone).length;
    const online = listed.length - phone;
    const parts = [
      online > 0 ? t('finder.count.online', { count: online }) : undefined,
      phone > 0 ? t('finder.count.phone', { count: phone }) : undefined,
    ].filter((p): p is string => p !== undefined);
    view.remote = t('finder.fallback.remote', {
      meetings: listFormat(locale, 'conjunction').format(parts),
      count: listed.length,
      kind,
    });
    view.relaxedRemote = relaxedSentence('finder.relaxed.remote', fallback.relaxed.remote, {
      t,
      locale,
    });
  }
  return view;
}

const relaxedWords: Record<string, MessageId> = {
  radius: 'finder.relaxed.radius',
  attendance: 'finder.relaxed.attendance',
  text: 'finder.relaxed.text',
  wheelchair: 'finder.relaxed.wheelchair',
};

function relaxedSentence(id: MessageId, relaxed: readonly string[], { t, locale }: Speech): string {
  const words = relaxed.map((name) => {
    const word = relaxedWords[name];
    return word === undefined ? name : t(word);
  });
  return t(id, { count: words.length, list: listFormat(locale, 'conjunction').format(words) });
}

const formats = new Map<string, Intl.NumberFormat | Intl.ListFormat>();

function listFormat(locale: string, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
  const key = `list:${locale}:${type}`;
  let format = formats.get(key) as Intl.ListFormat | undefined;
  if (format === undefined) {
    format = new Intl.ListFormat(locale, { style: 'long', type });
    formats.set(key, format);
  }
  return format;
}

/**
 * A distance as the locale writes it: "3.2 mi", "25 miles", "3,2 km", "40 kilómetros"; rounded
 * by the one rule every distance follows, whatever rounding the value had.
 */
export function formatDistance(
  value: number,
  units: 'mi' | 'km',
  locale: string,
  display: 'short' | 'long',
): string {
  const key = `distance:${locale}:${units}:${display}`;
  let format = formats.get(key) as Intl.NumberFormat | undefined;
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: units === 'mi' ? 'mile' : 'kilometer',
      unitDisplay: display,
      maximumFractionDigits: 1,
    });
    formats.set(key, format);
  }
  return format.format(roundDistance(value));
}

/** "Online or by phone": several ways of attending chosen together, as one option label. */
export function orList(words: string[], locale: string): string {
  return listFormat(locale, 'disjunction').format(words);
}

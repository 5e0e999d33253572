/**
 * HSDS 3.0 parts read into the directory's parts: phones, schedules, addresses, languages, cost
 * options and the taxonomy terms that carry needs and recovery attributes. Each reader reports
 * what it drops through `report`, naming the field, and never throws.
 */
import { feedProblemCatalogue, type FeedProblemCode } from '../../platform/errors.js';
import {
  costKinds,
  locationTypes,
  moudKinds,
  narrLevels,
  phoneTypes,
  servedGroups,
  weekdayCodes,
  type Address,
  type CostKind,
  type CostOption,
  type Phone,
  type RecoveryAttributes,
  type Schedule,
  type ServedGroup,
  type WeekdayCode,
} from '../model.js';
import { findNeed, type NeedCode } from '../needs.js';

/** Says a problem of the record being read: the field (relative to the record) and a detail. */
export type Report = (field: string, code: FeedProblemCode, detail?: string) => void;

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, or a number as text; anything else is absent. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Copies the defined entries only (the model's optional fields are absent, never undefined). */
export function defined<T extends object>(record: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export function webUrl(value: unknown, field: string, report: Report): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    report(field, 'PL_INVALID_URL', raw);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    report(field, 'PL_UNSAFE_URL', raw);
    return undefined;
  }
  return url.href;
}

export function phones(value: unknown, field: string, report: Report): Phone[] {
  const out: Phone[] = [];
  list(value).forEach((item, i) => {
    if (!isObject(item)) return;
    const number = text(item.number)?.replace(/^"+|"+$/g, '');
    if (number === undefined || number.replace(/\D/g, '').length < 3) {
      report(`${field}[${i}].number`, 'PL_INVALID_PHONE', number);
      return;
    }
    const type = text(item.type)?.toLowerCase();
    out.push(
      defined({
        number,
        type: (phoneTypes as readonly string[]).includes(type ?? '')
          ? (type as Phone['type'])
          : undefined,
        extension: text(item.extension),
        description: text(item.description),
      }),
    );
  });
  return out;
}

/** BCP-47 tags of HSDS language objects (`code`), canonical; a tag that is not one is dropped. */
export function languages(value: unknown, field: string, report: Report): string[] {
  const tags: string[] = [];
  list(value).forEach((item, i) => {
    const code = isObject(item) ? text(item.code) : text(item);
    if (code === undefined) return;
    const tag = canonicalTag(code);
    if (tag === undefined) report(`${field}[${i}].code`, 'PL_INVALID_FIELD', code);
    else if (!tags.includes(tag)) tags.push(tag);
  });
  return tags;
}

/** Tags already canonicalised: a directory names the same few languages thousands of times. */
const canonicalTags = new Map<string, string | undefined>();

export function canonicalTag(code: string): string | undefined {
  if (canonicalTags.has(code)) return canonicalTags.get(code);
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(code)[0];
  } catch {
    tag = undefined;
  }
  if (canonicalTags.size < 1000) canonicalTags.set(code, tag);
  return tag;
}

const timeOfDay = /^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `HH:MM` of an HSDS time (`10:00`, `10:00:00`, `10:00:00Z`), or undefined. */
export function clockTime(value: string): string | undefined {
  const match = timeOfDay.exec(value);
  return match === null ? undefined : `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/**
 * Opening hours. A schedule with a frequency other than weekly or monthly, a weekday that is
 * not one, or a time that is not a time of day is impossible: it is dropped, with a warning.
 */
export function schedules(value: unknown, field: string, report: Report): Schedule[] {
  const out: Schedule[] = [];
  list(value).forEach((item, i) => {
    if (!isObject(item)) return;
    const at = `${field}[${i}]`;
    const freq = (text(item.freq) ?? 'WEEKLY').toUpperCase();
    if (freq !== 'WEEKLY' && freq !== 'MONTHLY') {
      report(`${at}.freq`, 'PL_INVALID_SCHEDULE', freq);
      return;
    }
    const byDay: WeekdayCode[] = [];
    let weekOfMonth: number | undefined;
    for (const part of (text(item.byday) ?? '').split(',')) {
      const day = part.trim().toUpperCase();
      if (day === '') continue;
      const match = /^([+-]?[1-5])?([A-Z]{2})$/.exec(day);
      if (match === null || !(weekdayCodes as readonly string[]).includes(match[2]!)) {
        report(`${at}.byday`, 'PL_INVALID_SCHEDULE', day);
        return;
      }
      if (match[1] !== undefined) weekOfMonth = Number(match[1]);
      if (!byDay.includes(match[2] as WeekdayCode)) byDay.push(match[2] as WeekdayCode);
    }
    const times: Partial<Record<'opensAt' | 'closesAt', string>> = {};
    for (const [key, name] of [
      ['opens_at', 'opensAt'],
      ['closes_at', 'closesAt'],
    ] as const) {
      const raw = text(item[key]);
      if (raw === undefined) continue;
      const time = clockTime(raw);
      if (time === undefined) {
        report(`${at}.${key}`, 'PL_INVALID_SCHEDULE', raw);
        return;
      }
      times[name] = time;
    }
    const description = text(item.description);
    if (byDay.length === 0 && times.opensAt === undefined && description === undefined) return;
    out.push(
      defined({
        freq,
        byDay,
        weekOfMonth: freq === 'MONTHLY' ? weekOfMonth : undefined,
        ...times,
        timeZone: typeof item.timezone === 'string' ? text(item.timezone) : undefined,
        validFrom: text(item.valid_from),
        validTo: text(item.valid_to),
        description,
      }),
    );
  });
  return out;
}

export function addresses(value: unknown, field: string, report: Report): Address[] {
  const out: Address[] = [];
  list(value).forEach((item, i) => {
    if (!isObject(item)) return;
    const address1 = text(item.address_1);
    const city = text(item.city);
    if (address1 === undefined && city === undefined) {
      report(`${field}[${i}].address_1`, 'PL_INVALID_FIELD');
      return;
    }
    const type = text(item.address_type);
    out.push(
      defined({
        type: (locationTypes as readonly string[]).includes(type ?? '')
          ? (type as Address['type'])
          : 'physical',
        address1: address1 ?? '',
        address2: text(item.address_2),
        city: city ?? '',
        region: text(item.state_province) ?? text(item.region) ?? '',
        postalCode: text(item.postal_code) ?? '',
        country: (text(item.country) ?? 'US').toUpperCase().slice(0, 2),
      }),
    );
  });
  return out;
}

/** Words a cost option's `option` uses for each kind, most specific first. */
const costWords: [RegExp, CostKind][] = [
  [/medicaid|masshealth|medi-cal/i, 'medicaid'],
  [/medicare/i, 'medicare'],
  [/sliding/i, 'sliding_scale'],
  [/\bfree\b|no cost|no charge/i, 'free'],
  [/insurance|insured/i, 'insurance'],
  [/self[ _-]?pay|cash|private pay|fee/i, 'self_pay'],
];

export function costKindOf(option: string): CostKind | undefined {
  if ((costKinds as readonly string[]).includes(option)) return option as CostKind;
  return costWords.find(([words]) => words.test(option))?.[1];
}

export function costOptions(value: unknown, field: string, report: Report): CostOption[] {
  const out: CostOption[] = [];
  list(value).forEach((item, i) => {
    if (!isObject(item)) return;
    const option = text(item.option) ?? text(item.amount_description) ?? '';
    const amount = typeof item.amount === 'number' && item.amount >= 0 ? item.amount : undefined;
    const kind = costKindOf(option) ?? (amount === 0 ? 'free' : undefined);
    if (kind === undefined) {
      report(`${field}[${i}].option`, 'PL_INVALID_FIELD', option);
      return;
    }
    out.push(
      defined({
        kind,
        description: text(item.amount_description) ?? (option !== kind ? option : undefined),
        amount,
        currency: text(item.currency),
      }),
    );
  });
  return out;
}

/** What the taxonomy terms of a service say: its needs and its recovery attributes. */
export interface TermReading {
  needs: NeedCode[];
  recovery: RecoveryAttributes;
  serves: ServedGroup[];
}

const flags = {
  naloxone: 'naloxone',
  'walk-in': 'walkIn',
  'same-day': 'sameDay',
  telehealth: 'telehealth',
} as const;

const yes = (value: string | undefined) =>
  value === undefined || /^(1|y|yes|true)$/i.test(value.trim());

/**
 * Reads one term. Recovery attributes are terms of our own vocabulary (`moud:buprenorphine`,
 * `accepts-moud`, `naloxone`, `narr-level:2`, `walk-in`, `same-day`, `telehealth`,
 * `serves:veterans`), the attribute's `value` saying `false` when the service does not; any
 * other term must name an Open Eligibility need.
 */
export function readTerm(code: string, value: string | undefined, into: TermReading): boolean {
  const key = code.trim().toLowerCase().replace(/_/g, '-');
  const [name, arg] = key.split(':') as [string, string | undefined];
  const on = yes(value);
  switch (name) {
    case 'moud':
      if (!(moudKinds as readonly string[]).includes(arg ?? '')) return false;
      if (on && !into.recovery.moud.includes(arg as never)) into.recovery.moud.push(arg as never);
      return true;
    case 'accepts-moud':
      into.recovery.acceptsMoud = on;
      return true;
    case 'naloxone':
    case 'walk-in':
    case 'same-day':
    case 'telehealth':
      into.recovery[flags[name]] = on;
      return true;
    case 'narr-level': {
      const level = Number(arg);
      if (!(narrLevels as readonly number[]).includes(level)) return false;
      into.recovery.narrLevel = level as RecoveryAttributes['narrLevel'] & number;
      return true;
    }
    case 'serves':
      if (!(servedGroups as readonly string[]).includes((arg ?? '').replace(/-/g, '_')))
        return false;
      if (on) into.serves.push((arg ?? '').replace(/-/g, '_') as ServedGroup);
      return true;
    default: {
      const need = findNeed(code);
      if (need === undefined) return false;
      if (!into.needs.includes(need.code)) into.needs.push(need.code);
      return true;
    }
  }
}

/** A problem's English words, for tests and reports that print one. */
export function problemMessage(code: FeedProblemCode, detail?: string): string {
  const message = feedProblemCatalogue[code].message;
  return detail === undefined ? message : `${message} (${detail})`;
}

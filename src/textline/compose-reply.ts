/**
 * The words of a reply, in English or Spanish, fitted to at most three SMS segments: meetings
 * are added one by one while they fit, a long name is shortened, a link is left out before a
 * meeting is, and a meeting that still does not fit is left for MORE. What the line says never
 * depends on the carrier splitting it: every reply is built to fit.
 */
import type { Weekday } from '../meetings/model.js';
import type { TextLanguage } from './parse-message.js';
import { fitsSegments, preferGsm } from './sms-segments.js';

export const MAX_SEGMENTS = 3;

/** One meeting as the reply lists it. */
export interface ReplyMeeting {
  /** The meeting's id (to look up its dial-in). */
  id?: string;
  name: string;
  /** How to get there: at a place, or by a phone dial-in (with an online link besides, maybe). */
  way: 'in_person' | 'phone' | 'online';
  /** The next occurrence in the meeting's own zone, as a member reads it. */
  localDay: Weekday;
  localTime: string;
  /** The meeting zone's short name, given when it differs from the place the person asked about. */
  zoneLabel?: string;
  inProgress?: boolean;
  town?: string;
  distanceMi?: number;
  /** A dial string: digits, `+`, commas (pauses) and `#`/`*` for access codes. */
  dial?: string;
  link: string;
}

/** The rural fallback, in a sentence: the nearest rooms beyond the radius. */
export interface ReplyFallback {
  radiusMi: number;
  nearest?: { name: string; town?: string; distanceMi: number };
}

export interface MeetingsReply {
  language: TextLanguage;
  placeLabel?: string;
  meetings: ReplyMeeting[];
  fallback?: ReplyFallback;
  /** Whether MORE would find others. */
  more: boolean;
}

const DAYS: Record<TextLanguage, readonly string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  es: ['dom', 'lun', 'mar', 'mie', 'jue', 'vie', 'sab'],
};

const WORDS = {
  en: {
    near: (p: string) => `Next meetings near ${p}:`,
    next: 'Next meetings:',
    none: (p?: string) =>
      p === undefined ? 'No meetings found for that.' : `No meetings found near ${p} for that.`,
    phone: 'phone',
    now: 'now',
    footer: 'MORE: more. HELP: help.',
    footerLast: 'HELP: help.',
    fewNear: (mi: number) => `Few meetings within ${mi} mi.`,
    nearest: (what: string) => `Nearest beyond: ${what}.`,
    tryPhone: 'Text PHONE for meetings by phone.',
  },
  es: {
    near: (p: string) => `Proximas reuniones cerca de ${p}:`,
    next: 'Proximas reuniones:',
    none: (p?: string) =>
      p === undefined ? 'No hay reuniones para eso.' : `No hay reuniones cerca de ${p} para eso.`,
    phone: 'tel.',
    now: 'ahora',
    footer: 'MAS: mas. AYUDA: ayuda.',
    footerLast: 'AYUDA: ayuda.',
    fewNear: (mi: number) => `Pocas reuniones a menos de ${mi} mi.`,
    nearest: (what: string) => `La mas cercana mas lejos: ${what}.`,
    tryPhone: 'Escribe TELEFONO para reuniones por telefono.',
  },
} as const;

/** "7pm", "7:30pm" (English); "19:00" (Spanish). */
export function clockFor(localTime: string, language: TextLanguage): string {
  if (language === 'es') return localTime;
  const [h, m] = localTime.split(':').map(Number) as [number, number];
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}${h < 12 ? 'am' : 'pm'}`;
}

/** A whole number of miles, or one decimal below ten. */
function miles(mi: number): string {
  return mi < 10 ? `${Math.round(mi * 10) / 10} mi` : `${Math.round(mi)} mi`;
}

/** The longest way of listing one meeting first, down to the shortest that still helps. */
function entryVariants(m: ReplyMeeting, n: number, language: TextLanguage): string[] {
  const w = WORDS[language];
  const when = m.inProgress
    ? `${w.now} (${clockFor(m.localTime, language)})`
    : `${DAYS[language][m.localDay]} ${clockFor(m.localTime, language)}`;
  const zone = m.zoneLabel !== undefined ? ` ${m.zoneLabel}` : '';
  const where =
    m.way === 'in_person'
      ? [
          m.town === undefined ? undefined : shorten(preferGsm(m.town), 20),
          m.distanceMi !== undefined ? `(${miles(m.distanceMi)})` : undefined,
        ]
          .filter((x) => x !== undefined)
          .join(' ')
      : '';
  const how = m.dial !== undefined ? `${w.phone} tel:${m.dial}` : '';
  const build = (name: string, link: boolean) =>
    [
      `${n}) ${when}${zone} ${name}`.trimEnd() + (where !== '' ? `, ${where}` : ''),
      how,
      link ? m.link : '',
    ]
      .filter((x) => x !== '')
      .join(' ');
  const name = preferGsm(m.name.replace(/\s+/g, ' ').trim());
  const variants = [build(name, true)];
  for (const max of [40, 24, 14]) {
    const short = shorten(name, max);
    if (short !== name) variants.push(build(short, true));
  }
  variants.push(build(shorten(name, 24), false), build(shorten(name, 10), false));
  // The last resort: when and how, without the town.
  variants.push(
    [`${n}) ${when}${zone} ${shorten(name, 10)}`.trimEnd(), how].filter((x) => x !== '').join(' '),
  );
  return variants;
}

/** The name cut to `max` characters (whole code points) with an ellipsis. */
function shorten(name: string, max: number): string {
  const chars = [...name];
  return chars.length <= max
    ? name
    : `${chars
        .slice(0, max - 2)
        .join('')
        .trimEnd()}..`;
}

/**
 * The reply listing meetings, at most three segments long. When the fallback sentence or a long
 * place name leaves no room for a single meeting (a text in UCS-2 holds less than half as much),
 * the meeting wins: the sentence goes, then the place name is shortened.
 */
export function composeMeetingsReply(reply: MeetingsReply): { text: string; listed: number } {
  const full = composeOnce(reply, 40, true);
  if (full.listed > 0 || reply.meetings.length === 0) return full;
  const plain = composeOnce(reply, 40, false);
  return plain.listed > 0 ? plain : composeOnce(reply, 16, false);
}

function composeOnce(
  reply: MeetingsReply,
  placeMax: number,
  withFallback: boolean,
): { text: string; listed: number } {
  const w = WORDS[reply.language];
  const place =
    reply.placeLabel !== undefined ? shorten(preferGsm(reply.placeLabel), placeMax) : undefined;
  const head =
    reply.meetings.length === 0 ? w.none(place) : place !== undefined ? w.near(place) : w.next;
  const lines: string[] = [head];
  if (reply.fallback !== undefined && withFallback) {
    const near = reply.fallback.nearest;
    let sentence = w.fewNear(Math.round(reply.fallback.radiusMi));
    if (near !== undefined) {
      const what = [shorten(preferGsm(near.name), 30), near.town, `(${miles(near.distanceMi)})`]
        .filter((x) => x !== undefined)
        .join(', ')
        .replace(', (', ' (');
      sentence += ` ${w.nearest(what)}`;
    }
    if (fitsSegments([...lines, sentence].join('\n'), MAX_SEGMENTS)) lines.push(sentence);
  }
  let listed = 0;
  let more = reply.more;
  for (const meeting of reply.meetings) {
    const fitted = entryVariants(meeting, listed + 1, reply.language).find((entry) =>
      fitsSegments([...lines, entry, w.footer].join('\n'), MAX_SEGMENTS),
    );
    if (fitted === undefined) {
      more = true;
      break;
    }
    lines.push(fitted);
    listed++;
  }
  if (reply.meetings.length === 0 && reply.fallback === undefined) lines.push(w.tryPhone);
  const footer = more ? w.footer : w.footerLast;
  const withFooter = [...lines, footer].join('\n');
  return {
    text: fitsSegments(withFooter, MAX_SEGMENTS) ? withFooter : fitText(lines.join('\n')),
    listed,
  };
}

/** A plain reply (help, opt-out, a question back) cut to three segments if it must be. */
export function fitText(text: string): string {
  if (fitsSegments(text, MAX_SEGMENTS)) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fitsSegments(`${chars.slice(0, mid).join('')}..`, MAX_SEGMENTS)) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}..`;
}

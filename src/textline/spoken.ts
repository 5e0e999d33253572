/**
 * Meetings said aloud: times as words ("seven thirty P M"), days in full, a zone by its name,
 * so a text-to-speech voice on a poor line reads them clearly rather than "nineteen hundred".
 */
import type { Weekday } from '../meetings/model.js';
import type { ReplyMeeting } from './compose-reply.js';

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZONES: Record<string, string> = {
  EST: 'Eastern time',
  EDT: 'Eastern time',
  CST: 'Central time',
  CDT: 'Central time',
  MST: 'Mountain time',
  MDT: 'Mountain time',
  PST: 'Pacific time',
  PDT: 'Pacific time',
  AKST: 'Alaska time',
  AKDT: 'Alaska time',
  HST: 'Hawaii time',
};

/** A number below 60 in words. */
function words(n: number): string {
  if (n < 20) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens} ${ONES[n % 10]}`;
}

/** "19:30" -> "seven thirty P M"; "12:00" -> "twelve noon"; "09:05" -> "nine oh five A M". */
export function spokenTime(localTime: string): string {
  const [h, m] = localTime.split(':').map(Number) as [number, number];
  if (m === 0 && h === 12) return 'twelve noon';
  if (m === 0 && h === 0) return 'midnight';
  const hour = words(h % 12 === 0 ? 12 : h % 12);
  const minutes = m === 0 ? '' : m < 10 ? ` oh ${words(m)}` : ` ${words(m)}`;
  return `${hour}${minutes} ${h < 12 ? 'A M' : 'P M'}`;
}

export function spokenDay(day: Weekday): string {
  return DAYS[day]!;
}

/** One meeting as a sentence: when, what, where or how. */
export function spokenMeeting(m: ReplyMeeting): string {
  const zone = m.zoneLabel === undefined ? '' : ` ${ZONES[m.zoneLabel] ?? m.zoneLabel}`;
  const when = m.inProgress === true ? 'now, since' : `${spokenDay(m.localDay)} at`;
  const name = m.name.replace(/[<>&]/g, ' ').replace(/\s+/g, ' ').trim();
  if (m.way === 'in_person') {
    const miles =
      m.distanceMi === undefined
        ? ''
        : `, ${m.distanceMi < 1 ? 'less than a mile' : `${Math.round(m.distanceMi)} ${Math.round(m.distanceMi) === 1 ? 'mile' : 'miles'}`} away`;
    return `${when} ${spokenTime(m.localTime)}${zone}: ${name}${m.town !== undefined ? `, in ${m.town}` : ''}${miles}.`;
  }
  return `${when} ${spokenTime(m.localTime)}${zone}, by ${m.way === 'phone' ? 'phone' : 'video'}: ${name}.`;
}

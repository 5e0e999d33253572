/**
 * The summary of one row of the search index, rebuilt from its columns and vocabularies: only
 * result rows get one, so nothing of it is kept per meeting beyond what the columns hold.
 */
import { focusAreas, meetingStatuses, type Attendance } from '../meetings/model.js';
import type { MeetingSummary } from './answer.js';
import {
  ATT_HYBRID,
  FLAG_APPROXIMATE,
  FLAG_CENTRED,
  FLAG_PHONE,
  FLAG_URL,
  KIND_REMOTE,
  TAG_WHEELCHAIR,
} from './row-codes.js';
import type { SearchIndex } from './search-index.js';

/** The summary of `row` of `ix`, the meeting whose id is `id`. */
export function rowSummary(ix: SearchIndex, row: number, id: string): MeetingSummary {
  const flags = ix.flags[row]!;
  const attendance: Attendance =
    ix.kind[row] === KIND_REMOTE
      ? 'online'
      : (ix.attend[row]! & ATT_HYBRID) !== 0
        ? 'hybrid'
        : 'in_person';
  const focusBits = ix.focus[row]!;
  const summary: MeetingSummary = {
    id,
    slug: ix.slugs[row]!,
    name: ix.names[row]!,
    program: ix.programIds.values[ix.program[row]!]!,
    attendance,
    status: meetingStatuses[ix.status[row]!] ?? 'inactive',
    timeZone: ix.zones.values[ix.zone[row]!]!,
    approximate: (flags & FLAG_APPROXIMATE) !== 0,
    wheelchairAccessible: (ix.tags[row]! & TAG_WHEELCHAIR) !== 0,
    hasOnlineLink: (flags & FLAG_URL) !== 0,
    hasPhone: (flags & FLAG_PHONE) !== 0,
    types: [],
    languages: [],
    focus: focusAreas.filter((_, bit) => (focusBits & (1 << bit)) !== 0),
  };
  const placeName = ix.placeNames[row];
  if (placeName !== undefined) summary.placeName = placeName;
  const address = ix.addresses[row];
  if (address !== undefined) summary.address = address;
  const city = ix.cities[row];
  if (city !== undefined) summary.city = city;
  if (!Number.isNaN(ix.lat[row]!) && (flags & FLAG_CENTRED) === 0) {
    summary.latitude = ix.lat[row]!;
    summary.longitude = ix.lng[row]!;
  }
  const typeOff = ix.typeOff[row]!;
  for (let i = typeOff; i < typeOff + ix.typeLen[row]!; i++) {
    const key = ix.typeKeyIds.values[ix.typeKeys.data[i]!]!;
    summary.types.push(key.slice(key.indexOf(':') + 1));
  }
  const langOff = ix.langOff[row]!;
  for (let i = langOff; i < langOff + ix.langLen[row]!; i++) {
    summary.languages.push(ix.languageTags.values[ix.languages.data[i]!]!);
  }
  return summary;
}

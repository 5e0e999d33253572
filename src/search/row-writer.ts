/**
 * Writing one meeting into one row of the search index: its codes, coordinates, pool regions
 * (recurrences, type keys, languages), words and facet signature. The index decides which row
 * (a fresh one for every change) and keeps its lists; this only turns a meeting into numbers.
 */
import {
  focusAreas,
  hasApproximateCoordinates,
  meetingStatuses,
  type Meeting,
} from '../meetings/model.js';
import { getProgram } from '../meetings/programs.js';
import {
  attendanceBits,
  facetTags,
  FLAG_APPROXIMATE,
  FLAG_CENTRED,
  FLAG_PHONE,
  FLAG_URL,
  KIND_PLACE,
  KIND_REMOTE,
  primarySubtag,
  TAG_WHEELCHAIR,
  type FacetTag,
} from './row-codes.js';
import type { SearchIndex } from './search-index.js';
import { flat } from './typed-arrays.js';

const NO_LANGUAGES: number[] = [];

/** Writes `meeting` into `row` (already within the index's capacity). */
export function writeMeetingRow(index: SearchIndex, row: number, meeting: Meeting): void {
  index.slugs[row] = flat(meeting.slug);
  index.names[row] = flat(meeting.name);
  index.placeNames[row] = flat(meeting.place.name);
  index.addresses[row] = flat(meeting.place.formattedAddress);
  index.cities[row] = flat(meeting.place.address.city);

  const statusIndex = meetingStatuses.indexOf(meeting.status);
  const status = statusIndex < 0 ? 2 : statusIndex;
  index.status[row] = status;
  const attend = attendanceBits(meeting.attendance, meeting.online.phone !== undefined);
  index.attend[row] = attend;
  index.kind[row] = meeting.attendance === 'online' ? KIND_REMOTE : KIND_PLACE;
  let flags = 0;
  if (meeting.place.approximate) flags |= FLAG_APPROXIMATE;
  if (hasApproximateCoordinates(meeting.place)) flags |= FLAG_CENTRED;
  if (meeting.online.url !== undefined) flags |= FLAG_URL;
  if (meeting.online.phone !== undefined) flags |= FLAG_PHONE;
  index.flags[row] = flags;

  const programId = index.programIds.id(meeting.program);
  index.program[row] = programId;
  index.gathering[row] = index.gatheringOf(meeting);
  let focus = 0;
  for (const f of meeting.focus) {
    const bit = focusAreas.indexOf(f);
    if (bit >= 0) focus |= 1 << bit;
  }
  index.focus[row] = focus;

  const { latitude, longitude } = meeting.place;
  const hasPoint =
    latitude !== undefined &&
    longitude !== undefined &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  index.lat[row] = hasPoint ? latitude : NaN;
  index.lng[row] = hasPoint ? longitude : NaN;

  const tags = writeTypes(index, row, meeting, programId);
  const primaries = writeLanguages(index, row, meeting);

  // Recurrences, by schedule position, each with its shared occurrence list.
  const zoneId = index.zones.id(meeting.timeZone);
  index.zone[row] = zoneId;
  index.recOff[row] = index.schedules.length;
  const { days, maxDuration } = index.schedules.add(meeting.schedule, zoneId, meeting.timeZone);
  index.recLen[row] = meeting.schedule.length;
  index.maxDur[row] = maxDuration;
  if (maxDuration > index.maxSlotDuration) index.maxSlotDuration = maxDuration;

  index.words.add(row, meeting);
  index.sig[row] = index.facetSignatures.idOf(
    status,
    attend,
    programId,
    focus,
    days,
    tags,
    primaries,
  );
}

/** Types: program-scoped keys in the pool; returns the row's tag bits (with the room's). */
function writeTypes(index: SearchIndex, row: number, meeting: Meeting, programId: number): number {
  let tags = meeting.place.wheelchairAccessible === true ? TAG_WHEELCHAIR : 0;
  index.typeOff[row] = index.typeKeys.length;
  const keysOfProgram = (index.typeKeysByProgram[programId] ??= new Map());
  for (const code of meeting.types) {
    let keyId = keysOfProgram.get(code);
    if (keyId === undefined) {
      keyId = index.typeKeyIds.id(`${meeting.program}:${code}`);
      keysOfProgram.set(code, keyId);
      let keyTags = 0;
      for (const tag of getProgram(meeting.program)?.types.get(code)?.tags ?? []) {
        const bit = facetTags.indexOf(tag as FacetTag);
        if (bit >= 0) keyTags |= 1 << bit;
      }
      index.typeKeyTags[keyId] = keyTags;
    }
    tags |= index.typeKeyTags[keyId]!;
    index.typeKeys.push(keyId);
  }
  index.typeLen[row] = meeting.types.length;
  index.tags[row] = tags;
  return tags;
}

/** Languages: full tags in the pool, each mapped to its primary subtag; returns the primaries. */
function writeLanguages(index: SearchIndex, row: number, meeting: Meeting): number[] {
  index.langOff[row] = index.languages.length;
  const primaries: number[] = meeting.languages.length === 0 ? NO_LANGUAGES : [];
  for (const tag of meeting.languages) {
    let tagId = index.languageTags.find(tag);
    if (tagId === undefined) {
      tagId = index.languageTags.id(tag);
      index.languagePrimary[tagId] = index.primaryLanguages.id(primarySubtag(tag));
    }
    index.languages.push(tagId);
    const primary = index.languagePrimary[tagId]!;
    if (!primaries.includes(primary)) primaries.push(primary);
  }
  index.langLen[row] = meeting.languages.length;
  return primaries;
}

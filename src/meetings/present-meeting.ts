import type { MeetingView } from './api-schema.js';
import type { Meeting } from './model.js';

/** What a meeting's presentation needs of its source. */
export interface SourceLabel {
  name: string;
  lastImportAt?: string;
}

/** What other capabilities know of a meeting's standing: freshness, duplicates, link checks. */
export type MeetingStanding = Pick<
  MeetingView,
  'stale' | 'duplicateOf' | 'alsoListedBy' | 'linkCheck'
>;

/**
 * The public view of a meeting: contacts only when the group made them public, provenance
 * without the raw extra fields (they may hold anything a source's site stores).
 */
export function presentMeeting(
  meeting: Meeting,
  source: SourceLabel,
  publicUrl: string,
  standing: MeetingStanding = {},
): MeetingView {
  const { provenance: p, group } = meeting;
  const { contactsPublic, contacts, sourceId: _groupSourceId, ...groupRest } = group;
  const provenance: MeetingView['provenance'] = {
    source: source.name,
    sourceSlug: p.sourceSlug,
    // Every meeting of a source was seen in its last successful read, changed or not.
    lastFetchedAt: source.lastImportAt ?? p.lastFetchedAt,
  };
  if (p.sourceUrl !== undefined) provenance.sourceUrl = p.sourceUrl;
  if (p.sourceUpdatedAt !== undefined) provenance.sourceUpdatedAt = p.sourceUpdatedAt;
  if (p.lastVerifiedAt !== undefined) provenance.lastVerifiedAt = p.lastVerifiedAt;
  const view: MeetingView = {
    id: meeting.id,
    slug: meeting.slug,
    url: `${publicUrl}/meetings/${encodeURIComponent(meeting.slug)}`,
    name: meeting.name,
    program: meeting.program,
    types: meeting.types,
    languages: meeting.languages,
    focus: meeting.focus,
    attendance: meeting.attendance,
    status: meeting.status,
    timeZone: meeting.timeZone,
    schedule: meeting.schedule,
    place: meeting.place,
    online: meeting.online,
    group: { ...groupRest, contacts: contactsPublic ? contacts : [] },
    contributions: meeting.contributions,
    provenance,
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
  if (meeting.notes !== undefined) view.notes = meeting.notes;
  if (meeting.entity !== undefined) view.entity = meeting.entity;
  return { ...view, ...standing };
}

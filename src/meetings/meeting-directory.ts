/**
 * What routes ask of the stored list of meetings: a page of them, one by slug. Routes hold this
 * service, never the repositories behind it (the import rules enforce it).
 */
import type { Repositories } from '../repositories.js';
import {
  getMeeting,
  listMeetings,
  type ListMeetingsQuery,
  type MeetingPage,
} from './list-meetings.js';
import type { Meeting } from './model.js';
import type { SourceLabel } from './present-meeting.js';

export interface MeetingDirectory {
  /** A page of meetings in slug order (PL_SOURCE_NOT_FOUND for an unknown source). */
  list(query: ListMeetingsQuery): Promise<MeetingPage>;
  /** One meeting and its source's label, or PL_MEETING_NOT_FOUND. */
  get(slug: string): Promise<{ meeting: Meeting; source: SourceLabel }>;
  /** One meeting by slug, if there is one. */
  find(slug: string): Promise<Meeting | undefined>;
}

export function meetingDirectory(repos: Repositories): MeetingDirectory {
  return {
    list: (query) => listMeetings(repos, query),
    get: (slug) => getMeeting(repos, slug),
    find: (slug) => repos.meetings.findBySlug(slug),
  };
}

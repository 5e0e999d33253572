import { PorchlightError } from '../platform/errors.js';
import type { Repositories } from '../repositories.js';
import type { Meeting } from './model.js';
import type { SourceLabel } from './present-meeting.js';

export interface ListMeetingsQuery {
  limit: number;
  cursor?: string;
  /** Any of these programs. */
  program?: readonly string[];
  source?: string;
}

export interface MeetingPage {
  meetings: Meeting[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  sources: Map<string, SourceLabel>;
}

/** Lists stored meetings in slug order, a page at a time. */
export async function listMeetings(
  repos: Repositories,
  query: ListMeetingsQuery,
): Promise<MeetingPage> {
  const sources = await repos.sources.list();
  let sourceId: string | undefined;
  if (query.source !== undefined) {
    sourceId = sources.find((s) => s.name === query.source)?.id;
    if (sourceId === undefined)
      throw new PorchlightError('PL_SOURCE_NOT_FOUND', { name: query.source });
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await repos.meetings.page({
    limit: query.limit + 1,
    ...(after !== undefined ? { after } : {}),
    ...(query.program !== undefined ? { program: query.program } : {}),
    ...(sourceId !== undefined ? { sourceId } : {}),
  });
  const meetings = rows.slice(0, query.limit);
  const page: MeetingPage = { meetings, sources: new Map(sources.map((s) => [s.id, s])) };
  if (rows.length > query.limit) page.nextCursor = encodeCursor(meetings.at(-1)!.slug);
  return page;
}

/** Finds one meeting by our slug. */
export async function getMeeting(
  repos: Repositories,
  slug: string,
): Promise<{ meeting: Meeting; source: SourceLabel }> {
  const meeting = await repos.meetings.findBySlug(slug);
  if (meeting === undefined) throw new PorchlightError('PL_MEETING_NOT_FOUND', { slug });
  const sources = await repos.sources.list();
  const source = sources.find((s) => s.id === meeting.provenance.sourceId) ?? { name: 'unknown' };
  return { meeting, source };
}

function encodeCursor(slug: string): string {
  return Buffer.from(slug, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const slug = Buffer.from(cursor, 'base64url').toString('utf8');
  if (slug === '' || encodeCursor(slug) !== cursor) {
    throw new PorchlightError('PL_INVALID_QUERY', 'The cursor is not one this server handed out.', {
      field: 'cursor',
    });
  }
  return slug;
}

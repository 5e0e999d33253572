/** Adding a meeting by hand: it goes to the local source of the service body it is listed under. */
import { randomUUID } from 'node:crypto';
import type { Meeting, MeetingDraft } from '../../meetings/model.js';
import { chooseSlug } from '../../meetings/slug.js';
import type { Repositories } from '../../repositories.js';
import { requireAuthorized } from '../authorize.js';
import type { Actor } from '../../accounts/model.js';
import { pathOf } from '../tree.js';
import { commitChange, type EditingDeps } from './deps.js';
import { localSourceFor } from './local-source.js';
import { requireMeetingForm, type FormInput } from './meeting-form.js';
import { writeInsert } from './write-meeting.js';
import type { ChangeAuthor, HistoryAction } from '../history/model.js';

/** An empty meeting for the "new meeting" form: weekly, in person, active. */
export function blankDraft(at: string, timeZone = 'America/New_York'): MeetingDraft {
  return {
    name: '',
    program: 'aa',
    types: [],
    languages: ['en'],
    focus: [],
    attendance: 'in_person',
    status: 'active',
    timeZone,
    schedule: [{ kind: 'weekly', day: 1, start: '19:00', durationMinutes: 60 }],
    place: { address: {}, approximate: false, regions: [] },
    online: {},
    group: { contacts: [], contactsPublic: false },
    contributions: [],
    provenance: { sourceId: '', sourceSlug: '', lastFetchedAt: at, extra: {} },
  };
}

/** The service-body path a new meeting would sit under ([] for the whole site). */
export async function bodyPath(repos: Repositories, serviceBodyId: string | undefined) {
  if (serviceBodyId === undefined) return [];
  const bodies = new Map((await repos.serviceBodies.all()).map((b) => [b.id, b]));
  return pathOf(bodies, serviceBodyId) ?? [serviceBodyId];
}

/** Creates a meeting from the form under a service body (or the whole site). */
export async function createMeeting(
  deps: EditingDeps,
  actor: Actor | undefined,
  serviceBodyId: string | undefined,
  form: FormInput,
): Promise<Meeting> {
  requireAuthorized(actor, 'meeting.create', {
    kind: 'meeting',
    path: await bodyPath(deps.repos, serviceBodyId),
  });
  const at = deps.clock.now().toISOString();
  const draft = requireMeetingForm(form, blankDraft(at), {
    ...(deps.locatePlace !== undefined ? { locatePlace: deps.locatePlace } : {}),
  });
  return commitChange(deps, (repos) =>
    insertDraft(repos, draft, serviceBodyId, at, 'create', { personId: actor.personId }),
  );
}

/** Inserts a draft into the local source of a body, with its history entry. */
export async function insertDraft(
  repos: Repositories,
  draft: MeetingDraft,
  serviceBodyId: string | undefined,
  at: string,
  action: HistoryAction,
  author: ChangeAuthor,
  changeSet?: string,
): Promise<{ result: Meeting; touched: { upserted: string[]; removed: string[] } }> {
  const source = await localSourceFor(repos, serviceBodyId, at);
  const id = randomUUID();
  const slug = chooseSlug(draft.name, draft.name, await repos.meetings.slugsInUse());
  const meeting: Meeting = {
    ...draft,
    id,
    slug,
    provenance: { sourceId: source.id, sourceSlug: slug, lastFetchedAt: at, extra: {} },
    createdAt: at,
    updatedAt: at,
  };
  const { meeting: stored } = await writeInsert(repos, meeting, {
    action,
    author,
    at,
    ...(changeSet !== undefined ? { changeSet } : {}),
  });
  return { result: stored, touched: { upserted: [id], removed: [] } };
}

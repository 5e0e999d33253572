/**
 * The finder's use case: a search from the page's URL, answered by the search service and
 * presented as the API presents it. Bad input never fails the page: the person gets the form back
 * with the field named, and the default view below it so the page is never empty.
 */
import { canonicalTimeZone, timeZoneAt } from '../../meetings/time-zone.js';
import { isPorchlightError, type ErrorCode } from '../../platform/errors.js';
import type { PlaceCandidate } from '../../places/gazetteer.js';
import type { SearchParams } from '../../search/parse-params.js';
import { presentWithFacets, type SearchResponseWithFacets } from '../../search/present-results.js';
import type { SearchQuery } from '../../search/query.js';
import type { SearchService } from '../../search/search-service.js';
import { isNarrowed, type FinderInput } from './finder-params.js';

/** What the finder needs of the search service. */
export type FinderSearch = Pick<
  SearchService,
  | 'parse'
  | 'search'
  | 'searchForPerson'
  | 'indexRevision'
  | 'prepare'
  | 'offersRides'
  | 'rideRegionsReadAt'
>;

/**
 * The default view is the same for every visitor of a minute: the online and phone meetings
 * soonest first, and counts that walk every meeting in the index. Both change only with the index
 * (its revision) and with the minute (meetings start and end), so they are remembered per search
 * service for the current revision and minute, keyed by the parameters a default view carries
 * (zone, units, page). A badge or "in progress" may then lag by under a minute, as the page's
 * own `max-age=60` already allows.
 */
const defaultViews = new WeakMap<
  FinderSearch,
  {
    stamp: string;
    answers: Map<string, { zone: string | undefined; answer: SearchResponseWithFacets }>;
  }
>();

const MINUTE_MS = 60_000;
/** Default views remembered per minute (a page per zone, unit and cursor asked for). */
const DEFAULT_VIEWS_KEPT = 256;

/** A parameter the search refused, to show next to its field. */
export interface FinderProblem {
  field: string;
  code: ErrorCode;
  /** What was given, clipped, when it helps to repeat it (an unknown place). */
  value?: string;
  /** The places a name may mean (PL_AMBIGUOUS_PLACE), offered as searches to choose from. */
  candidates?: PlaceCandidate[];
}

export interface FinderOutcome {
  params: SearchParams;
  /** The parameters the shown answer is for: its next page continues these. */
  pageParams: SearchParams;
  /**
   * `search`: the person's own search. `default`: nothing was asked yet (or the search was
   * refused), so the page shows online and phone meetings, soonest first.
   */
  mode: 'search' | 'default';
  problem?: FinderProblem;
  answer: SearchResponseWithFacets;
  /** The counts shown next to the form's choices: those of the person's own search. */
  facets: SearchResponseWithFacets['facets'];
  /** The zone "your time" is shown in: `tz`, else the searched place's; unknown otherwise. */
  viewerZone?: string;
  /** In the default view: how many meetings the directory lists. */
  listed?: number;
  now: number;
}

/** The ways of attending the default view shows: reachable from anywhere. */
export const DEFAULT_ATTENDANCE = 'online,phone';

/** Runs the finder's search for a page request. */
export function findMeetings(
  search: FinderSearch,
  input: FinderInput,
  options: { publicUrl: string; now: number },
): FinderOutcome {
  const { params } = input;
  const run = (p: SearchParams) => {
    const query = search.parse(p);
    const zone = viewerZoneOf(p, query);
    if (zone !== undefined) query.viewerTimeZone = zone;
    return {
      zone,
      answer: presentWithFacets(search.searchForPerson(query), query, options.publicUrl),
    };
  };
  const runDefault = (p: SearchParams) => {
    const stamp = `${search.indexRevision}:${Math.floor(options.now / MINUTE_MS)}`;
    let kept = defaultViews.get(search);
    if (kept?.stamp !== stamp) {
      kept = { stamp, answers: new Map() };
      defaultViews.set(search, kept);
    }
    const key = JSON.stringify(p);
    let view = kept.answers.get(key);
    if (view === undefined) {
      view = run(p);
      if (kept.answers.size >= DEFAULT_VIEWS_KEPT) kept.answers.clear();
      kept.answers.set(key, view);
    }
    return view;
  };

  let problem: FinderProblem | undefined;
  if (input.unreadable !== undefined) {
    problem = { field: input.unreadable.field, code: 'PL_INVALID_QUERY' };
  } else {
    try {
      if (isNarrowed(params)) {
        const { zone, answer } = run(params);
        return withZone(
          {
            params,
            pageParams: params,
            mode: 'search',
            answer,
            facets: answer.facets,
            now: options.now,
          },
          zone,
        );
      }
      const { zone, answer } = runDefault({ ...params, attendance: DEFAULT_ATTENDANCE });
      // Counts for the form come from the whole directory, as the form shows no filter yet.
      const everything = runDefault({ ...params, limit: '1', cursor: '' }).answer;
      return withZone(
        {
          params,
          pageParams: params,
          mode: 'default',
          answer,
          facets: everything.facets,
          listed: everything.total,
          now: options.now,
        },
        zone,
      );
    } catch (error) {
      problem = problemOf(error, params);
      if (problem.code === 'PL_UNKNOWN_TYPE') {
        const unknown = unknownType(search, params);
        if (unknown !== undefined) problem.value = unknown;
      }
    }
  }

  // The refused search still gets a useful page: the default view, with only the parameters
  // that are certainly fine (the viewer's zone and the units).
  const safe: SearchParams = { attendance: DEFAULT_ATTENDANCE };
  if (params.tz !== undefined && canonicalTimeZone(params.tz) !== undefined) safe.tz = params.tz;
  if (params.units === 'km' || params.units === 'mi') safe.units = params.units;
  const { zone, answer } = runDefault(safe);
  return withZone(
    {
      params,
      pageParams: safe,
      mode: 'default',
      problem,
      answer,
      facets: answer.facets,
      now: options.now,
    },
    zone,
  );
}

function withZone(outcome: FinderOutcome, zone: string | undefined): FinderOutcome {
  if (zone !== undefined) outcome.viewerZone = zone;
  return outcome;
}

/** The viewer's zone: as given, else the zone of the place searched from. */
function viewerZoneOf(params: SearchParams, query: SearchQuery): string | undefined {
  if (params.tz !== undefined) return query.viewerTimeZone;
  if (query.near === undefined) return undefined;
  return timeZoneAt(query.near.latitude, query.near.longitude);
}

function problemOf(error: unknown, params: SearchParams): FinderProblem {
  if (!isPorchlightError(error) || typeof error.details?.field !== 'string') throw error;
  const field = error.details.field;
  const problem: FinderProblem = { field, code: error.code };
  if (Array.isArray(error.details.candidates))
    problem.candidates = error.details.candidates as PlaceCandidate[];
  const given = params[field as keyof SearchParams];
  if (given !== undefined) problem.value = given.length > 40 ? `${given.slice(0, 37)}...` : given;
  return problem;
}

/** Which of the ticked types the program does not have, to name it rather than the whole list. */
function unknownType(search: FinderSearch, params: SearchParams): string | undefined {
  for (const type of params.types?.split(',') ?? []) {
    const single: SearchParams = { types: type };
    if (params.program !== undefined) single.program = params.program;
    try {
      search.parse(single);
    } catch {
      return type;
    }
  }
  return undefined;
}

/**
 * The text line: a text in, the reply out. It reads the message (parse-message), keeps the
 * carrier rules (STOP is honoured and remembered, START undoes it), answers HELP with the crisis
 * lines, and otherwise asks the search service for the next meetings a person can reach: in
 * person near the place, soonest first (the nearer first at the same time), then phone dial-ins
 * soonest first, with the rural fallback's nearest room in a sentence when little is near. It
 * keeps nothing about a sender but a keyed hash, an opt-out and an hour of conversation.
 */
import type { Clock } from '../platform/clock.js';
import { PorchlightError } from '../platform/errors.js';
import { localDateIn, timeZoneAt } from '../meetings/time-zone.js';
import type { SearchAnswer, SearchResult } from '../search/answer.js';
import { KM_PER_MILE } from '../search/distance.js';
import type { SearchParams } from '../search/parse-params.js';
import type { Point, SearchQuery } from '../search/query.js';
import {
  composeMeetingsReply,
  fitText,
  type ReplyFallback,
  type ReplyMeeting,
} from './compose-reply.js';
import type { Conversations } from './conversations.js';
import { MinuteCache } from './minute-cache.js';
import { lineWords } from './line-words.js';
import { parseMessage, type SearchFilters, type TextLanguage } from './parse-message.js';
import { RideByText, type LineRides } from './ride-by-text.js';
import { rideWords } from './ride-line-words.js';
import type { SenderKey } from './sender-key.js';

/** How many meetings a reply lists at most. */
export const MEETINGS_PER_REPLY = 3;
/** MORE stops after this many meetings: past them, a new search serves better. */
const MAX_LISTED = 30;
/** The fallback names the nearest room beyond the radius only within this distance (150 mi). */
const NEAREST_BEYOND_MAX_KM = 241;
/** Remote answers kept per minute at most (one per set of filters and zone). */
const REMOTE_CACHE_SIZE = 500;
/** Listings kept per minute at most (one per place, filters, page and language). */
const LISTING_CACHE_SIZE = 2_000;

/** What the line needs of the search service. */
export interface LineSearch {
  parse(params: SearchParams, viewerTimeZone?: string): SearchQuery;
  search(query: SearchQuery): SearchAnswer;
  /** A person's own search, counted when it finds no room near (see src/demand). */
  searchForPerson?(query: SearchQuery): SearchAnswer;
  /** Counts a person's search answered earlier, as `searchForPerson` would have. */
  notePersonSearch?(query: SearchQuery, answer: SearchAnswer): void;
  /**
   * The revision of the directory the index shows; when given, listings are kept for the rest
   * of the minute at that revision (`MinuteCache`).
   */
  readonly indexRevision?: number;
  /** Asks the operator's geocoder, when one is configured, for a place the gazetteer lacks. */
  findTypedPlace?(text: string): Promise<void>;
  /** Reads what a search's parameters need first (where drivers go, for `rides`). */
  prepare?(params: SearchParams): Promise<void>;
}

/** Where the line remembers STOP (by sender key). */
export interface OptOuts {
  isOptedOut(senderKey: string): Promise<boolean>;
  optOut(senderKey: string, at: string): Promise<void>;
  optIn(senderKey: string): Promise<boolean>;
}

export interface TextLineDeps {
  search: LineSearch;
  /** The dial strings (`+16465588656,,123#`) of the given meetings, by meeting id. */
  dialIns(ids: string[]): Promise<Map<string, string>>;
  optOuts: OptOuts;
  senderKey: SenderKey;
  conversations: Conversations;
  clock: Clock;
  publicUrl: string;
  /** Rides to meetings (RIDE), when a ride program can be asked. */
  rides?: LineRides;
}

export interface InboundText {
  /** The sender's number; absent when trying the line out (nothing is then remembered). */
  from?: string;
  text: string;
  /** Answer in this language whatever the words suggest. */
  language?: TextLanguage;
}

/** What the line sends back: nothing (an opted-out sender), or one message. */
export interface TextLineReply {
  messages: string[];
}

/** The meetings found for a place and filters, ready to be listed or read out. */
export interface FoundMeetings {
  placeLabel: string;
  meetings: ReplyMeeting[];
  fallback?: ReplyFallback;
  more: boolean;
}

export type FindOutcome =
  | { kind: 'found'; found: FoundMeetings }
  | { kind: 'unknown_place' }
  | { kind: 'ambiguous'; choices: string[] };

type Listing =
  { kind: 'listed'; text: string; listed: number } | { kind: 'not_found'; text: string };

/** A person's search, kept with a listing so that asking again is counted again. */
interface PersonSearch {
  query: SearchQuery;
  answer: SearchAnswer;
}

export class TextLine {
  private readonly remoteCache = new MinuteCache<SearchResult[]>(REMOTE_CACHE_SIZE);
  private readonly listingCache = new MinuteCache<{ listing: Listing; person?: PersonSearch }>(
    LISTING_CACHE_SIZE,
  );
  private readonly rides: RideByText | undefined;

  constructor(private readonly deps: TextLineDeps) {
    if (deps.rides !== undefined)
      this.rides = new RideByText({
        rides: deps.rides,
        search: deps.search,
        conversations: deps.conversations,
        locate: (place) => {
          const located = this.locate(place);
          return located.kind === 'point' ? located.point : undefined;
        },
      });
  }

  /** The reply to one text. */
  async answer(inbound: InboundText): Promise<TextLineReply> {
    const request = parseMessage(inbound.text, inbound.language);
    const words = lineWords[request.language];
    const sender = inbound.from === undefined ? undefined : this.deps.senderKey(inbound.from);
    const { optOuts, conversations } = this.deps;
    if (request.kind === 'stop') {
      if (sender !== undefined) {
        await optOuts.optOut(sender, this.deps.clock.now().toISOString());
        conversations.forget(sender);
      }
      return reply(words.stopped);
    }
    if (request.kind === 'start') {
      if (sender !== undefined) await optOuts.optIn(sender);
      return reply(words.started);
    }
    if (sender !== undefined) {
      if (await optOuts.isOptedOut(sender)) return { messages: [] };
      const rate = conversations.count(sender);
      if (rate === 'silent') return { messages: [] };
      if (rate === 'over') return reply(words.slowDown);
    }
    if (request.kind === 'help') return reply(words.help);

    const last = sender === undefined ? undefined : conversations.lastSearch(sender);
    if (request.kind === 'ride' || request.kind === 'code') {
      const rides = this.rides;
      if (rides === undefined) return reply(rideWords[request.language].noRides);
      return reply(
        request.kind === 'code'
          ? await rides.code(sender, request.code, request.language)
          : await rides.ride(sender, inbound.from, request, last?.place),
      );
    }
    let place: string;
    let filters: SearchFilters;
    let offset = 0;
    if (request.kind === 'more') {
      if (last === undefined) return reply(words.needPlace);
      ({ place, filters } = last);
      offset = last.shown;
      if (offset >= MAX_LISTED) return reply(words.noMore);
    } else {
      const typed = request.place ?? last?.place;
      if (typed === undefined) return reply(words.needPlace);
      place = typed;
      filters = request.filters;
    }

    const listing = await this.listing(place, filters, offset, request.language);
    if (listing.kind !== 'listed') return reply(listing.text);
    if (request.kind === 'more' && listing.listed === 0) return reply(words.noMore);
    if (sender !== undefined)
      conversations.remember(sender, { place, filters, shown: offset + listing.listed });
    return reply(listing.text);
  }

  /**
   * The text listing the meetings after the first `offset` for a place and filters (or saying
   * why there are none); the voice line texts it to a caller who presses 1.
   */
  async listing(
    place: string,
    filters: SearchFilters,
    offset: number,
    language: TextLanguage,
  ): Promise<Listing> {
    // Most of a reply's work is the same for everyone texting the same words in the same minute.
    const revision = this.deps.search.indexRevision;
    if (revision === undefined)
      return (await this.freshListing(place, filters, offset, language)).listing;
    const minute = this.minuteNow();
    const key = `${language}|${offset}|${place}|${JSON.stringify(filters)}`;
    const kept = this.listingCache.get(key, minute, revision);
    if (kept !== undefined) {
      if (kept.person !== undefined)
        this.deps.search.notePersonSearch?.(kept.person.query, kept.person.answer);
      return kept.listing;
    }
    const fresh = await this.freshListing(place, filters, offset, language);
    // A place not found may be one the operator's geocoder finds on a later try.
    if (fresh.listing.kind === 'listed') this.listingCache.set(key, fresh, minute, revision);
    return fresh.listing;
  }

  private async freshListing(
    place: string,
    filters: SearchFilters,
    offset: number,
    language: TextLanguage,
  ): Promise<{ listing: Listing; person?: PersonSearch }> {
    const words = lineWords[language];
    if (offset === 0) await this.deps.search.findTypedPlace?.(place);
    const { outcome, person } = this.findWithPerson(place, filters, offset, MEETINGS_PER_REPLY);
    if (outcome.kind === 'unknown_place')
      return { listing: { kind: 'not_found', text: words.unknownPlace(clip(place)) } };
    if (outcome.kind === 'ambiguous')
      return {
        listing: {
          kind: 'not_found',
          text: words.ambiguous(clip(place), outcome.choices.slice(0, 3).join('; ')),
        },
      };
    const found = outcome.found;
    await this.addDialIns(found.meetings);
    const { text, listed } = composeMeetingsReply({
      language,
      placeLabel: found.placeLabel,
      meetings: found.meetings,
      ...(offset === 0 && found.fallback !== undefined ? { fallback: found.fallback } : {}),
      more: found.more,
    });
    return {
      listing: { kind: 'listed', text: fitText(text), listed },
      ...(person !== undefined ? { person } : {}),
    };
  }

  /**
   * The next `count` meetings after the first `offset` for a place and filters: in person
   * first, then by phone (or online, when asked for). Dial strings are not filled in yet
   * (`addDialIns`): only the meetings shown need them.
   */
  find(place: string, filters: SearchFilters, offset: number, count: number): FindOutcome {
    return this.findWithPerson(place, filters, offset, count).outcome;
  }

  /** `find`, with the person's own search when it was one (the first page). */
  private findWithPerson(
    place: string,
    filters: SearchFilters,
    offset: number,
    count: number,
  ): { outcome: FindOutcome; person?: PersonSearch } {
    const located = this.locate(place);
    if (located.kind !== 'point') return { outcome: located };
    const point = located.point;
    const zone = timeZoneAt(point.latitude, point.longitude) ?? 'America/New_York';
    const need = offset + count + 1;
    const common = this.commonParams(filters, zone);
    const listed: SearchResult[] = [];
    /** The meetings found as dial-ins (or online): a hybrid one is listed by its number here. */
    const remoteIds = new Set<string>();
    let fallback: ReplyFallback | undefined;
    let person: PersonSearch | undefined;
    const wantsRemoteOnly = filters.attendance === 'online' || filters.attendance === 'phone';
    if (!wantsRemoteOnly) {
      const params: SearchParams = {
        ...common,
        near: `${point.latitude},${point.longitude}`,
        attendance: 'in_person,hybrid',
        // A room whose meeting began a while ago is no use to someone texting now.
        in_progress: 'false',
        limit: String(need),
      };
      const query = this.deps.search.parse(params, zone);
      // The fallback is offered only when nothing at all is near (and is not worked out otherwise).
      query.fallbackThreshold = 1;
      // A reply shows no counts.
      query.countFacets = false;
      // A person's first page is their search; MORE asks the same again and is not counted twice.
      const answer =
        (offset === 0 ? this.deps.search.searchForPerson?.(query) : undefined) ??
        this.deps.search.search(query);
      if (offset === 0) person = { query, answer };
      listed.push(...answer.results);
      const beyond = answer.fallback?.nearestBeyond[0];
      // The sentence is for when nothing is near; a few rooms near are listed as they are.
      if (answer.fallback !== undefined && answer.results.length === 0) {
        fallback = { radiusMi: answer.fallback.radiusKm / KM_PER_MILE };
        // A room a day's drive away helps nobody: past that, the phone meetings speak for themselves.
        if (beyond?.distanceKm !== undefined && beyond.distanceKm <= NEAREST_BEYOND_MAX_KM) {
          fallback.nearest = {
            name: beyond.meeting.name,
            distanceMi: beyond.distanceKm / KM_PER_MILE,
            ...(beyond.meeting.city !== undefined ? { town: beyond.meeting.city } : {}),
          };
        }
      }
    }
    if (listed.length < need) {
      const remote = this.remoteMeetings(
        {
          ...common,
          attendance: filters.attendance ?? 'phone',
          limit: String(need - listed.length),
        },
        zone,
      );
      for (const r of remote) remoteIds.add(r.meeting.id);
      listed.push(...remote);
    }
    const page = listed.slice(offset, offset + count);
    const outcome: FindOutcome = {
      kind: 'found',
      found: {
        placeLabel: point.label ?? place,
        meetings: page.map((r) => this.toReplyMeeting(r, zone, remoteIds.has(r.meeting.id))),
        ...(fallback !== undefined ? { fallback } : {}),
        more: listed.length > offset + count,
      },
    };
    return { outcome, ...(person !== undefined ? { person } : {}) };
  }

  /**
   * The point a person named. A street address the gazetteer does not know as a whole is read
   * from its end: "16 Court Sq Greenfield MA" finds Greenfield, MA.
   */
  private locate(
    place: string,
  ):
    | { kind: 'point'; point: Point }
    | { kind: 'unknown_place' }
    | { kind: 'ambiguous'; choices: string[] } {
    const words = place.split(' ');
    for (let start = 0; start < words.length; start++) {
      const text = words.slice(start).join(' ');
      try {
        return { kind: 'point', point: this.deps.search.parse({ near: text }).near! };
      } catch (error) {
        if (!(error instanceof PorchlightError)) throw error;
        if (error.code === 'PL_AMBIGUOUS_PLACE') {
          const candidates = (error.details?.candidates ?? []) as { near: string }[];
          return { kind: 'ambiguous', choices: candidates.map((c) => c.near) };
        }
        if (error.code !== 'PL_UNKNOWN_PLACE') throw error;
        // A lone state code ("MA") is not a place to guess at.
        if (words.length - start <= 2 && /^[A-Z]{2}$/.test(words.at(-1) ?? '') && start > 0) break;
      }
    }
    return { kind: 'unknown_place' };
  }

  /**
   * The soonest phone (or online) meetings for these filters. They do not depend on the place,
   * and every rural text asks for them, so an answer is kept for the rest of the clock minute:
   * a meeting starting or changing in that minute is seen at most a minute late.
   */
  private remoteMeetings(params: SearchParams, zone: string): SearchResult[] {
    const minute = this.minuteNow();
    // Without a revision to go by, within the minute only (as before the listing cache).
    const revision = this.deps.search.indexRevision ?? 0;
    const key = `${zone}|${JSON.stringify(params)}`;
    let results = this.remoteCache.get(key, minute, revision);
    if (results === undefined) {
      const query = this.deps.search.parse(params, zone);
      query.countFacets = false;
      results = this.deps.search.search(query).results;
      this.remoteCache.set(key, results, minute, revision);
    }
    return results;
  }

  private minuteNow(): number {
    return Math.floor(this.deps.clock.now().getTime() / 60_000);
  }

  /** Fills in the dial strings of the phone meetings listed. */
  async addDialIns(meetings: ReplyMeeting[]): Promise<void> {
    const ids = meetings.flatMap((m) =>
      m.way !== 'in_person' && m.id !== undefined ? [m.id] : [],
    );
    if (ids.length === 0) return;
    const dials = await this.deps.dialIns(ids);
    for (const m of meetings) {
      const dial = m.id === undefined ? undefined : dials.get(m.id);
      if (dial !== undefined) {
        m.dial = dial;
        m.way = 'phone';
      }
    }
  }

  private commonParams(filters: SearchFilters, zone: string): SearchParams {
    const params: SearchParams = { sort: 'time', tz: zone };
    if (filters.programs.length > 0) params.program = filters.programs.join(',');
    if (filters.types.length > 0) params.types = filters.types.join(',');
    if (filters.languages.length > 0) params.lang = filters.languages.join(',');
    const day = filters.day;
    if (day === undefined) return params;
    if (day.kind === 'weekday') params.day = String(day.day);
    else {
      const now = this.deps.clock.now().getTime();
      const when = day.kind === 'tomorrow' ? now + 86_400_000 : now;
      params.date = localDateIn(when, zone);
      if (day.kind === 'tonight') params.from = '17:00';
    }
    return params;
  }

  private toReplyMeeting(result: SearchResult, zone: string, remote: boolean): ReplyMeeting {
    const m = result.meeting;
    const next = result.next;
    const entry: ReplyMeeting = {
      id: m.id,
      name: m.name,
      way: remote ? (m.hasPhone ? 'phone' : 'online') : 'in_person',
      localDay: next?.localDay ?? 0,
      localTime: next?.localTime ?? '00:00',
      link: `${this.deps.publicUrl}/meetings/${m.slug}`,
    };
    if (next?.inProgress === true) entry.inProgress = true;
    if (next !== undefined && m.timeZone !== zone)
      entry.zoneLabel = zoneLabel(m.timeZone, next.start);
    if (m.city !== undefined && entry.way === 'in_person') entry.town = m.city;
    if (result.distanceKm !== undefined) entry.distanceMi = result.distanceKm / KM_PER_MILE;
    return entry;
  }
}

function reply(text: string): TextLineReply {
  return { messages: [fitText(text)] };
}

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 28)}..` : text;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** A zone's short name at an instant ("PST", "GMT+1"). */
function zoneLabel(zone: string, epochMs: number): string {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    zoneFormats.set(zone, format);
  }
  return format.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The dial strings of meetings that have one, by id (for `TextLineDeps.dialIns`). */
export function dialStrings(
  meetings: readonly { id: string; online: { phone?: string } }[],
): Map<string, string> {
  const dials = new Map<string, string>();
  for (const m of meetings) if (m.online.phone !== undefined) dials.set(m.id, m.online.phone);
  return dials;
}

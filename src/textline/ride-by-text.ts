/**
 * A ride asked for by text (decision 0117): `RIDE 01301` lists up to three meetings near the
 * place that volunteer drivers take people to, each at its next date a ride may be asked for;
 * `RIDE 2` asks for the second, picked up at the place texted; the ride program texts a
 * six-digit code, and the code texted back confirms the ride. The number the person texts from
 * is handed to the rides, which keep it sealed; the line keeps only the conversation, by sender
 * key, for an hour.
 */
import { isPorchlightError } from '../platform/errors.js';
import type { SearchParams } from '../search/parse-params.js';
import type { Point } from '../search/query.js';
import type { Conversations, RideChoice } from './conversations.js';
import { fitText } from './compose-reply.js';
import { preferGsm } from './sms-segments.js';
import type { TextLanguage } from './parse-message.js';
import { rideWords } from './ride-line-words.js';
import type { LineSearch } from './text-line.js';

/** How many meetings a RIDE reply offers. */
export const RIDE_CHOICES = 3;
/** Meetings with rides looked at to find three with a date a ride may still be asked for. */
const LOOKED_AT = 12;

/** What the line needs of the rides (the app hands the ride desk in). */
export interface LineRides {
  /** The next starts (ISO) a ride may be asked for to this meeting; none when no driver goes. */
  askable(meetingSlug: string): Promise<string[]>;
  /** A date as the rider reads it ("Tue 8 Dec, 7:00 PM"), in the meeting's zone. */
  when(start: string, meetingSlug: string, language: TextLanguage): Promise<string>;
  /** Asks for the ride (the code goes to `phone`); the ride's page link comes back. */
  ask(request: {
    meetingSlug: string;
    occurrenceStart: string;
    pickup: Point & { text: string };
    phone: string;
    language: TextLanguage;
  }): Promise<{ link: string }>;
  /** Confirms with the code texted: the ride is then open (offered) or unmet (nobody fits). */
  confirm(link: string, code: string): Promise<'open' | 'unmet' | 'other'>;
}

export interface RideByTextDeps {
  rides: LineRides;
  search: Pick<LineSearch, 'parse' | 'search' | 'prepare'>;
  conversations: Conversations;
  /** The point a person named, as the line reads places. */
  locate(place: string): Point | undefined;
}

/** The line's answers to RIDE and to a code. */
export class RideByText {
  constructor(private readonly deps: RideByTextDeps) {}

  /** `RIDE <place>` lists meetings with rides; `RIDE <n>` asks for the n-th listed. */
  async ride(
    sender: string | undefined,
    phone: string | undefined,
    request: { language: TextLanguage; place?: string; choice?: number },
    lastPlace: string | undefined,
  ): Promise<string> {
    const words = rideWords[request.language];
    if (request.choice !== undefined) return this.ask(sender, phone, request.choice, words);
    const place = request.place ?? lastPlace;
    if (place === undefined) return words.needPlace;
    const point = this.deps.locate(place);
    if (point === undefined) return words.unknownPlace(clip(place));
    const choices = await this.choices(point, request.language);
    const label = point.label ?? place;
    if (choices.length === 0) return words.none(label);
    if (sender !== undefined)
      this.deps.conversations.rememberRide(sender, {
        language: request.language,
        pickup: { latitude: point.latitude, longitude: point.longitude, text: place },
        choices: choices.map(({ when: _w, ...choice }) => choice),
      });
    return fitText(preferGsm(words.listed(label, choices)));
  }

  /** Six digits: the code of the ride this sender asked for by text. */
  async code(sender: string | undefined, code: string, language: TextLanguage): Promise<string> {
    const talk = sender === undefined ? undefined : this.deps.conversations.rideTalk(sender);
    const words = rideWords[talk?.language ?? language];
    if (sender === undefined || talk?.pending === undefined) return words.noPending;
    try {
      const state = await this.deps.rides.confirm(talk.pending.link, code);
      this.deps.conversations.rememberRide(sender, undefined);
      return state === 'unmet' ? preferGsm(words.unmet(talk.pending.meeting)) : words.confirmed;
    } catch (error) {
      if (!isPorchlightError(error)) throw error;
      if (error.code === 'PL_RIDE_CODE_WRONG') return words.wrongCode;
      this.deps.conversations.rememberRide(sender, undefined);
      return words.askAgain;
    }
  }

  private async ask(
    sender: string | undefined,
    phone: string | undefined,
    choice: number,
    words: (typeof rideWords)[TextLanguage],
  ): Promise<string> {
    const talk = sender === undefined ? undefined : this.deps.conversations.rideTalk(sender);
    const chosen = talk?.choices[choice - 1];
    if (sender === undefined || phone === undefined || talk === undefined || chosen === undefined)
      return words.needList;
    try {
      const { link } = await this.deps.rides.ask({
        meetingSlug: chosen.slug,
        occurrenceStart: chosen.start,
        pickup: talk.pickup,
        phone,
        language: talk.language,
      });
      this.deps.conversations.rememberRide(sender, {
        ...talk,
        pending: { link, meeting: chosen.name },
      });
      return fitText(preferGsm(words.codeSent(chosen.name)));
    } catch (error) {
      if (!isPorchlightError(error) || error.status >= 500) throw error;
      return words.cannotAsk;
    }
  }

  /** Up to three meetings near the point with rides, soonest askable date first. */
  private async choices(
    point: Point,
    language: TextLanguage,
  ): Promise<(RideChoice & { when: string })[]> {
    const params: SearchParams = {
      near: `${point.latitude},${point.longitude}`,
      attendance: 'in_person,hybrid',
      rides: 'true',
      sort: 'time',
      limit: String(LOOKED_AT),
    };
    await this.deps.search.prepare?.(params);
    const { results } = this.deps.search.search(this.deps.search.parse(params));
    const found: RideChoice[] = [];
    for (const { meeting } of results) {
      if (found.some((c) => c.slug === meeting.slug)) continue;
      const [start] = await this.deps.rides.askable(meeting.slug);
      if (start !== undefined) found.push({ slug: meeting.slug, name: meeting.name, start });
    }
    found.sort((a, b) => a.start.localeCompare(b.start));
    const chosen = found.slice(0, RIDE_CHOICES);
    return Promise.all(
      chosen.map(async (c) => ({
        ...c,
        when: await this.deps.rides.when(c.start, c.slug, language),
      })),
    );
  }
}

function clip(text: string): string {
  return text.length > 30 ? `${text.slice(0, 28)}..` : text;
}

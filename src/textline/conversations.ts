/**
 * What the line keeps between one text and the next, by sender key only: the last search (for
 * MORE, and for a filter sent without a place), a ride being asked for (the meetings offered,
 * then the ride's page link until its code comes) and a count of recent texts (the rate limit). It
 * lives in this process's memory and is forgotten after an hour at most, read off the Clock. A
 * restart forgets it: MORE then asks for a place again, which is the worst that happens.
 */
import type { Clock } from '../platform/clock.js';
import type { SearchFilters, TextLanguage } from './parse-message.js';

/** How long a conversation is remembered after its last text (at most an hour). */
export const CONVERSATION_TTL_MS = 60 * 60_000;

export interface LastSearch {
  place: string;
  filters: SearchFilters;
  /** How many meetings have been listed so far. */
  shown: number;
}

/** A meeting a ride was offered to by text, as `RIDE <n>` picks it. */
export interface RideChoice {
  slug: string;
  name: string;
  /** The occurrence's start, ISO 8601. */
  start: string;
}

/** A ride being asked for by text: the meetings listed, then the ride asked for. */
export interface RideTalk {
  language: TextLanguage;
  pickup: { latitude: number; longitude: number; text: string };
  choices: RideChoice[];
  /** The ride's page link (its secret), until the code confirms it. */
  pending?: { link: string; meeting: string };
}

interface Conversation {
  lastSearch?: LastSearch;
  ride?: RideTalk;
  /** Times (epoch ms) of recent texts within the rate window. */
  recent: number[];
  touchedAt: number;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

export class Conversations {
  private readonly bySender = new Map<string, Conversation>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: RateLimit = { max: 12, windowMs: 10 * 60_000 },
    private readonly maxKept = 100_000,
  ) {}

  /**
   * Counts a text from `sender`: 'ok', 'over' for the first text over the limit (it is told to
   * slow down) or 'silent' for the ones after (no reply at all, so a loop costs nothing).
   */
  count(sender: string): 'ok' | 'over' | 'silent' {
    const now = this.clock.now().getTime();
    const c = this.fresh(sender, now) ?? { recent: [], touchedAt: now };
    c.recent = c.recent.filter((t) => now - t < this.limit.windowMs);
    c.recent.push(now);
    c.touchedAt = now;
    this.keep(sender, c);
    if (c.recent.length <= this.limit.max) return 'ok';
    return c.recent.length === this.limit.max + 1 ? 'over' : 'silent';
  }

  lastSearch(sender: string): LastSearch | undefined {
    return this.fresh(sender, this.clock.now().getTime())?.lastSearch;
  }

  remember(sender: string, search: LastSearch): void {
    const now = this.clock.now().getTime();
    const c = this.fresh(sender, now) ?? { recent: [], touchedAt: now };
    c.lastSearch = search;
    c.touchedAt = now;
    this.keep(sender, c);
  }

  rideTalk(sender: string): RideTalk | undefined {
    return this.fresh(sender, this.clock.now().getTime())?.ride;
  }

  /** Keeps (or, with undefined, ends) a ride being asked for. */
  rememberRide(sender: string, talk: RideTalk | undefined): void {
    const now = this.clock.now().getTime();
    const c = this.fresh(sender, now) ?? { recent: [], touchedAt: now };
    if (talk === undefined) delete c.ride;
    else c.ride = talk;
    c.touchedAt = now;
    this.keep(sender, c);
  }

  /** Forgets a sender at once (STOP). */
  forget(sender: string): void {
    this.bySender.delete(sender);
  }

  /** How many senders are remembered (expired ones are dropped first). */
  get size(): number {
    this.sweep(this.clock.now().getTime());
    return this.bySender.size;
  }

  private fresh(sender: string, now: number): Conversation | undefined {
    const c = this.bySender.get(sender);
    if (c === undefined) return undefined;
    if (now - c.touchedAt >= CONVERSATION_TTL_MS) {
      this.bySender.delete(sender);
      return undefined;
    }
    return c;
  }

  private keep(sender: string, c: Conversation): void {
    // Re-inserting keeps the map in order of last use, oldest first.
    this.bySender.delete(sender);
    this.bySender.set(sender, c);
    if (this.bySender.size > this.maxKept) this.sweep(c.touchedAt);
  }

  private sweep(now: number): void {
    for (const [sender, c] of this.bySender) {
      if (now - c.touchedAt < CONVERSATION_TTL_MS && this.bySender.size <= this.maxKept) break;
      this.bySender.delete(sender);
    }
  }
}

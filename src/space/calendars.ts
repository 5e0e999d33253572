/**
 * Reminders before a saved meeting, as a calendar subscription (decision 0135). The saved
 * meetings live on the person's device; a device that wants reminders hands the server their
 * slugs and the lead it chose, and gets back a secret for its feed's address. The server keeps
 * them sealed under a key derived from that secret and finds the row by the secret's hash, so
 * the list can be read only while the calendar app asks with the address: a copy of the
 * database says nothing about who goes where.
 */
import { hkdfSync } from 'node:crypto';
import { hashToken, newToken } from '../accounts/tokens.js';
import { searchCalendar } from '../feeds/ical/search-calendar.js';
import { escapeText } from '../feeds/ical/ical-text.js';
import type { MeetingDirectory } from '../meetings/meeting-directory.js';
import type { Meeting } from '../meetings/model.js';
import type { Clock } from '../platform/clock.js';
import { openJson, sealJson } from '../platform/crypto/envelope.js';
import { PorchlightError } from '../platform/errors.js';
import type { Locale } from '../web/i18n/locales.js';
import { translator } from '../web/i18n/translator.js';
import type { SpaceCalendarRepository } from './calendar-repository.js';

/** How long before a meeting the reminder comes, in minutes: the choices offered. */
export const REMINDER_LEADS = [15, 30, 60, 120] as const;
/** As many meetings as a browser keeps saved. */
export const MAX_CALENDAR_MEETINGS = 200;

/** What a device asks to be reminded of. */
export interface CalendarChoice {
  meetings: string[];
  leadMinutes: number;
  locale: Locale;
}

export interface SpaceCalendarDeps {
  repo: SpaceCalendarRepository;
  clock: Clock;
  meetings: MeetingDirectory;
  publicUrl: string;
}

export class SpaceCalendars {
  constructor(private readonly deps: SpaceCalendarDeps) {}

  /** A new subscription; its secret is shown once, to the device. */
  async create(choice: CalendarChoice): Promise<{ secret: string }> {
    const secret = newToken();
    const id = hashToken(secret);
    await this.deps.repo.insert(id, sealed(secret, id, choice), this.now());
    return { secret };
  }

  /** The device's saved meetings changed, or its lead did. */
  async update(secret: string, choice: CalendarChoice): Promise<void> {
    const id = hashToken(secret);
    if (!(await this.deps.repo.update(id, sealed(secret, id, choice), this.now())))
      throw new PorchlightError('PL_SPACE_CALENDAR_NOT_FOUND');
  }

  /** Stops the reminders: the row and all it held are deleted. */
  async remove(secret: string): Promise<void> {
    if (!(await this.deps.repo.delete(hashToken(secret))))
      throw new PorchlightError('PL_SPACE_CALENDAR_NOT_FOUND');
  }

  /** The feed: each saved meeting's recurrences with a reminder the chosen time before. */
  async feed(secret: string): Promise<string> {
    const id = hashToken(secret);
    const stored = await this.deps.repo.sealed(id);
    if (stored === undefined) throw new PorchlightError('PL_SPACE_CALENDAR_NOT_FOUND');
    const choice = openJson<CalendarChoice>(keyOf(secret), stored, context(id));
    // A meeting that left the directory since it was saved is left out.
    const found = await Promise.all(choice.meetings.map((slug) => this.deps.meetings.find(slug)));
    const t = translator(choice.locale);
    const text = searchCalendar(
      found.filter((m): m is Meeting => m !== undefined),
      {},
      {
        publicUrl: this.deps.publicUrl,
        now: this.deps.clock.now(),
        name: t('space.calendar.name'),
      },
    );
    // One reminder in each event, just before it ends (END:VEVENT is never folded).
    const alarm = [
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${escapeText(t('space.calendar.reminder'))}`,
      `TRIGGER:-PT${choice.leadMinutes}M`,
      'END:VALARM',
      '',
    ].join('\r\n');
    return text.replaceAll('END:VEVENT\r\n', `${alarm}END:VEVENT\r\n`);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** The key a subscription's contents are sealed under: from its secret, never stored. */
function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'porchlight-space-calendar', 'contents', 32));
}

const context = (id: string) => `space-calendar:${id}`;

function sealed(secret: string, id: string, choice: CalendarChoice): string {
  return sealJson(keyOf(secret), choice, context(id));
}

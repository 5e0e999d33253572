/**
 * Reminders before saved meetings through a calendar subscription (decision 0135): this device
 * hands the server its saved meetings' slugs and a lead, and keeps the feed's secret here, in
 * localStorage beside the saved meetings. Each device has its own feed; nothing of it syncs.
 */

/** The localStorage key of this device's subscription. */
export const CALENDAR_KEY = 'porchlight:space-calendar:v1';

export interface CalendarState {
  secret: string;
  leadMinutes: number;
  /** The slugs the server was last given, to know when to send them again. */
  meetings: string[];
}

export const LEADS = [15, 30, 60, 120] as const;

/** This device's subscription, if it has one. */
export function readCalendar(store: Pick<Storage, 'getItem'>): CalendarState | undefined {
  try {
    const value = JSON.parse(store.getItem(CALENDAR_KEY) ?? 'null') as CalendarState | null;
    return value !== null && typeof value.secret === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function saveCalendar(
  store: Pick<Storage, 'setItem' | 'removeItem'>,
  state: CalendarState | undefined,
): void {
  if (state === undefined) store.removeItem(CALENDAR_KEY);
  else store.setItem(CALENDAR_KEY, JSON.stringify(state));
}

/** The feed's addresses: `https:` to open, `webcal:` for a calendar app to subscribe. */
export function feedLinks(origin: string, secret: string): { https: string; webcal: string } {
  const https = `${origin}/api/v1/space/calendars/${secret}/meetings.ics`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

const API = '/api/v1/space/calendars';

function body(meetings: readonly string[], leadMinutes: number, locale: string): string {
  return JSON.stringify({ meetings, leadMinutes, locale: locale === 'es' ? 'es' : 'en' });
}

/** Asks for a feed of these meetings; throws when offline or refused. */
export async function startCalendar(
  meetings: readonly string[],
  leadMinutes: number,
  locale: string,
): Promise<CalendarState> {
  const response = await fetch(API, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body(meetings, leadMinutes, locale),
  });
  if (response.status !== 201) throw new Error(`calendar: ${response.status}`);
  const { secret } = (await response.json()) as { secret: string };
  return { secret, leadMinutes, meetings: [...meetings] };
}

/** Gives the server this device's saved meetings again; false when it could not. */
export async function updateCalendar(
  state: CalendarState,
  meetings: readonly string[],
  locale: string,
): Promise<boolean> {
  try {
    const response = await fetch(API, {
      method: 'PUT',
      headers: { authorization: `Bearer ${state.secret}`, 'content-type': 'application/json' },
      body: body(meetings, state.leadMinutes, locale),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Stops the feed on the server; one it no longer knows counts as stopped. */
export async function stopCalendar(state: CalendarState): Promise<void> {
  const response = await fetch(API, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${state.secret}` },
  });
  if (!response.ok && response.status !== 404) throw new Error(`calendar: ${response.status}`);
}

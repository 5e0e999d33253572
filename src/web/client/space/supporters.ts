/**
 * The person's supporters as this device keeps them (decision 0114): for each, the server's id
 * and the device's own token, the name the person gave (never sent), and whether they are told
 * on "I need help now" and after a hard check-in; and the few requests the device makes about
 * them. A request carries a token and, for a message, the person's chosen words: nothing else.
 */
import { cleanAlertText } from '../../../space/supporter-model.js';
import type { CheckIn, HelpSettings, Settings } from './model.js';
import type { Words } from './words.js';

/** `gone`: the server no longer knows them (they stopped, or the invitation ran out). */
export type SupporterState = 'invited' | 'confirming' | 'active' | 'gone';
export type SupporterChannel = 'email' | 'sms' | 'push';

/** One supporter, one record of the space's store. */
export interface Supporter {
  id: string;
  /** The device's bearer token for this supporter: whoever holds it can message them. */
  token: string;
  /** The name the person gave them; it stays on the device (and in the encrypted sync). */
  name: string;
  /** The link's secret, kept until they answer: the server forgets it then. */
  invite?: string;
  /** Until when the invitation can be answered. */
  expiresAt: string;
  state: SupporterState;
  channel?: SupporterChannel;
  /** Told when the person presses "I need help now". */
  onHelp: boolean;
  /** Told when a check-in crosses the person's own threshold. */
  onCheckIn: boolean;
  createdAt: string;
  /** When the person last changed this record: a sync keeps the later copy. */
  updatedAt: string;
}

/** The line a check-in must cross until the person sets their own. */
export const DEFAULT_THRESHOLD = { craving: 8, mood: 1 } as const;

/** Whether a check-in crosses the person's own line. */
export function crossesThreshold(
  checkIn: Pick<CheckIn, 'craving' | 'mood'>,
  line: Pick<HelpSettings, 'craving' | 'mood'>,
): boolean {
  return checkIn.craving >= line.craving || checkIn.mood <= line.mood;
}

/** The words as they will be sent (one line, trimmed, at most 300 characters), or ''. */
export function sentWords(text: string): string {
  return cleanAlertText(text) ?? '';
}

/** The supporters told on help, or after a hard check-in: only those who can be reached. */
export function chosen(supporters: readonly Supporter[], on: 'onHelp' | 'onCheckIn'): Supporter[] {
  return supporters.filter((s) => s[on] && s.state === 'active');
}

/** The link the person hands a supporter, in the person's language. */
export function inviteLink(origin: string, locale: string, invite: string): string {
  return `${origin}/${locale === 'es' ? 'es' : 'en'}/space/support/${invite}`;
}

const API = '/api/v1/space/supporters';
const bearer = (s: Pick<Supporter, 'token'>) => ({
  authorization: `Bearer ${s.token}`,
  accept: 'application/json',
});

/** Asks the server for an invitation; throws when offline or refused. */
export async function askInvitation(
  name: string,
  now: Date,
): Promise<Supporter & { invite: string }> {
  const response = await fetch(API, { method: 'POST', headers: { accept: 'application/json' } });
  if (response.status !== 201) throw new Error(`invitation: ${response.status}`);
  const made = (await response.json()) as {
    id: string;
    token: string;
    invite: string;
    expiresAt: string;
  };
  const at = now.toISOString();
  return {
    ...made,
    name,
    state: 'invited',
    onHelp: true,
    onCheckIn: false,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The supporter as the server sees them now, merged into the record (their state and channel;
 * an answered invitation's secret is dropped). Unchanged when the server cannot be asked.
 */
export async function refreshed(s: Supporter): Promise<Supporter> {
  if (s.state === 'gone') return s;
  let response: Response;
  try {
    response = await fetch(`${API}/${s.id}`, { headers: bearer(s), cache: 'no-store' });
  } catch {
    return s;
  }
  if (response.status === 404) return { ...s, state: 'gone' };
  if (!response.ok) return s;
  const status = (await response.json()) as { state: SupporterState; channel?: SupporterChannel };
  const { invite, channel, ...rest } = s;
  return {
    ...rest,
    state: status.state,
    ...(status.channel !== undefined ? { channel: status.channel } : {}),
    ...(status.state !== 'active' && invite !== undefined ? { invite } : {}),
  };
}

/** Tells the server to forget a supporter; one it no longer knows counts as forgotten. */
export async function forget(s: Supporter): Promise<void> {
  if (s.state === 'gone') return;
  const response = await fetch(`${API}/${s.id}`, { method: 'DELETE', headers: bearer(s) });
  if (!response.ok && response.status !== 404) throw new Error(`remove: ${response.status}`);
}

/** What became of one message. */
export type Sent = 'sent' | 'gone' | 'limit' | 'waiting' | 'failed';

/** Sends the person's words to one supporter, now. */
export async function alert(s: Supporter, words: string): Promise<Sent> {
  try {
    const response = await fetch(`${API}/${s.id}/alerts`, {
      method: 'POST',
      headers: { ...bearer(s), 'content-type': 'application/json' },
      body: JSON.stringify({ text: words }),
    });
    if (response.status === 202) return 'sent';
    if (response.status === 404) return 'gone';
    if (response.status === 429) return 'limit';
    if (response.status === 409) return 'waiting';
    return 'failed';
  } catch {
    return 'failed';
  }
}

/** Each chosen supporter told at once; those the server no longer knows are marked gone. */
export async function tellAll(
  supporters: readonly Supporter[],
  words: string,
  markGone: (s: Supporter) => Promise<void>,
): Promise<{ supporter: Supporter; sent: Sent }[]> {
  return Promise.all(
    supporters.map(async (supporter) => {
      const sent = await alert(supporter, words);
      if (sent === 'gone') await markGone(supporter);
      return { supporter, sent };
    }),
  );
}

/** The person's words and line, or the page's own until they write theirs. */
export function helpOf(settings: Pick<Settings, 'help'>, w: Pick<Words, 't'>): HelpSettings {
  return (
    settings.help ?? {
      message: w.t('space.ui.help.defaultMessage'),
      checkInMessage: w.t('space.ui.help.defaultCheckIn'),
      ...DEFAULT_THRESHOLD,
    }
  );
}

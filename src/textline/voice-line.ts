/**
 * The voice line, as Twilio calls it step by step (the step travels in the action URL, the
 * place the caller gave in the conversation kept by the keyed hash of their number, never in a
 * URL or a log): ask for a ZIP code by voice or keypad, read the next meetings, then offer
 * 1 (the meetings by text, through the SMS port), 0 (a person: the volunteer on call by the
 * schedule, else the helpline, and the helpline again when the volunteer does not answer) and
 * 9 (hear them again).
 */
import type { Clock } from '../platform/clock.js';
import type { Conversations } from './conversations.js';
import { onCallAt, type Shift } from './on-call.js';
import type { OptOuts, TextLine } from './text-line.js';
import type { SenderKey } from './sender-key.js';
import { spokenMeeting } from './spoken.js';
import { element, twimlResponse, xmlEscape } from './twiml.js';

export interface VoiceLineDeps {
  textLine: TextLine;
  conversations: Conversations;
  senderKey: SenderKey;
  optOuts: OptOuts;
  clock: Clock;
  /** Sends a text through the SMS port (the delivery queue); absent when no provider is set up. */
  sendText?: (message: { to: string; text: string; idempotencyKey: string }) => Promise<void>;
  /** Put through when nobody on call answers, or nobody is on call. */
  helpline?: string;
  onCall: readonly Shift[];
  timeZone: string;
}

const PATH = '/voice/twilio';
const VOICE = { voice: 'Polly.Joanna', language: 'en-US' } as const;

const say = (text: string) => element('Say', VOICE, xmlEscape(text));
const pause = () => element('Pause', { length: 1 });
const redirect = (step?: string) =>
  element(
    'Redirect',
    { method: 'POST' },
    xmlEscape(step === undefined ? PATH : `${PATH}?step=${step}`),
  );

const CRISIS =
  'If you are in crisis, hang up and call or text nine eight eight. For treatment referral, call 1 800 662 4357.';

export class VoiceLine {
  constructor(private readonly deps: VoiceLineDeps) {}

  /** The TwiML for one step of a call. `form` is Twilio's (already verified) request. */
  async answer(
    form: Map<string, string>,
    query: { step?: string | undefined; tried?: string | undefined },
  ): Promise<string> {
    const from = form.get('From') ?? '';
    switch (query.step) {
      case 'place':
        return this.place(from, form.get('Digits'), form.get('SpeechResult'));
      case 'menu':
        return this.menu(from, form.get('Digits') ?? '', form.get('CallSid') ?? '');
      case 'dialled':
        return this.dialled(form.get('DialCallStatus') ?? '', query.tried ?? '');
      default:
        return this.welcome();
    }
  }

  private welcome(): string {
    return twimlResponse([
      element(
        'Gather',
        {
          input: 'speech dtmf',
          numDigits: 5,
          timeout: 8,
          speechTimeout: 'auto',
          hints: 'zip code',
          action: `${PATH}?step=place`,
          method: 'POST',
        },
        say(
          'Welcome to the meeting line. To hear the next meetings near you, say or key in your five digit ZIP code.',
        ),
      ),
      say('We did not hear a ZIP code.'),
      redirect(),
    ]);
  }

  private place(from: string, digits: string | undefined, speech: string | undefined): string {
    const place = zipFrom(digits) ?? zipFrom(spokenDigits(speech ?? '')) ?? speech?.trim();
    if (place === undefined || place === '')
      return twimlResponse([say('Sorry, we did not catch that.'), redirect()]);
    const filters = { types: [], programs: [], languages: [] };
    const outcome = this.deps.textLine.find(place, filters, 0, 3);
    if (outcome.kind !== 'found')
      return twimlResponse([
        say(
          outcome.kind === 'ambiguous'
            ? 'Several places have that name. Please key in the ZIP code instead.'
            : 'We do not know that place. Please try your ZIP code again.',
        ),
        redirect(),
      ]);
    if (from !== '')
      this.deps.conversations.remember(this.deps.senderKey(from), { place, filters, shown: 0 });
    const meetings = outcome.found.meetings;
    const lines =
      meetings.length === 0
        ? [say('We found no meetings near there.')]
        : [
            say(`The next meetings near ${outcome.found.placeLabel.replace(/,.*$/, '')}.`),
            ...meetings.flatMap((m) => [pause(), say(spokenMeeting(m))]),
          ];
    return twimlResponse([
      ...lines,
      pause(),
      this.menuGather(),
      say(CRISIS),
      element('Hangup', {}),
    ]);
  }

  private menuGather(): string {
    return element(
      'Gather',
      { input: 'dtmf', numDigits: 1, timeout: 8, action: `${PATH}?step=menu`, method: 'POST' },
      say(
        'To get these meetings by text message, press 1. To talk with a person, press 0. To hear them again, press 9.',
      ),
    );
  }

  private async menu(from: string, digit: string, callSid: string): Promise<string> {
    if (digit === '0') return this.connect();
    const last =
      from === '' ? undefined : this.deps.conversations.lastSearch(this.deps.senderKey(from));
    if (last === undefined) return twimlResponse([redirect()]);
    if (digit === '9') return this.place(from, undefined, last.place);
    if (digit !== '1') return twimlResponse([this.menuGather(), element('Hangup', {})]);
    const sendText = this.deps.sendText;
    if (sendText === undefined || !/^\+[1-9]\d{1,14}$/.test(from))
      return twimlResponse([say('Sorry, this line cannot send text messages.'), this.menuGather()]);
    if (await this.deps.optOuts.isOptedOut(this.deps.senderKey(from)))
      return twimlResponse([
        say('This number asked for no text messages. Text START to this line to get them again.'),
        element('Hangup', {}),
      ]);
    const listing = await this.deps.textLine.listing(last.place, last.filters, 0, 'en');
    // One text per call: pressing 1 twice, or Twilio retrying the request, sends it once.
    await sendText({ to: from, text: listing.text, idempotencyKey: `voice:${callSid}` });
    return twimlResponse([
      say('We are sending them by text message now. Thank you for calling.'),
      element('Hangup', {}),
    ]);
  }

  /** Press 0: the volunteer on call, else the helpline; the fallback follows a missed call. */
  private connect(): string {
    const onCall = onCallAt(this.deps.onCall, this.deps.clock.now().getTime(), this.deps.timeZone);
    const number = onCall ?? this.deps.helpline;
    if (number === undefined)
      return twimlResponse([
        say(`Nobody can take your call here. ${CRISIS}`),
        element('Hangup', {}),
      ]);
    return twimlResponse([
      say('Connecting you with a person. Please hold.'),
      element(
        'Dial',
        {
          timeout: 20,
          action: `${PATH}?step=dialled&tried=${onCall !== undefined ? 'on-call' : 'helpline'}`,
          method: 'POST',
        },
        element('Number', {}, xmlEscape(number)),
      ),
    ]);
  }

  private dialled(status: string, tried: string): string {
    if (status === 'completed') return twimlResponse([element('Hangup', {})]);
    const helpline = this.deps.helpline;
    if (tried === 'on-call' && helpline !== undefined)
      return twimlResponse([
        say('Nobody answered. Trying the helpline.'),
        element('Dial', { timeout: 30 }, element('Number', {}, xmlEscape(helpline))),
        say(CRISIS),
      ]);
    return twimlResponse([say(`Nobody could answer. ${CRISIS}`), element('Hangup', {})]);
  }
}

function zipFrom(text: string | undefined): string | undefined {
  const digits = (text ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? digits.slice(0, 5) : undefined;
}

const SPOKEN_DIGITS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  to: '2',
  too: '2',
  three: '3',
  four: '4',
  for: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** "zero one three oh one" -> "01301"; digits Twilio already wrote as digits are kept. */
export function spokenDigits(speech: string): string {
  return speech
    .toLowerCase()
    .split(/[\s,.-]+/)
    .map((w) => SPOKEN_DIGITS[w] ?? w.replace(/\D/g, ''))
    .join('');
}

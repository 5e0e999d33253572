/** Validation of links and dial strings: imported text is untrusted and may end up as a link. */

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: 'invalid' | 'unsafe' };

/**
 * Accepts only absolute http(s) URLs with a host; anything else (`javascript:`, `data:`,
 * relative paths, credentials in the URL) is refused, because a link we show is a link we vouch for.
 */
export function checkWebLink(input: string): LinkCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // "zoom.us/j/123" without a scheme is common in hand-kept lists.
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(text)) return checkWebLink(`https://${text}`);
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'unsafe' };
  if (url.hostname === '' || url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, url: url.toString() };
}

const knownProviders: [RegExp, string][] = [
  [/(^|\.)zoom\.(us|com)$/, 'zoom'],
  [/(^|\.)zoomgov\.com$/, 'zoom'],
  [/^meet\.google\.com$/, 'google_meet'],
  [/(^|\.)teams\.microsoft\.com$/, 'teams'],
  [/(^|\.)teams\.live\.com$/, 'teams'],
  [/(^|\.)webex\.com$/, 'webex'],
  [/(^|\.)gotomeeting\.com$/, 'goto_meeting'],
  [/(^|\.)meet\.goto\.com$/, 'goto_meeting'],
  [/(^|\.)skype\.com$/, 'skype'],
  [/(^|\.)discord\.(gg|com)$/, 'discord'],
  [/(^|\.)meet\.jit\.si$/, 'jitsi'],
  [/(^|\.)freeconferencecall\.com$/, 'free_conference_call'],
  [/(^|\.)whereby\.com$/, 'whereby'],
  [/(^|\.)bluejeans\.com$/, 'bluejeans'],
  [/(^|\.)signal\.group$/, 'signal'],
  [/(^|\.)chat\.whatsapp\.com$/, 'whatsapp'],
];

/** The conferencing provider a URL belongs to, for display; undefined when not recognised. */
export function conferenceProvider(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return knownProviders.find(([pattern]) => pattern.test(host))?.[1];
}

/**
 * Cleans a dial string for a `tel:` link: keeps digits, a leading +, and the pause (`,`) and
 * tone (`#`, `*`) characters that carry meeting ids and passcodes. Undefined when fewer than
 * seven digits remain before the first pause (not a phone number).
 */
export function cleanDialString(input: string): string | undefined {
  const text = input.trim().replace(/^tel:/i, '');
  const [number = '', ...rest] = text.split(/(?=[,;])/);
  const digits = number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  if (digits.replace(/\D/g, '').length < 7) return undefined;
  const suffix = rest
    .join('')
    .replace(/;/g, ',')
    .replace(/[^\d,#*]/g, '');
  return digits + suffix;
}

/**
 * Recipients as an operator may see them in a list or a log line: enough to tell two apart
 * and to recognise one a person asks about, not enough to learn who they are.
 */

/** `sam@example.org` -> `s***@e***`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${firstLetter(address.slice(0, at))}***@${firstLetter(address.slice(at + 1))}***`;
}

/** `+14135550123` -> `***-***-0123`: the last four digits, as a card statement shows them. */
export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 8) return '***';
  return `***-***-${digits.slice(-4)}`;
}

/** A push endpoint -> `push:<host>`: the service, never the device's token in its path. */
export function maskPushEndpoint(endpoint: string): string {
  return URL.canParse(endpoint) ? `push:${new URL(endpoint).hostname}` : 'push:***';
}

function firstLetter(text: string): string {
  const first = [...text.trim()][0];
  return first === undefined || first === '.' ? '*' : first.toLowerCase();
}

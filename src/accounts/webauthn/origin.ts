/**
 * Whether a site's public address can carry passkeys. Browsers bind a passkey to a domain name
 * (the relying party id) and offer WebAuthn only in a secure context: an IP address can never be
 * a relying party id, and plain http is secure only on `localhost` and its subdomains.
 */
import { isIP } from 'node:net';

/** Why passkeys cannot work at this address: `ip-address`, `insecure`; undefined when they can. */
export type PasskeyOriginProblem = 'ip-address' | 'insecure';

/** What is wrong with `publicUrl` for passkeys, or undefined when passkeys can work there. */
export function passkeyOriginProblem(publicUrl: string): PasskeyOriginProblem | undefined {
  const url = new URL(publicUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return 'ip-address';
  const local = host === 'localhost' || host.endsWith('.localhost');
  if (url.protocol !== 'https:' && !local) return 'insecure';
  return undefined;
}

/** The address to suggest instead: the same port on `localhost` for a loopback IP, else https. */
export function passkeyOriginSuggestion(publicUrl: string): string {
  const url = new URL(publicUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::';
  if (loopback) url.hostname = 'localhost';
  else if (passkeyOriginProblem(publicUrl) === 'insecure') url.protocol = 'https:';
  return url.origin;
}

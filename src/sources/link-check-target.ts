import { isIP } from 'node:net';

/** What a link check found; nothing is ever hidden or deleted because of it. */
export const linkCheckResults = ['ok', 'unreachable', 'not_found', 'invalid'] as const;
export type LinkCheckResult = (typeof linkCheckResults)[number];

export interface TargetVerdict {
  result: LinkCheckResult;
  detail?: string;
}

/**
 * True for an address on a private, loopback, link-local or otherwise non-public network: a
 * link check must never be a way to probe the operator's own network.
 */
export function isPrivateAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '').toLowerCase();
  const version = isIP(host);
  if (version === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  if (version === 6) {
    if (host === '::' || host === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    if (mapped !== undefined) return isPrivateAddress(mapped);
    // A URL writes a mapped IPv4 address in hex (`[::ffff:a00:1]` is 10.0.0.1).
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (hex !== null) {
      const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return /^(fc|fd|fe[89ab])/.test(host);
  }
  return false;
}

/** True for a host name that can only mean a local network (no public DNS name looks so). */
export function isLocalName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return false;
  return (
    !host.includes('.') ||
    /(^|\.)(localhost|local|internal|lan|home\.arpa|intranet|corp)$/.test(host)
  );
}

/** True when an address is the loopback one (the test server's). */
export function isLoopbackAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '');
  return host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Whether a dial string could be a real phone number, from its form alone (nobody is called):
 * E.164 allows at most 15 digits and no country code starts with 0; North American numbers
 * (+1, or 10 digits written without it) have area codes and exchanges that start with 2-9.
 */
export function checkDialString(phone: string): TargetVerdict {
  const number = phone.trim().split(/[,;]/)[0] ?? '';
  const international = number.startsWith('+');
  const digits = number.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15)
    return { result: 'invalid', detail: `${digits.length} digits; a phone number has 7-15` };
  if (international && digits.startsWith('0'))
    return { result: 'invalid', detail: 'no country code starts with 0' };
  const northAmerican = international
    ? digits.startsWith('1')
    : digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
  if (northAmerican) {
    const national = digits.length === 11 ? digits.slice(1) : digits;
    if (national.length !== 10)
      return { result: 'invalid', detail: 'a North American number has 10 digits after +1' };
    if (!/^[2-9]\d{2}[2-9]/.test(national))
      return {
        result: 'invalid',
        detail: 'North American area codes and exchanges start with 2-9',
      };
  }
  return { result: 'ok', detail: 'plausible number (not dialled)' };
}

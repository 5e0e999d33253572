/**
 * Twilio's request signature (`X-Twilio-Signature`), for the webhooks Twilio calls (incoming
 * texts and calls): base64 HMAC-SHA1, keyed by the auth token, of the full URL Twilio called
 * followed by each POST parameter's name and value, sorted by name (then value), with no
 * separators. A request whose signature does not match did not come from Twilio.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters as pairs, so repeated names keep every value. */
export type FormPairs = Iterable<readonly [string, string]>;

/** The signature Twilio sends for `url` and `params`. */
export function twilioSignature(authToken: string, url: string, params: FormPairs): string {
  const pairs = [...params].sort(([ka, va], [kb, vb]) =>
    ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0,
  );
  let data = url;
  for (const [name, value] of pairs) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Whether `signature` is Twilio's for this request. The URL is tried as given and with its
 * default port written out or left out, since proxies and Twilio do not always agree on it.
 * Compared in constant time.
 */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: FormPairs,
): boolean {
  if (signature === undefined || signature === '') return false;
  const pairs = [...params];
  const given = Buffer.from(signature);
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, pairs));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(url: string): string[] {
  if (!URL.canParse(url)) return [url];
  const parsed = new URL(url);
  const defaultPort =
    parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
  if (defaultPort === '') return [url];
  const rest = `${parsed.pathname}${parsed.search}`;
  const withPort = `${parsed.protocol}//${parsed.username ? `${parsed.username}:${parsed.password}@` : ''}${parsed.hostname}:${parsed.port || defaultPort}${rest}`;
  const withoutPort = `${parsed.protocol}//${parsed.username ? `${parsed.username}:${parsed.password}@` : ''}${parsed.hostname}${parsed.port && parsed.port !== defaultPort ? `:${parsed.port}` : ''}${rest}`;
  return [...new Set([url, withPort, withoutPort])];
}

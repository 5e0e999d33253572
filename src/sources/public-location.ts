/**
 * A source's location as the public may see it. Operators register feeds with credentials in
 * them (`https://user:pass@host/feed`, `?key=...`) and import local files; the public API and
 * pages show neither the secrets nor the operator's file paths. Operators see them in full
 * (the CLI, and the API when an administrator is signed in).
 */
import { basename } from 'node:path';

const REDACTED = '***';

/** Query parameter names that carry a secret by their name. */
const secretName = /key|token|secret|pass|pwd|auth|sig|session|credential|bearer|otp/i;

/** A query value that looks like a random token whatever its name: long, letters and digits. */
function tokenLike(value: string): boolean {
  return (
    value.length >= 20 &&
    /^[\w\-.~+/=%]+$/.test(value) &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value)
  );
}

/** True when the location is a web address rather than a file of the operator's machine. */
export function isWebLocation(location: string): boolean {
  return /^https?:\/\//i.test(location.trim());
}

/**
 * The public form of a location: a URL without user name, password or secret-looking query
 * values; a local file by its name only.
 */
export function publicLocation(location: string): string {
  if (!isWebLocation(location)) return basename(location.trim().replace(/\\/g, '/')) || 'file';
  if (!URL.canParse(location.trim())) return REDACTED;
  const url = new URL(location.trim());
  if (url.username !== '' || url.password !== '') {
    url.username = REDACTED;
    url.password = '';
  }
  let redacted = false;
  const query = new URLSearchParams(url.search);
  for (const [name, value] of [...query]) {
    if (value !== '' && (secretName.test(name) || tokenLike(value))) {
      query.set(name, REDACTED);
      redacted = true;
    }
  }
  if (redacted) url.search = query.toString().replaceAll('%2A', '*');
  return url.toString();
}

const urlInText = /https?:\/\/[^\s'"<>`]+/gi;
const pathInText = /(^|[\s'"(`])((?:[A-Za-z]:)?[\\/][^\s'"()`]+)/g;

/**
 * A message (an import error, a problem) fit for the public: the source's own location in its
 * public form, credentials and secret values of any URL redacted, and file paths by name only.
 */
export function publicText(text: string, location?: string): string {
  let out = text;
  if (location !== undefined && location.trim() !== '')
    out = out.split(location).join(publicLocation(location));
  out = out.replace(urlInText, (url) => publicLocation(url));
  return out.replace(pathInText, (_all, before: string, path: string) => {
    // A URL's own path was already handled above; what is left starting with a slash is a file.
    return `${before}${publicLocation(path)}`;
  });
}

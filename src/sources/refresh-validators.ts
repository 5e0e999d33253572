/**
 * What a server said about the snapshot last applied from it, sent back as `If-None-Match` and
 * `If-Modified-Since` so an unchanged feed costs a 304 instead of a download. Bound to the
 * location: validators of another URL mean nothing.
 */
export interface HttpValidators {
  location: string;
  etag?: string;
  lastModified?: string;
}

/** The conditional request headers for a read of `location`, when we hold validators for it. */
export function conditionalHeaders(
  validators: HttpValidators | undefined,
  location: string,
): Record<string, string> {
  if (validators === undefined || validators.location !== location) return {};
  const headers: Record<string, string> = {};
  if (validators.etag !== undefined) headers['if-none-match'] = validators.etag;
  if (validators.lastModified !== undefined) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

/** The page context of a request: its language, the path the language switch keeps, settings. */
import type { FastifyRequest } from 'fastify';
import { canonicalTimeZone } from '../../meetings/time-zone.js';
import type { ClientSettings } from '../assets-tags.js';
import { negotiateLocale, splitLocalePath } from '../i18n/locales.js';
import { pageContext, type PageContext } from '../page-context.js';

export interface ContextSettings {
  /** The address people reach the server at, for absolute links. */
  publicUrl: string;
  /** The client build and map settings; without them pages carry no script. */
  client?: ClientSettings;
  /** Keep the viewer's time zone (`?tz=`) across the language switch. */
  keepZone?: boolean;
}

/**
 * The context of a page request: the language from the path prefix, else from
 * Accept-Language (and then the answer varies by that header).
 */
export function requestContext(request: FastifyRequest, settings: ContextSettings): PageContext {
  const pathname = request.url.split('?', 1)[0] ?? '/';
  const { locale: prefixed, path } = splitLocalePath(pathname);
  const zone = settings.keepZone === true ? viewerZone(request) : undefined;
  return pageContext({
    locale: prefixed ?? negotiateLocale(request.headers['accept-language']),
    path,
    keptQuery: zone === undefined ? '' : `?tz=${encodeURIComponent(zone)}`,
    publicUrl: settings.publicUrl,
    negotiated: prefixed === undefined,
    ...(settings.client !== undefined ? { client: settings.client } : {}),
  });
}

/** The viewer's IANA zone from `?tz=`, canonical, or undefined when absent or not a zone. */
export function viewerZone(request: FastifyRequest): string | undefined {
  const { tz } = (request.query ?? {}) as { tz?: unknown };
  if (typeof tz !== 'string' || tz.length > 64) return undefined;
  return canonicalTimeZone(tz);
}

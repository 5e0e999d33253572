import type { FastifyRequest } from 'fastify';
import { negotiateLocale, splitLocalePath } from '../../web/i18n/locales.js';
import { pageContext, type PageContext } from '../../web/page-context.js';

/** The page context of a stewardship page: language from the path prefix or Accept-Language. */
export function stewardshipContext(request: FastifyRequest, publicUrl: string): PageContext {
  const pathname = request.url.split('?', 1)[0] ?? '/';
  const { locale: prefixed, path } = splitLocalePath(pathname);
  return pageContext({
    locale: prefixed ?? negotiateLocale(request.headers['accept-language']),
    path,
    keptQuery: '',
    publicUrl,
    negotiated: prefixed === undefined,
  });
}

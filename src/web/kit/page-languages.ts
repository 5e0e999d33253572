/**
 * Which language prefixes a server's pages answer under: the offered languages, and the
 * pseudo-locale when the operator or a test turned it on (`PORCHLIGHT_PSEUDO_LOCALE=1`,
 * decision 0144). Kept on the server instance, so every page scope registered on it, or on a
 * scope inside it, sees the same answer without each route's dependencies carrying a setting.
 */
import type { HttpServer } from '../../platform/http/server.js';
import { locales, pseudoLocale, type Locale } from '../i18n/locales.js';

const PSEUDO = Symbol('pseudoLocale');
type Marked = { [PSEUDO]?: true };

/** Serves the pseudo-locale's pages under `/en-xa/` on this server. */
export function servePseudoLocale(server: HttpServer): void {
  (server as unknown as Marked)[PSEUDO] = true;
}

/** The languages this server's pages answer under a prefix. */
export function pageLocales(server: HttpServer): readonly Locale[] {
  // Fastify makes a scope with Object.create(parent): a mark on the root is seen by its scopes.
  return (server as unknown as Marked)[PSEUDO] === true ? [...locales, pseudoLocale] : locales;
}
